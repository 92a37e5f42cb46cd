// app.js: the only script. The "after match" selector shows its choice at
// once, and a page with live data (body[data-events]) listens to the event
// stream and, on each update, re-fetches itself and swaps in its
// <section id="live"> without a reload.
"use strict";
(function () {
	var select = document.querySelector("form.after select");
	if (select) {
		select.addEventListener("change", function () { select.form.submit(); });
	}
	var url = document.body.getAttribute("data-events");
	var live = document.getElementById("live");
	if (!url || !live || typeof EventSource === "undefined") {
		return;
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
				if (fresh) { live.innerHTML = fresh.innerHTML; }
				if (sel && old) { old.innerHTML = sel.innerHTML; }
				document.body.setAttribute("data-updated", String(Date.now()));
			}
		}).catch(function () {}).then(function () {
			busy = false;
			if (again) { again = false; refresh(); }
		});
	}
	var es = new EventSource(url);
	es.addEventListener("update", refresh);
})();
