// overlay.js: the overlays' own part (page_overlay.c). app.js keeps the
// page live (it swaps <section id="live"> on each update); this applies the
// ?scale= and ?accent= options, which the page carries as data attributes
// (the Content-Security-Policy allows no inline style), and marks the alert
// with class "pop" when what it announces changes, which overlay.css
// animates unless the viewer prefers reduced motion.
"use strict";
(function () {
	var body = document.body;
	var frame = document.querySelector(".frame");
	var live = document.getElementById("live");
	var scale = body.getAttribute("data-scale");
	var accent = body.getAttribute("data-accent");
	if (frame && scale && scale !== "1") {
		frame.style.transform = "scale(" + scale + ")";
	}
	if (accent) {
		body.style.setProperty("--accent", accent);
	}
	if (!live || typeof MutationObserver === "undefined") {
		return;
	}
	function key() {
		var a = live.querySelector(".alert");
		return a ? a.getAttribute("data-key") : "";
	}
	var shown = key();
	new MutationObserver(function () {
		var now = key();
		if (now && now !== shown) {
			live.querySelector(".alert").classList.add("pop");
		}
		shown = now;
	}).observe(live, { childList: true });
})();
