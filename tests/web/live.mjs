// live.mjs: a live update carried by its event, in Debian's Chromium. The
// Group Stage page of the real data with matches 1..119 stored is opened
// (in LANG); match 120 is imported with the CLI; once the page shows it,
// its standings table, grid, race chart, status line and "after match"
// selector must be those of a fresh load of the page (text and
// attributes; the new column's "new" mark aside), and the page must not
// have fetched itself again: the event's delta was placed as it came.
// Then an import to another stage (the Grand Final) leaves the page as it
// is, and a write the page cannot place (a team renamed) makes it re-fetch
// itself naming the event's version (?v=N).
// Prints "ok NAME" / "not ok NAME: why".
//
// usage: node live.mjs BASE_URL TRACKER MATCH_120_FILE OTHER_STAGE_FILE LANG
import { execFileSync } from "node:child_process";
import { check, run } from "./chromium.mjs";

const [base, tracker, match120, other, lang] = process.argv.slice(2);
const path = "t/ffws-brazil-2026-split-1/group-stage";
const url = `${base}${path}${lang === "en" ? "" : `?lang=${lang}`}`;

// The live section as data: every element under the board, the grid, the
// chart and the status, with its sorted attributes and its own text.
function snapshot() {
	const norm = (e) => {
		const attrs = [...e.attributes].map((a) => [a.name,
			a.name === "class" ? a.value.split(" ").filter((c) => c && c !== "new").join(" ") : a.value])
			.filter(([k, v]) => !(k === "class" && v === ""))
			.sort(([a], [b]) => (a < b ? -1 : 1));
		const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
		return `${e.tagName.toLowerCase()} ${JSON.stringify(attrs)} ${JSON.stringify(own)}`;
	};
	const dump = (sel) => {
		const root = document.querySelector(sel);
		return root ? [norm(root), ...[...root.querySelectorAll("*")].map(norm)] : [];
	};
	const sel = document.querySelector("form.after select");
	return {
		board: dump("table.board"),
		grid: dump("table.grid"),
		chart: dump("figure.chart"),
		status: dump("p.status"),
		selector: sel ? [...sel.options].map((o) => `${o.value} ${o.selected} ${o.textContent}`) : [],
	};
}

// The first line where a and b differ, for the failure's message.
function firstDiff(a, b) {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		if (a[i] !== b[i]) {
			return `at ${i}: live ${a[i]} | fresh ${b[i]}`;
		}
	}
	return "";
}

await run("live", { viewport: { width: 1280, height: 900 } }, async (context) => {
	const page = context.pages()[0] || await context.newPage();
	const problems = [];
	page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
	page.on("pageerror", (e) => problems.push(String(e)));
	const refetches = [];
	page.on("request", (r) => {
		if (r.url().includes(path) && r.resourceType() !== "document") refetches.push(r.url());
	});

	const resp = await page.goto(url);
	check(`${lang}: group stage page loads`, resp && resp.status() === 200, `status ${resp && resp.status()}`);
	let open = false;
	for (let i = 0; i < 50 && !open; i++) {
		await page.waitForTimeout(100);
		open = await page.evaluate(() => {
			const b = document.querySelector("p.live-badge");
			return b !== null && !b.hidden && !b.classList.contains("off");
		});
	}
	check(`${lang}: the event stream is up`, open, "no live badge after 5 s");
	const cols = await page.$$eval("table.grid thead th.match", (t) => t.length);
	check(`${lang}: 119 match columns before`, cols === 119, `${cols} columns`);
	// Scrolled to the start: the grid keeps that scroll after the update.
	await page.$eval("[data-grid]", (g) => { g.scrollLeft = 0; });
	await page.evaluate(() => { window.trackerNoReload = "still here"; });

	execFileSync(tracker, ["import", match120], { stdio: "ignore" });
	let shown = false;
	for (let i = 0; i < 50 && !shown; i++) {
		await page.waitForTimeout(100);
		shown = await page.evaluate(() => document.querySelector("table.grid th[data-match='120']") !== null);
	}
	check(`${lang}: match 120 appears within 5 s`, shown, "no column 120 after 5 s");
	const marked = await page.$$eval("table.grid .new", (t) => t.length);
	check(`${lang}: the new column is highlighted (its head and 16 cells)`, marked === 17, `${marked} marked`);
	const scroll = await page.$eval("[data-grid]", (g) => g.scrollLeft);
	check(`${lang}: the grid keeps its scroll`, scroll === 0, `scrollLeft ${scroll}`);
	check(`${lang}: no reload`, await page.evaluate(() => window.trackerNoReload) === "still here", "reloaded");
	check(`${lang}: no re-fetch of the page`, refetches.length === 0, refetches.join(" "));
	const live = await page.evaluate(snapshot);

	const fresh = await context.newPage();
	await fresh.goto(url);
	const want = await fresh.evaluate(snapshot);
	await fresh.close();
	for (const k of ["board", "grid", "chart", "status", "selector"]) {
		check(`${lang}: ${k} after the event = a fresh load's (${want[k].length} elements)`,
			want[k].length > 0 && JSON.stringify(live[k]) === JSON.stringify(want[k]),
			firstDiff(live[k], want[k]));
	}

	execFileSync(tracker, ["import", other], { stdio: "ignore" });
	await page.waitForTimeout(1000);
	check(`${lang}: an import to another stage changes nothing here`, refetches.length === 0,
		refetches.join(" "));
	// The rename's re-fetch is refused once (503, Retry-After: 1), as a
	// crowded server may: the page tries again and shows it.
	let refused = 0;
	await page.route((u) => u.href.includes(path) && /[?&]v=/.test(u.href), (route) =>
		refused++ === 0
			? route.fulfill({ status: 503, headers: { "Retry-After": "1" }, body: "busy" })
			: route.continue());
	execFileSync(tracker, ["teams", "rename", "LOOPS", "LOOPS GAMING"], { stdio: "ignore" });
	let renamed = false;
	for (let i = 0; i < 50 && !renamed; i++) {
		await page.waitForTimeout(100);
		renamed = await page.evaluate(() => document.querySelector("table.board tr[data-team='LOOPS GAMING']") !== null);
	}
	check(`${lang}: a rename shows after a re-fetch`, renamed, "no LOOPS GAMING row after 5 s");
	check(`${lang}: a refused re-fetch is tried again, naming the version`,
		refused === 2 && refetches.length === 2 && refetches.every((u) => /[?&]v=[0-9]+/.test(u)),
		`${refused} routed: ${refetches.join(" ")}`);
	const errors = problems.filter((p) => !/status of 503/.test(p));
	check(`${lang}: no console errors (but the refused re-fetch)`, errors.length === 0, errors.join(" | "));
});
