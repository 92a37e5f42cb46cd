// desk.mjs: the results desk as the desk uses it, in Debian's Chromium driven by
// playwright-core at a phone's 375x800. Logs in with a token, enters the real
// match 14 of the Split 1 Grand Final (read from the data file, held back from
// the import) by keyboard alone, checks the preview, commits, and compares the
// standings with those of the full import (made by the CLI in another
// database); then undoes the match and compares them with those after match 13.
// The commit is first answered 503 twice (Playwright's route): the page must
// say it tries again, keep the entry and store it on the third try.
// Prints "ok NAME" / "not ok NAME: why", and "# keystrokes ..." with the count
// of keys the entry of the match took.
//
// Last, on the corrections page, it voids match 13 by keyboard (a reason, Enter) and
// compares the standings with those after match 12.
//
// usage: node desk.mjs BASE_URL TOKEN GRAND_FINAL_JSON FULL_STANDINGS_JSON AFTER_13_JSON
//        AFTER_12_JSON
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, run } from "./chromium.mjs";

const [base, token, finalFile, fullFile, after13File, after12File] = process.argv.slice(2);
const match14 = JSON.parse(readFileSync(finalFile, "utf8")).matches.find((m) => m.match === 14);
const full = readFileSync(fullFile, "utf8");
const after13 = JSON.parse(readFileSync(after13File, "utf8"));
const after12 = JSON.parse(readFileSync(after12File, "utf8"));
const stagePath = "desk/ffws-brazil-2026-split-1/grand-final";
const api = `${base}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings`;

await run("browser", { viewport: { width: 375, height: 800 } }, async (context) => {
	const page = context.pages()[0] || await context.newPage();
	const problems = [];
	page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
	page.on("pageerror", (e) => problems.push(String(e)));
	page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
	page.on("requestfailed", (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
	const standings = async () => (await page.request.get(api)).text();

	// Without a session: how to get in, nothing else.
	await page.goto(`${base}${stagePath}`);
	const closed = await page.textContent("main");
	check("without a session the page shows no team", !closed.includes("LOUD SNICKERS"), closed.slice(0, 200));
	check("without a session it says how to get in", closed.includes("--token-file"), closed.slice(0, 200));

	// The token, typed once; the session cookie.
	const focusedId = await page.evaluate(() => document.activeElement && document.activeElement.id);
	check("the token field has the focus", focusedId === "token", `focus on '${focusedId}'`);
	await page.keyboard.type(token);
	await Promise.all([page.waitForURL(`${base}desk`), page.keyboard.press("Enter")]);
	const cookie = (await context.cookies()).find((c) => c.name === "desk");
	check("session cookie is HttpOnly, SameSite=Strict, Path=/desk",
		cookie && cookie.httpOnly && cookie.sameSite === "Strict" && cookie.path === "/desk",
		JSON.stringify(cookie));

	// The form of match 14: the roster in the order of the standings after match 13.
	await page.goto(`${base}${stagePath}`);
	const teams = await page.$$eval("tr.entry", (rs) => rs.map((r) => r.getAttribute("data-team")));
	const order = after13.standings.map((r) => r.team);
	check("the form lists the roster in the order of the standings", JSON.stringify(teams) === JSON.stringify(order),
		JSON.stringify(teams));
	check("the form is for match 14", await page.inputValue("#match") === "14", await page.inputValue("#match"));
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	check("desk fits 375 px", width <= 375, `scrollWidth ${width}`);

	// The tab order follows the rows: placement, kills, the next row's placement.
	await page.focus("#r0-p");
	const order2 = [];
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press("Tab");
		order2.push(await page.evaluate(() => document.activeElement.id));
	}
	check("tab order follows the rows", JSON.stringify(order2) === JSON.stringify(["r0-k", "r1-p", "r1-k"]),
		JSON.stringify(order2));
	const numeric = await page.$$eval("tr.entry input", (is) => is.every((i) => i.inputMode === "numeric"));
	check("every input of the rows is numeric", numeric, "an input without inputmode=numeric");
	await page.focus("#map");

	// Match 14 by keyboard alone, counted.
	let keys = 0;
	const type = async (s) => { keys += s.length; await page.keyboard.type(s); };
	const press = async (k) => { keys += 1; await page.keyboard.press(k); };
	const t0 = Date.now();
	check("the map choice has the focus first", await page.evaluate(() => document.activeElement.id) === "map", "");
	await type(match14.map.slice(0, 1));
	check(`map typed: ${match14.map}`, await page.inputValue("#map") === match14.map, await page.inputValue("#map"));
	await press("Enter");
	if (await page.inputValue("#day") !== String(match14.day)) {
		await type(String(match14.day));
	}
	await press("Enter");
	for (const team of teams) {
		const r = match14.results.find((x) => x.team === team);
		await type(String(r.placement));
		await press("Enter");
		await type(String(r.kills));
		await press("Enter"); // after the last kills: the preview
	}
	const previewed = await page.waitForSelector("#preview .previewed", { timeout: 10000 }).catch(() => null);
	if (!previewed) {
		const state = await page.evaluate(() => ({ focus: document.activeElement.id,
			check: document.getElementById("check").textContent,
			errs: Array.from(document.querySelectorAll(".err")).map((e) => e.id + "=" + e.textContent).filter((t) => !t.endsWith("=")),
			msgs: document.getElementById("messages").textContent }));
		throw new Error(`no preview after the last Enter: ${JSON.stringify(state)} ${problems.join(" | ")}`);
	}
	const ms = Date.now() - t0;

	// The preview: the standings after match 14, without storing it.
	const exp = JSON.parse(full).standings;
	const shown = await page.$$eval("#preview table tbody tr", (rs) => rs.map((r) => ({
		team: r.getAttribute("data-team"), rank: +r.querySelector(".rank").textContent,
		points: +r.querySelector(".total").textContent, move: r.querySelector(".move").textContent })));
	check("preview: ranks and points as the full import's",
		JSON.stringify(shown.map((r) => [r.rank, r.team, r.points])) ===
		JSON.stringify(exp.map((r) => [r.rank, r.team, r.points])), JSON.stringify(shown));
	const moves = exp.map((r) => (r.movement > 0 ? `▲${r.movement}` : r.movement < 0 ? `▼${-r.movement}` : "="));
	check("preview: rank movement as the full import's", JSON.stringify(shown.map((r) => r.move)) === JSON.stringify(moves),
		JSON.stringify(shown.map((r) => r.move)));
	const banner = await page.textContent("#would-be-champion").catch(() => "");
	check("preview: LOUD SNICKERS would be champion in match 14",
		banner.includes("LOUD SNICKERS") && banner.includes("match 14"), banner);
	check("preview stored nothing", JSON.parse(await standings()).after_match === 13, "after_match is not 13");

	// Commit: Enter on the focused Commit button. The server's first two answers are
	// made 503 with Retry-After: 1 (as when its disk is full): the page says it tries
	// again, keeps the entry, and the third try is stored.
	check("Commit has the focus after the preview", await page.evaluate(() => document.activeElement.id) === "commit", "");
	let commits = 0;
	await page.route(/\/commit$/, (route) => {
		if (++commits > 2) { return route.continue(); }
		return route.fulfill({ status: 503, headers: { "Retry-After": "1", "Content-Type": "text/html" },
			body: "<p>database: database or disk is full</p>" });
	});
	const t1 = Date.now();
	await press("Enter");
	let retrying = "";
	for (let i = 0; i < 50 && !retrying.includes("try 2 of 5"); i++) {
		await page.waitForTimeout(50);
		retrying = await page.textContent("#check");
	}
	check("a 503 on commit: the page says it tries again, in 1 s", retrying.includes("trying again in 1 s (try 2 of 5)"),
		retrying);
	const kept = await page.$$eval("tr.entry", (rs) => rs.map((r) => r.querySelector(".place").value).join(","));
	check("while it tries again the entry is kept", !kept.split(",").includes(""), kept);
	await page.waitForURL(/stored=14/);
	const waited = Date.now() - t1;
	check("stored on the third try, after the two Retry-After seconds", commits === 3 && waited >= 2000,
		`${commits} commit posts, ${waited} ms`);
	await page.unroute(/\/commit$/);
	console.log(`# keystrokes for match 14 (12 teams, map, day, commit): ${keys}, in ${(ms / 1000).toFixed(1)} s of typing`);
	check("committed standings = the full import's, byte for byte", await standings() === full,
		"the standings JSON differs from the CLI's after the full import");
	const last = await page.textContent("#last li");
	check("last writes show match 14 first", last.startsWith("Match 14"), last);

	// Undo with a reason: the standings are those after match 13 again.
	await page.fill("#undo-reason", "entered twice by the desk test");
	await Promise.all([page.waitForURL(`${base}${stagePath}`), page.click("form.undo button")]);
	const undone = JSON.parse(await standings());
	check("after the undo: the standings after match 13",
		JSON.stringify(undone.standings) === JSON.stringify(after13.standings),
		JSON.stringify(undone.standings.slice(0, 2)));
	const voided = await page.textContent("#last li");
	check("last writes show match 14 void with its reason", voided.includes("void: entered twice"), voided);

	// A block pasted from a spreadsheet (team, placement, kills; tab-separated, in the
	// data's order, not the form's) fills the form of the next match; the checks follow.
	const block = match14.results.map((r) => `${r.team}\t${r.placement}\t${r.kills}`).join("\r\n");
	await page.evaluate((text) => {
		const dt = new DataTransfer();
		dt.setData("text/plain", text);
		document.querySelector("#r0-p").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
	}, block);
	const filled = await page.$$eval("tr.entry", (rs) => rs.map((r) => [r.getAttribute("data-team"),
		+r.querySelector(".place").value, +r.querySelector(".kills").value]));
	const want = teams.map((t) => { const r = match14.results.find((x) => x.team === t); return [t, r.placement, r.kills]; });
	check("paste: every row filled from the block", JSON.stringify(filled) === JSON.stringify(want), JSON.stringify(filled));
	const lobby = match14.results.reduce((n, r) => n + r.kills, 0);
	check(`paste: lobby kills ${lobby}`, await page.textContent("#lobby") === `Lobby kills: ${lobby}`, await page.textContent("#lobby"));
	check("paste: nothing to fix", await page.textContent("#check") === "", await page.textContent("#check"));
	// As you type: a second Booyah is said beside its field.
	const second = teams.find((t) => match14.results.find((x) => x.team === t).placement === 2);
	const row = teams.indexOf(second);
	await page.fill(`#r${row}-p`, "1");
	const booyah = match14.results.find((x) => x.placement === 1).team;
	check("as you type: a second placement 1 is said beside it", await page.textContent(`#r${row}-pe`) === `also ${booyah}`,
		await page.textContent(`#r${row}-pe`));
	await page.fill(`#r${row}-p`, "2");
	// What only the importer refuses (kills over 1000) comes back beside its field.
	await page.fill(`#r${row}-k`, "1001");
	await page.click("#preview-button");
	let beside = "";
	for (let i = 0; i < 50 && !beside; i++) {
		await page.waitForTimeout(100);
		beside = await page.textContent(`#r${row}-ke`);
	}
	check("the importer's message stands beside its field", beside.includes("at most 1000"), `'${beside}'`);
	// Corrections: void match 13 by keyboard, from the stage's page.
	await page.goto(`${base}${stagePath}`);
	await Promise.all([page.waitForURL(`${base}${stagePath}/fix`), page.click("#fix")]);
	await page.focus("#match-13-reason");
	await page.keyboard.type("wrong lobby, replayed");
	// the page is at /fix already: wait for the POST's answer, then for the page it leads to
	await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/fix")),
		page.keyboard.press("Enter")]);
	await page.waitForSelector('li[data-match="13"] .void', { timeout: 10000 });
	const fixed = JSON.parse(await standings());
	check("void of match 13 by keyboard: the standings after match 12",
		JSON.stringify(fixed.standings) === JSON.stringify(after12.standings),
		JSON.stringify(fixed.standings.slice(0, 2)));
	const row13 = await page.textContent('li[data-match="13"]');
	check("the corrections list shows match 13 void with its reason", row13.includes("void: wrong lobby, replayed"), row13);
	const log = await page.textContent("#log li");
	check("the last writes show the void by the desk's token", log.includes("token results-desk") && log.includes("void: match 13"), log);
	const fixWidth = await page.evaluate(() => document.documentElement.scrollWidth);
	check("the corrections page fits 375 px", fixWidth <= 375, `scrollWidth ${fixWidth}`);
	// the refused preview's 400 (and the console's line for it) is the one expected
	// and the two 503s made on commit
	const others = problems.filter((p) => !/^400 .*\/preview$/.test(p) && !p.includes("status of 400") &&
		!/^503 .*\/commit$/.test(p) && !p.includes("status of 503"));
	check("no other console errors, CSP violations or failed requests", others.length === 0 &&
		problems.filter((p) => /^400 /.test(p)).length === 1 && problems.filter((p) => /^503 /.test(p)).length === 2,
		problems.join(" | "));
});
