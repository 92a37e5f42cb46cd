// app.js: the only script. The "after match" selector shows its choice at
// once; the match grid opens at the newest match; a tap or hover on the
// race chart's legend (or a line) picks out one team. A page with live data
// (body[data-events]) listens to the event stream and, on each update,
// re-fetches itself and swaps in its <section id="live"> without a reload,
// keeping the grid's scroll and the picked team, and marking a new match;
// "LIVE · updated N s ago" shows while the stream is up.
"use strict";
(function () {
	// The badge's words, in the page's language (html_open's data-w-*; {s} the seconds).
	var WORDS = {
		live: document.body.getAttribute("data-w-live"),
		off: document.body.getAttribute("data-w-off")
	};
	var picked = null;

	var select = document.querySelector("form.after select");
	if (select) {
		select.addEventListener("change", function () { select.form.submit(); });
	}

	function grids() { return document.querySelectorAll("[data-grid]"); }
	function toEnd(el) { el.scrollLeft = el.scrollWidth; }
	Array.prototype.forEach.call(grids(), toEnd);

	// The race chart: the picked team's line on top, the others faded.
	function pick(team) {
		picked = team;
		Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), function (f) {
			f.classList.toggle("focus", team !== null);
			Array.prototype.forEach.call(f.querySelectorAll("[data-team]"), function (el) {
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
	var updated = Date.now(), up = false;
	function tick() {
		if (badge === null)
			return;
		var s = Math.max(0, Math.round((Date.now() - updated) / 1000));
		badge.textContent = up ? WORDS.live.replace("{s}", String(s)) : WORDS.off;
		badge.classList.toggle("off", !up);
	}
	setInterval(tick, 1000);

	// The match numbers the grid shows.
	function matches(root) {
		var seen = {};
		Array.prototype.forEach.call(root.querySelectorAll("table.grid th[data-match]"),
			function (th) { seen[th.getAttribute("data-match")] = true; });
		return seen;
	}
	// Mark the grid's columns of matches not in before.
	function markNew(before) {
		Array.prototype.forEach.call(document.querySelectorAll("table.grid"), function (t) {
			var ths = t.querySelectorAll("thead th");
			Array.prototype.forEach.call(ths, function (th, col) {
				var n = th.getAttribute("data-match");
				if (!n || before[n]) { return; }
				th.classList.add("new");
				Array.prototype.forEach.call(t.querySelectorAll("tbody tr"), function (tr) {
					var td = tr.children[col];
					if (td) { td.classList.add("new"); }
				});
			});
		});
	}

	var busy = false, again = false;
	function refresh() {
		if (busy) { again = true; return; }
		busy = true;
		fetch(location.href, { cache: "no-store" }).then(function (r) {
			return r.ok ? r.text() : null;
		}).then(function (html) {
			if (html) {
				var doc = new DOMParser().parseFromString(html, "text/html");
				var fresh = doc.getElementById("live");
				var sel = doc.querySelector("form.after");
				var old = document.querySelector("form.after");
				var before = matches(document);
				var scroll = Array.prototype.map.call(grids(), function (g) {
					return g.scrollLeft + g.clientWidth >= g.scrollWidth - 2 ? -1 : g.scrollLeft;
				});
				if (fresh) { live.innerHTML = fresh.innerHTML; }
				if (sel && old) { old.innerHTML = sel.innerHTML; }
				Array.prototype.forEach.call(grids(), function (g, i) {
					if (scroll[i] === undefined || scroll[i] < 0) { toEnd(g); } else { g.scrollLeft = scroll[i]; }
				});
				markNew(before);
				pick(picked);
				updated = Date.now();
				tick();
				document.body.setAttribute("data-updated", String(updated));
			}
		}).catch(function () {}).then(function () {
			busy = false;
			if (again) { again = false; refresh(); }
		});
	}
	var es = new EventSource(url);
	es.addEventListener("open", function () {
		up = true;
		if (badge !== null)
			badge.hidden = false;
		updated = Date.now();
		tick();
	});
	es.addEventListener("error", function () { up = false; tick(); });
	es.addEventListener("update", refresh);
})();
