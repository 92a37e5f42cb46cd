// live-refused.mjs: a page refused an event stream (the server at
// --max-streams) says so and polls. The Group Stage page (matches 1..119)
// is opened while another client holds the only stream: its badge must say
// live updates are full and that it checks every 15 s; match 120 is then
// imported with the CLI, and within two polls the page must show it,
// without a reload, having re-fetched itself naming the version it had
// (?v=N).
// Prints "ok NAME" / "not ok NAME: why".
//
// usage: node live-refused.mjs BASE_URL TRACKER MATCH_120_FILE
import { execFileSync } from "node:child_process";
import { check, run } from "./chromium.mjs";

const [base, tracker, match120] = process.argv.slice(2);
const path = "t/ffws-brazil-2026-split-1/group-stage";

await run("live-refused", { viewport: { width: 1280, height: 900 } }, async (context) => {
	const page = context.pages()[0] || await context.newPage();
	const fetches = [];
	page.on("request", (r) => {
		if (r.url().includes(path) && r.resourceType() !== "document") fetches.push(r.url());
	});
	const resp = await page.goto(`${base}${path}`);
	check("refused: page loads", resp && resp.status() === 200, `status ${resp && resp.status()}`);
	let said = "";
	for (let i = 0; i < 50 && !said.startsWith("Live updates are full"); i++) {
		await page.waitForTimeout(100);
		said = await page.evaluate(() => {
			const b = document.querySelector("p.live-badge");
			return b && !b.hidden ? b.textContent : "";
		});
	}
	// web/i18n/en.txt: live.refused, with {s} = app.js's POLL_S (15)
	check("refused: the page says so", said === "Live updates are full: this page checks for new results every 15 s", said);
	const v = await page.evaluate(() => /since=(\d+)/.exec(document.body.getAttribute("data-events"))[1]);
	await page.evaluate(() => { window.trackerNoReload = "still here"; });
	execFileSync(tracker, ["import", match120], { stdio: "ignore" });
	let shown = false;
	for (let i = 0; i < 340 && !shown; i++) {
		await page.waitForTimeout(100);
		shown = await page.evaluate(() => document.querySelector("table.grid th[data-match='120']") !== null);
	}
	check("refused: match 120 shows within two polls (34 s)", shown, "no column 120");
	check("refused: no reload", await page.evaluate(() => window.trackerNoReload) === "still here", "reloaded");
	check("refused: its first poll names the version the page had", fetches.length > 0 &&
		new URL(fetches[0]).searchParams.get("v") === v, `v=${v}: ${fetches.join(" ")}`);
});
