// desk.js: the results desk's entry form (/desk/{t}/{s}). Enter moves to the
// next field (match, map, day, then placement and kills row by row) and,
// after the last, asks for the preview; the checks run as you type (unique
// placements within the lobby, one Booyah, kills of 0 or more, players'
// kills within their team's, the lobby's kills); a block pasted from a
// spreadsheet fills the rows; Preview and Commit post the match to the
// server, whose importer checks it again, and the importer's messages
// (JSON paths) are put beside the field they name. Commit is offered once
// the preview of the very same match is on screen. A post the server could
// not take for now (503) is sent again after its Retry-After, a few times.
"use strict";
(function () {
	var form = document.getElementById("entry");
	if (!form) { return; }
	var rows = Array.prototype.slice.call(form.querySelectorAll("tr.entry"));
	var commit = document.getElementById("commit");
	var previewButton = document.getElementById("preview-button");
	var previewBox = document.getElementById("preview");
	var list = document.getElementById("messages");
	var sent = [];        // results[i] of the last document sent is rows[sent[i]]
	var previewed = null; // the document the preview on screen is of

	// The page's words (data-t-NAME of the form, from its catalog): NAME's text
	// with its %d and %s filled by the arguments, in order.
	function t(name) {
		var args = Array.prototype.slice.call(arguments, 1);
		return (form.getAttribute("data-t-" + name) || name).replace(/%[ds]/g, function () {
			return String(args.shift());
		});
	}

	function fields() {
		var f = [form.querySelector("#match"), form.querySelector("#map"), form.querySelector("#day")];
		rows.forEach(function (r) { f.push(r.querySelector(".place"), r.querySelector(".kills")); });
		return f;
	}
	function say(el, text) { if (el) { el.textContent = text || ""; } }
	function errOf(input) { return document.getElementById(input.getAttribute("aria-describedby")); }
	function number(input) {
		var v = input.value.trim();
		if (v === "") { return null; }
		return /^[0-9]+$/.test(v) ? parseInt(v, 10) : NaN;
	}

	// The client's checks: writes each field's error beside it and returns how many
	// fields are wrong or empty. An empty field is only said to be missing when strict
	// (on preview and commit), not while the rows below are still to be typed.
	function check(strict) {
		var bad = 0, missing = 0, booyahs = 0, lobby = 0, seen = {};
		form.querySelectorAll(".err").forEach(function (e) { say(e, ""); });
		var m = number(form.querySelector("#match"));
		if (m === null || isNaN(m) || m < 1) { say(document.getElementById("match-e"), t("match")); bad++; }
		var d = number(form.querySelector("#day"));
		if (d !== null && (isNaN(d) || d < 1)) { say(document.getElementById("day-e"), t("day")); bad++; }
		rows.forEach(function (r) {
			var p = r.querySelector(".place"), k = r.querySelector(".kills");
			var pv = number(p), kv = number(k);
			if (pv === null) { missing++; if (strict) { say(errOf(p), t("place")); } }
			else if (isNaN(pv) || pv < 1 || pv > rows.length) { say(errOf(p), t("range", rows.length)); bad++; }
			else if (seen[pv]) { say(errOf(p), t("also", seen[pv])); bad++; }
			else { seen[pv] = r.getAttribute("data-team"); booyahs += pv === 1; }
			if (kv === null) { missing++; if (strict) { say(errOf(k), t("kills")); } }
			else if (isNaN(kv)) { say(errOf(k), t("more")); bad++; }
			else {
				lobby += kv;
				var players = 0;
				r.querySelectorAll(".pk").forEach(function (i) { var v = number(i); if (v > 0) { players += v; } });
				if (players > kv) { say(errOf(k), t("players", players)); bad++; }
			}
		});
		var noBooyah = booyahs !== 1 && missing === 0;
		say(document.getElementById("lobby"), t("lobby", lobby));
		say(document.getElementById("check"), (noBooyah ? t("booyah") + " · " : "") +
			(bad ? t("fix", bad) : "") + (bad && missing ? " · " : "") +
			(missing && (strict || bad) ? t("fill", missing) : ""));
		return bad + missing + noBooyah;
	}

	// The match as match JSON v1 (the server adds the tournament and the stage).
	function doc() {
		var d = { match: number(form.querySelector("#match")), map: form.querySelector("#map").value, results: [] };
		var day = number(form.querySelector("#day"));
		if (day) { d.day = day; }
		sent = [];
		rows.forEach(function (r, i) {
			var res = { team: r.getAttribute("data-team"), placement: number(r.querySelector(".place")),
				kills: number(r.querySelector(".kills")) };
			var players = [];
			r.querySelectorAll(".pk").forEach(function (p) {
				var v = number(p);
				if (v !== null) { players.push({ name: p.getAttribute("data-player"), kills: v }); }
			});
			if (players.length) { res.players = players; }
			sent.push(i);
			d.results.push(res);
		});
		return JSON.stringify(d);
	}

	// The field a message's JSON path names (results[3].kills, match, ...), or null.
	function fieldOf(path) {
		var m = /^results\[(\d+)\](?:\.players\[(\d+)\])?(?:\.(\w+))?/.exec(path);
		if (m) {
			var r = rows[sent[+m[1]]];
			if (!r) { return null; }
			if (m[2] !== undefined) { return r.querySelectorAll(".pk")[+m[2]] || r.querySelector(".kills"); }
			return r.querySelector(m[3] === "kills" ? ".kills" : ".place");
		}
		return form.querySelector("#" + ({ match: "match", map: "map", day: "day" }[path] || "none"));
	}

	// Put the server's messages (li[data-path]) beside their fields, the rest in the list.
	function place(html) {
		var doc = new DOMParser().parseFromString(html, "text/html");
		list.innerHTML = "";
		doc.querySelectorAll("li[data-path]").forEach(function (li) {
			var f = fieldOf(li.getAttribute("data-path"));
			var e = f && (errOf(f) || f.closest("td, label").querySelector(".err"));
			if (e) {
				e.textContent = li.textContent;
			} else {
				var item = document.createElement("li");
				item.className = li.className;
				item.textContent = (li.getAttribute("data-path") ? li.getAttribute("data-path") + ": " : "") + li.textContent;
				list.appendChild(item);
			}
		});
		return doc;
	}

	// POST the document body to url: { status, html, tries }. A 503 (the server could
	// not take it for now: busy, disk full, its database moved; nothing was stored) is
	// sent again after its Retry-After (1 to 30 s; 2 without one), TRIES times in all,
	// saying so; the entry stays in the form meanwhile.
	var TRIES = 5;
	function post(url, body, tries) {
		tries = tries || 1;
		var data = new URLSearchParams();
		data.set("csrf", form.querySelector("input[name=csrf]").value);
		data.set("doc", body);
		return fetch(url, { method: "POST", body: data, credentials: "same-origin" }).then(function (r) {
			return r.text().then(function (html) {
				if (r.status !== 503 || tries >= TRIES) { return { status: r.status, html: html, tries: tries }; }
				var wait = parseInt(r.headers.get("Retry-After"), 10);
				wait = isNaN(wait) ? 2 : Math.min(Math.max(wait, 1), 30);
				say(document.getElementById("check"), t("retry", r.status, wait, tries + 1, TRIES));
				return new Promise(function (done) { setTimeout(done, wait * 1000); })
					.then(function () { return post(url, body, tries + 1); });
			});
		});
	}

	// What #check says of an answer that stored nothing.
	function failed(r) {
		return r.status === 400 ? t("refused") : r.status === 503 ? t("gaveup", r.status, r.tries) : t("error", r.status);
	}

	function fresh() { previewed = null; commit.disabled = true; previewBox.innerHTML = ""; }

	function preview() {
		if (check(true)) { return; }
		var d = doc();
		previewButton.disabled = true;
		post(form.getAttribute("data-preview"), d).then(function (r) {
			var parsed = place(r.html);
			if (r.status === 200) {
				previewBox.innerHTML = "";
				var box = parsed.querySelector(".previewed");
				if (box) { previewBox.appendChild(document.importNode(box, true)); }
				previewed = d;
				commit.disabled = false;
				commit.focus();
			} else {
				say(document.getElementById("check"), failed(r));
			}
		}).catch(function (e) { say(document.getElementById("check"), String(e)); })
			.then(function () { previewButton.disabled = false; });
	}

	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		var d = doc();
		if (check(true)) { return; }
		if (d !== previewed) { preview(); return; }
		commit.disabled = true;
		post(form.getAttribute("action"), d).then(function (r) {
			place(r.html);
			if (r.status === 201 || r.status === 200) {
				location.assign(location.pathname + "?stored=" + encodeURIComponent(JSON.parse(d).match));
			} else {
				commit.disabled = false;
				say(document.getElementById("check"), failed(r));
			}
		}).catch(function (e) { commit.disabled = false; say(document.getElementById("check"), String(e)); });
	});
	previewButton.addEventListener("click", preview);

	form.addEventListener("keydown", function (ev) {
		if (ev.key !== "Enter" || ev.target === commit || ev.target === previewButton) { return; }
		var f = fields(), i = f.indexOf(ev.target);
		if (i < 0) { return; }
		ev.preventDefault();
		if (i + 1 < f.length) { f[i + 1].focus(); if (f[i + 1].select) { f[i + 1].select(); } }
		else { preview(); }
	});
	// An edit makes the preview on screen stale (a change event also comes when
	// the focus leaves a field, so the document itself is compared).
	function edited() {
		check();
		if (previewed !== null && doc() !== previewed) { fresh(); }
	}
	form.addEventListener("input", edited);
	form.addEventListener("change", edited);

	// A block from a spreadsheet: lines of "team, placement, kills" (any order of rows)
	// or "placement, kills" from the row pasted into down; tab, semicolon or comma.
	form.addEventListener("paste", function (ev) {
		var text = (ev.clipboardData || window.clipboardData).getData("text");
		if (!/[\t;,\n]/.test(text.trim())) { return; }
		ev.preventDefault();
		var start = rows.indexOf(ev.target.closest("tr.entry"));
		if (start < 0) { start = 0; }
		var key = function (s) { return s.trim().replace(/\s+/g, " ").toUpperCase(); };
		var at = start;
		text.replace(/\r/g, "").split("\n").forEach(function (line) {
			if (line.trim() === "") { return; }
			var sep = line.indexOf("\t") >= 0 ? "\t" : line.indexOf(";") >= 0 ? ";" : ",";
			var cells = line.split(sep).map(function (c) { return c.trim().replace(/^"(.*)"$/, "$1"); });
			var row = null;
			if (!/^[0-9]+$/.test(cells[0])) {
				row = rows.filter(function (r) { return key(r.getAttribute("data-team")) === key(cells[0]); })[0];
				cells = cells.slice(1);
				if (!row) {
					var li = document.createElement("li");
					li.className = "error";
					li.textContent = t("roster", line);
					if (/^[0-9]+$/.test(cells[0] || "")) { list.appendChild(li); }
					return;
				}
			} else {
				row = rows[at++];
			}
			if (!row) { return; }
			row.querySelector(".place").value = cells[0] || "";
			row.querySelector(".kills").value = cells[1] || "";
		});
		edited();
	});

	commit.disabled = true;
	var stored = /[?&]stored=(\d+)/.exec(location.search);
	if (stored) {
		say(document.getElementById("check"), "");
		var li = document.createElement("li");
		li.className = "stored";
		li.textContent = t("stored", stored[1]);
		list.appendChild(li);
	}
	var first = form.querySelector("#map");
	if (first) { first.focus(); }
})();
