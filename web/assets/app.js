// app.js: the only script. The "after match" selector shows its choice at
// once; the match grid opens at the newest match; a tap or hover on the
// race chart's legend (or a line) picks out one team. A page with live data
// (body[data-events]) listens to the event stream. An event that carries a
// delta (a stored match, with the standings rows, the grid's new column and
// the chart's new points the server computed) is placed on the latest
// leaderboard of its stage as it is: rows re-ordered, the column added and
// marked, the chart redrawn; an event for another stage changes nothing on
// a leaderboard. Any other page, or one the delta does not fit, re-fetches
// itself at the event's version (?v=N) and swaps in its <section id="live">
// without a reload, keeping the grid's scroll and the picked team, and
// marking a new match. "LIVE · updated N s ago" shows while the stream is
// up; a page refused a stream (the server at its limit) says so and
// re-fetches every POLL_S seconds instead, trying the stream again now and
// then.
"use strict";
(function () {
	// The badge's words, in the page's language (html_open's data-w-*; {s} the seconds).
	var WORDS = {
		live: document.body.getAttribute("data-w-live"),
		off: document.body.getAttribute("data-w-off"),
		refused: document.body.getAttribute("data-w-refused")
	};
	var POLL_S = 15, RETRY_POLLS = 4, REFETCH_TRIES = 4;
	var SVG = "http://www.w3.org/2000/svg";
	var picked = null;

	var select = document.querySelector("form.after select");
	if (select) {
		select.addEventListener("change", function () { select.form.submit(); });
	}

	function each(list, fn) { Array.prototype.forEach.call(list, fn); }
	function grids() { return document.querySelectorAll("[data-grid]"); }
	function toEnd(el) { el.scrollLeft = el.scrollWidth; }
	each(grids(), toEnd);

	// The race chart: the picked team's line on top, the others faded.
	function pick(team) {
		picked = team;
		each(document.querySelectorAll("figure.chart"), function (f) {
			f.classList.toggle("focus", team !== null);
			each(f.querySelectorAll("[data-team]"), function (el) {
				var on = el.getAttribute("data-team") === team;
				el.classList.toggle("on", on);
				if (el.tagName === "BUTTON") { el.setAttribute("aria-pressed", String(on)); }
			});
		});
	}
	function chartTeam(ev) {
		var el = ev.target.closest && ev.target.closest("figure.chart [data-team]");
		return el ? el.getAttribute("data-team") : null;
	}
	document.addEventListener("click", function (ev) {
		var team = chartTeam(ev);
		if (team !== null) { pick(team === picked ? null : team); }
	});
	document.addEventListener("mouseover", function (ev) {
		var team = chartTeam(ev);
		if (team !== null && picked === null) {
			pick(team);
			picked = null;
		}
	});
	document.addEventListener("mouseout", function (ev) {
		if (chartTeam(ev) !== null && picked === null) { pick(null); }
	});

	var url = document.body.getAttribute("data-events");
	var live = document.getElementById("live");
	if (!url || !live || typeof EventSource === "undefined") {
		return;
	}
	var since = /since=(\d+)/.exec(url);
	var version = since ? Number(since[1]) : 0;

	// The badge above the live section, on pages that give its words (an
	// overlay gives none: a broadcast shows no badge).
	var badge = null;
	if (WORDS.live !== null && WORDS.off !== null) {
		badge = document.createElement("p");
		badge.className = "live-badge";
		badge.setAttribute("role", "status");
		badge.hidden = true;
		live.parentNode.insertBefore(badge, live);
	}
	var updated = Date.now(), up = false, polling = false;
	function tick() {
		if (badge === null)
			return;
		var s = Math.max(0, Math.round((Date.now() - updated) / 1000));
		if (polling && WORDS.refused !== null) {
			badge.hidden = false;
			badge.textContent = WORDS.refused.replace("{s}", String(POLL_S));
		} else {
			badge.textContent = up ? WORDS.live.replace("{s}", String(s)) : WORDS.off;
		}
		badge.classList.toggle("off", !up);
	}
	setInterval(tick, 1000);

	// The match numbers the grid shows.
	function matches(root) {
		var seen = {};
		each(root.querySelectorAll("table.grid th[data-match]"),
			function (th) { seen[th.getAttribute("data-match")] = true; });
		return seen;
	}
	// Mark the grid's columns of matches not in before.
	function markNew(before) {
		each(document.querySelectorAll("table.grid"), function (t) {
			each(t.querySelectorAll("thead th"), function (th, col) {
				var n = th.getAttribute("data-match");
				if (!n || before[n]) { return; }
				th.classList.add("new");
				each(t.querySelectorAll("tbody tr"), function (tr) {
					var td = tr.children[col];
					if (td) { td.classList.add("new"); }
				});
			});
		});
	}
	// Where each grid is scrolled (-1: at its end, which it stays at), and back.
	function scrolls() {
		return Array.prototype.map.call(grids(), function (g) {
			return g.scrollLeft + g.clientWidth >= g.scrollWidth - 2 ? -1 : g.scrollLeft;
		});
	}
	function rescroll(scroll) {
		each(grids(), function (g, i) {
			if (scroll[i] === undefined || scroll[i] < 0) { toEnd(g); } else { g.scrollLeft = scroll[i]; }
		});
	}
	function done(before, scroll) {
		rescroll(scroll);
		markNew(before);
		pick(picked);
		updated = Date.now();
		tick();
		document.body.setAttribute("data-updated", String(updated));
	}

	// Numbers and texts as the server writes them (web/i18n.c: format,
	// i18n_number): thousands grouped with the page's separator.
	function group(v, sep) {
		var s = String(Math.abs(v)), out = "";
		for (var i = 0; i < s.length; i++) {
			if (i > 0 && (s.length - i) % 3 === 0) { out += sep; }
			out += s[i];
		}
		return (v < 0 ? "-" : "") + out;
	}
	function fmt(words, key, args) {
		var i = 0;
		return words[key].replace(/%(\+?)('?)(lld|d|s|%)/g, function (m, plus, grp, conv) {
			if (conv === "%") { return "%"; }
			var v = args[i++];
			if (conv === "s") { return v === null || v === undefined ? "" : String(v); }
			return (plus && v > 0 ? "+" : "") + (grp ? group(v, words.sep) : String(v));
		});
	}
	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) { e.className = cls; }
		if (text !== undefined) { e.textContent = text; }
		return e;
	}

	// The chart's geometry, as web/chart.c computes it: tenths of the viewBox, rounded half up.
	function half(a, b) { var x = 2 * a + b; return (x - x % (2 * b)) / (2 * b); }
	function xat(m, n) { return 400 + half(5900 * m, n > 0 ? n : 1); }
	function yat(p, low, top) { return 2940 - half(2820 * (p - low), top > low ? top - low : 1); }
	function tenths(t) { return Math.floor(t / 10) + "." + (t % 10); }
	function svgEl(tag, cls, attrs, text) {
		var e = document.createElementNS(SVG, tag);
		e.setAttribute("class", cls);
		for (var k in attrs) { e.setAttribute(k, attrs[k]); }
		if (text !== undefined) { e.textContent = text; }
		return e;
	}

	// Redraw the race chart svg with the totals series[name] (rows' order,
	// rank first) after the matches numbers.
	function redraw(svg, rows, series, lines, numbers, words) {
		var n = numbers.length, rush = Number(svg.getAttribute("data-rush")) || 0;
		var top = rush, low = 0;
		rows.forEach(function (r) {
			series[r[1]].forEach(function (p) { top = Math.max(top, p); low = Math.min(low, p); });
		});
		var span = top - low;
		var step = span <= 50 ? 10 : span <= 125 ? 25 : span <= 250 ? 50 : span <= 500 ? 100 : 250;
		top = (Math.floor(top / step) + 1) * step;
		low = low < 0 ? -Math.floor((-low + step - 1) / step) * step : 0;
		each(svg.querySelectorAll(".gridline, .ylabel, .xlabel"), function (e) { e.remove(); });
		var first = svg.querySelector(".rush-line, polyline");
		for (var p = low; p <= top; p += step) {
			var y = yat(p, low, top);
			svg.insertBefore(svgEl("line", "gridline",
				{ x1: "40", y1: tenths(y), x2: "630", y2: tenths(y) }), first);
			svg.insertBefore(svgEl("text", "ylabel", { x: "36", y: tenths(y + 40) }, String(p)), first);
		}
		var every = n <= 16 ? 1 : n <= 40 ? 5 : 10;
		for (var m = 1; m <= n; m++) {
			if (m % every === 0 || m === 1) {
				svg.insertBefore(svgEl("text", "xlabel", { x: tenths(xat(m, n)), y: "312" },
					String(numbers[m - 1])), first);
			}
		}
		var rl = svg.querySelector("line.rush-line"), rt = svg.querySelector("text.rush-label");
		if (rush && rl && rt) {
			var ry = yat(rush, low, top);
			rl.setAttribute("y1", tenths(ry));
			rl.setAttribute("y2", tenths(ry));
			rt.setAttribute("y", tenths(ry - 40));
		}
		svg.setAttribute("data-numbers", numbers.join(" "));
		for (var t = rows.length - 1; t >= 0; t--) {
			var name = rows[t][1], line = lines[name], pts = series[name];
			line.setAttribute("data-pts", pts.join(" "));
			line.setAttribute("points", pts.map(function (v, i) {
				return tenths(xat(i, n)) + "," + tenths(yat(v, low, top));
			}).join(" "));
			line.querySelector("title").textContent = fmt(words, "chart.points", [name, rows[t][8]]);
			svg.appendChild(line);
		}
	}

	// Place ev's delta (stage_delta in web/stage.c: rows of [team id, name,
	// rank, rank before, matches, Booyahs, kills, placement points, total,
	// race total before, race total after, tiebreaker, placement in the
	// match, kills in it]) on this leaderboard. Returns false, changing
	// nothing, when the page is not one it fits (another view, a match
	// missed, other teams, other totals before it).
	function apply(ev) {
		var words = JSON.parse(live.getAttribute("data-words") || "null");
		var board = live.querySelector("table.board tbody"), grid = live.querySelector("table.grid");
		var svg = live.querySelector("svg.race"), status = live.querySelector("p.status");
		if (!words || !ev.rows || !board || !grid || !svg || !status) { return false; }
		var heads = grid.querySelectorAll("thead th[data-match]"), last = heads[heads.length - 1];
		if (!last || last.getAttribute("data-match") !== String(ev.prev)) { return false; }
		var numbers = svg.getAttribute("data-numbers").split(" ").map(Number);
		var brows = {}, grows = {}, lines = {}, keys = {}, series = {};
		each(board.querySelectorAll("tr"), function (tr) { brows[tr.getAttribute("data-team")] = tr; });
		each(grid.querySelectorAll("tbody tr"), function (tr) { grows[tr.getAttribute("data-team")] = tr; });
		each(svg.querySelectorAll("polyline"), function (l) { lines[l.getAttribute("data-team")] = l; });
		each(live.querySelectorAll("ol.legend li"), function (li) {
			keys[li.querySelector("button").getAttribute("data-team")] = li;
		});
		var fits = board.children.length === ev.rows.length && Object.keys(lines).length === ev.rows.length;
		ev.rows.forEach(function (r) {
			var name = r[1], tr = brows[name], line = lines[name];
			if (!tr || tr.children.length !== 8 || !grows[name] || !line || !keys[name]) {
				fits = false;
				return;
			}
			var pts = line.getAttribute("data-pts").split(" ").map(Number);
			if (pts.length !== numbers.length + 1 || pts[pts.length - 1] !== r[9]) { fits = false; }
			series[name] = pts.concat([r[10]]);
		});
		if (!fits) { return false; }

		ev.rows.forEach(function (r, i) {
			var name = r[1], c = brows[name].children, d = r[3] ? r[3] - r[2] : 0;
			c[0].textContent = String(r[2]);
			c[1].className = "move" + (d > 0 ? " up" : d < 0 ? " down" : "");
			if (!r[3]) {
				c[1].removeAttribute("title");
				c[1].textContent = "";
			} else {
				c[1].setAttribute("title", d > 0 ? fmt(words, "board.up", [d]) :
					d < 0 ? fmt(words, "board.down", [-d]) : words["board.same"]);
				c[1].textContent = d > 0 ? "▲" + d : d < 0 ? "▼" + -d : "=";
			}
			each(c[2].querySelectorAll("small.tie"), function (s) { s.remove(); });
			if (r[11] !== null && i > 0) {
				c[2].appendChild(el("small", "mark tie", fmt(words, "board.tie", [ev.rows[i - 1][1], r[8],
					words["tiebreak." + r[11]] || r[11]])));
			}
			c[3].textContent = String(r[4]);
			c[4].textContent = group(r[5], words.sep);
			c[5].textContent = group(r[6], words.sep);
			c[6].textContent = group(r[7], words.sep);
			c[7].textContent = group(r[8], words.sep);
			board.appendChild(brows[name]);
		});

		var map = ev.map === null ? words["map.unknown"] : ev.map;
		var th = el("th", "match" + (ev.map === null ? " unknown" : ""));
		th.setAttribute("data-match", String(ev.match));
		th.setAttribute("title", fmt(words, "grid.match.title", [ev.match, map]));
		var a = el("a", "", fmt(words, "grid.m", [ev.match]));
		a.setAttribute("href", last.querySelector("a").getAttribute("href").replace(/\/m\/\d+/, "/m/" + ev.match));
		th.appendChild(a);
		th.appendChild(el("small", "", map));
		last.parentNode.appendChild(th);
		var gbody = grid.querySelector("tbody");
		ev.rows.forEach(function (r) {
			var tr = grows[r[1]], td;
			if (r[12] === 0) {
				td = el("td", "none", "–");
			} else {
				td = el("td", r[12] === 1 ? "booyah" : "", "#" + r[12]);
				td.appendChild(el("small", "", fmt(words, "grid.kills_words." + (r[13] === 1 ? "one" : "other"),
					[r[13]])));
			}
			tr.appendChild(td);
			gbody.appendChild(tr);
		});

		numbers.push(ev.match);
		redraw(svg, ev.rows, series, lines, numbers, words);
		var ol = live.querySelector("ol.legend");
		ev.rows.forEach(function (r) {
			keys[r[1]].querySelector("span.muted").textContent = group(r[8], words.sep);
			ol.appendChild(keys[r[1]]);
		});

		status.textContent = fmt(words, "status.after", [ev.match, ev.played, ev.of, ""]);
		var sel = document.querySelector("form.after select");
		var o0 = sel && sel.querySelector("option");
		if (o0 && o0.value === String(ev.prev)) {
			o0.textContent = String(ev.prev);
			o0.removeAttribute("selected");
			var o = el("option", "", String(ev.match) + words["stage.after.latest"]);
			o.value = String(ev.match);
			o.setAttribute("selected", "");
			sel.insertBefore(o, o0);
			sel.value = String(ev.match);
		}
		return true;
	}

	// Re-fetch the page at the version last heard of and swap in its live
	// section (and its "after match" selector); then again if an event came
	// meanwhile. When only is set (polling), a page of the version already
	// shown is left as it is. A re-fetch the server refuses (a 503 in the
	// burst after a write) or the network loses is tried again after its
	// Retry-After (else 2 s), REFETCH_TRIES times in all.
	var busy = false, again = false, tries = 0;
	function refresh(only) {
		if (busy) { again = true; return; }
		busy = true;
		var retry = 0;
		var u = new URL(location.href);
		u.searchParams.set("v", String(version));
		fetch(u.href, { cache: only ? "no-cache" : "no-store" }).then(function (r) {
			if (!r.ok) { retry = Number(r.headers.get("Retry-After")) || 2; }
			return r.ok ? r.text() : null;
		}).then(function (html) {
			if (!html) { return; }
			var doc = new DOMParser().parseFromString(html, "text/html");
			var ev = /since=(\d+)/.exec(doc.body.getAttribute("data-events") || "");
			var v = ev ? Number(ev[1]) : 0;
			if (only && v <= version) { return; }
			version = Math.max(version, v);
			var fresh = doc.getElementById("live");
			var sel = doc.querySelector("form.after");
			var old = document.querySelector("form.after");
			var before = matches(document), scroll = scrolls();
			if (fresh) {
				each(["data-stage", "data-carried", "data-words"], function (k) {
					if (fresh.hasAttribute(k)) { live.setAttribute(k, fresh.getAttribute(k)); } else { live.removeAttribute(k); }
				});
				live.innerHTML = fresh.innerHTML;
			}
			if (sel && old) { old.innerHTML = sel.innerHTML; }
			done(before, scroll);
		}).catch(function () { retry = 2; }).then(function () {
			busy = false;
			if (again) {
				again = false;
				tries = 0;
				refresh(false);
			} else if (retry && ++tries < REFETCH_TRIES) {
				setTimeout(function () { refresh(only); }, Math.min(retry, 30) * 1000);
			} else {
				tries = 0;
			}
		});
	}

	function update(e) {
		var ev = {};
		try { ev = JSON.parse(e.data); } catch (x) { ev = {}; }
		if (ev.version) { version = Math.max(version, ev.version); }
		var mine = live.getAttribute("data-stage");
		if (ev.stage && mine && String(ev.stage) !== mine && !live.hasAttribute("data-carried")) {
			return;
		}
		if (!busy && mine && ev.rows) {
			var before = matches(document), scroll = scrolls();
			if (apply(ev)) {
				done(before, scroll);
				return;
			}
		}
		refresh(false);
	}

	// The stream; when the server refuses it (EventSource gives up: a 503
	// at the stream limit), poll every POLL_S s, trying the stream again
	// every RETRY_POLLS polls.
	var polls = 0;
	function poll() {
		if (!polling) { return; }
		if (++polls % RETRY_POLLS === 0) { listen(); }
		refresh(true);
		setTimeout(poll, POLL_S * 1000);
	}
	function listen() {
		var es = new EventSource(url.replace(/since=\d+/, "since=" + version));
		es.addEventListener("open", function () {
			up = true;
			polling = false;
			if (badge !== null)
				badge.hidden = false;
			updated = Date.now();
			tick();
		});
		es.addEventListener("error", function () {
			up = false;
			if (es.readyState === EventSource.CLOSED && !polling) {
				polling = true;
				setTimeout(poll, POLL_S * 1000);
			}
			tick();
		});
		es.addEventListener("update", update);
	}
	listen();
})();
