// browser.mjs: the leaderboard as a fan sees it, in Debian's Chromium driven by
// playwright-core at a phone's 375x800. Opens the real Split 1 Grand Final,
// checks the champion row, the grid and the race chart, takes a screenshot,
// then imports a match with the CLI into the same database and waits for the
// open page to show it without a reload. Then the Rules Cup and the Carry
// Cup (tests/scoring/), whose pages carry the notes, the adjustment row, the
// DQ and voided cells, the group selector and the zone band: they must fit
// 375 px too; the Rules Cup page's screenshot goes to RULES_SCREENSHOT.
// Prints "ok NAME" / "not ok NAME: why".
//
// usage: node browser.mjs BASE_URL TRACKER MATCH_FILE SCREENSHOT RULES_SCREENSHOT
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { check, run } from "./chromium.mjs";

const [base, tracker, matchFile, screenshot, rulesShot] = process.argv.slice(2);

await run("browser", { viewport: { width: 375, height: 800 } }, async (context) => {
	const page = context.pages()[0] || await context.newPage();
	const problems = [];
	page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
	page.on("pageerror", (e) => problems.push(String(e)));
	page.on("requestfailed", (r) => {
		if (!r.url().includes("/events")) problems.push(`${r.url()} ${r.failure()?.errorText}`);
	});

	const resp = await page.goto(`${base}t/ffws-brazil-2026-split-1/grand-final`);
	check("grand final page loads", resp && resp.status() === 200, `status ${resp && resp.status()}`);
	const champ = await page.$$eval("table.board tbody tr.champion", (rows) =>
		rows.map((r) => ({ team: r.querySelector("td.team a.name").textContent,
			mark: !!r.querySelector(".champ-mark"), rank: r.querySelector("td.rank").textContent })));
	check("one champion row", champ.length === 1, JSON.stringify(champ));
	check("champion is LOUD SNICKERS", champ[0]?.team === "LOUD SNICKERS", JSON.stringify(champ));
	check("champion row has the champion mark", champ[0]?.mark === true, JSON.stringify(champ));
	check("champion ranks first", champ[0]?.rank === "1", JSON.stringify(champ));
	const highlighted = await page.$eval("tr.champion td.team",
		(td) => getComputedStyle(td).backgroundColor);
	check("champion row highlighted by the stylesheet",
		highlighted !== "rgba(0, 0, 0, 0)" && highlighted !== "transparent", highlighted);
	const cols = await page.$$eval("table.grid thead th.match", (t) => t.length);
	check("grid has 14 match columns", cols === 14, `${cols} columns`);
	const booyahs = await page.$$eval("table.grid td.booyah", (t) => t.length);
	check("grid highlights 14 Booyahs", booyahs === 14, `${booyahs} highlighted`);
	check("race chart is there", (await page.$$("svg.race polyline")).length === 12,
		"expected 12 team lines");
	check("threshold line is drawn", (await page.$$("svg.race line.rush-line")).length === 1,
		"no line.rush-line");
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	check("page fits 375 px (tables scroll inside)", width <= 375, `scrollWidth ${width}`);
	await page.screenshot({ path: screenshot, fullPage: true });
	check("screenshot taken", true, "");

	const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	await page.emulateMedia({ colorScheme: "light" });
	const light = await bg();
	await page.emulateMedia({ colorScheme: "dark" });
	const dark = await bg();
	check("dark scheme by prefers-color-scheme", light !== dark, `light ${light}, dark ${dark}`);
	await page.emulateMedia({ colorScheme: "light" });
	await page.setViewportSize({ width: 1280, height: 900 });
	const desk = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		board: document.querySelector("table.board").getBoundingClientRect().width,
	}));
	check("desktop: no sideways scroll, the board uses the width",
		desk.scroll <= 1280 && desk.board > 700, JSON.stringify(desk));
	await page.setViewportSize({ width: 375, height: 800 });

	await page.evaluate(() => { window.trackerNoReload = "still here"; });
	execFileSync(tracker, ["import", matchFile], { stdio: "ignore" });
	// Poll with evaluate (waitForFunction would need 'unsafe-eval', which the CSP forbids).
	let live = false;
	for (let i = 0; i < 50 && !live; i++) {
		await page.waitForTimeout(100);
		live = await page.evaluate(
			() => document.querySelectorAll("table.grid thead th.match").length === 15);
	}
	check("imported match appears within 5 s", live, "still 14 columns after 5 s");
	const same = await page.evaluate(() => window.trackerNoReload);
	check("no reload happened", same === "still here", `marker ${same}`);
	const status = await page.$eval("p.status", (p) => p.textContent);
	check("status says after match 15, the 15th played", status.startsWith("After match 15 (15 of 15 matches played)"), status);

	// The Rules Cup (tests/scoring/rules-cup-v2.json) at 375 px: Nova's -5
	// and its reason, Mako's DQ in match 4, match 3 voided, group A.
	const fits = () => page.evaluate(() => document.documentElement.scrollWidth);
	await page.goto(`${base}t/rules-cup/final`);
	check("rules cup: fits 375 px with notes, adjustment, DQ and void", await fits() <= 375,
		`scrollWidth ${await fits()}`);
	const note = await page.$eval("table.board tr.adj-note td", (td) => ({
		text: td.textContent, width: td.getBoundingClientRect().width,
		table: td.closest("table").getBoundingClientRect().width }));
	check("rules cup: Nova's reason under its row, inside the table",
		note.text.startsWith("Nova -5: late to lobby, match 2") && note.width <= note.table,
		JSON.stringify(note));
	const rboard = await page.$eval("table.board", (t) => [t.scrollWidth, t.parentElement.clientWidth]);
	check("rules cup: the board, Adj and Total included, needs no sideways scroll",
		rboard[0] <= rboard[1], JSON.stringify(rboard));
	const dq = await page.$$eval("table.grid td.dq", (t) => t.map((td) => td.textContent));
	check("rules cup: one DQ in the grid", dq.length === 1 && dq[0] === "DQ", JSON.stringify(dq));
	const voided = await page.$eval("table.grid td.void", (td) => td.textContent);
	check("rules cup: match 3 voided, with its reason", voided === "voided: server crash", voided);
	await page.screenshot({ path: rulesShot, fullPage: true });
	await page.click("nav.groups a:has-text('Group A')");
	await page.waitForLoadState();
	const groupA = await page.$$eval("table.board tbody tr[data-team]",
		(rows) => rows.map((r) => r.getAttribute("data-team")));
	check("rules cup: the Group A link ranks Lynx and Mako", groupA.join() === "Lynx,Mako",
		groupA.join());
	await page.selectOption("form.after select", "0");
	await page.waitForURL(/after=0/);
	check("rules cup: group A kept before the first match", page.url().includes("group=A") &&
		(await page.$eval("p.status", (p) => p.textContent)).startsWith("Before the first match"),
		page.url());
	await page.goto(`${base}t/carry-cup/final`);
	check("carry cup: fits 375 px with head starts and zones", await fits() <= 375,
		`scrollWidth ${await fits()}`);
	const board = await page.$eval("table.board", (t) => [t.scrollWidth, t.parentElement.clientWidth]);
	check("carry cup: the board, Total included, needs no sideways scroll at 375 px",
		board[0] <= board[1], JSON.stringify(board));
	const band = await page.$eval("tr.z0 td.rank", (td) => getComputedStyle(td).borderLeftColor);
	check("carry cup: the first zone's band is drawn", band !== "rgba(0, 0, 0, 0)", band);
	// Portuguese by the switcher, a plain link: the URL keeps it, and so do the page's links.
	await page.goto(`${base}t/ffws-brazil-2026-split-1/grand-final`);
	await page.click("nav.langs a[hreflang='pt-BR']");
	await page.waitForURL(/lang=pt-BR/);
	check("switcher: Portuguese in the URL", page.url().endsWith("grand-final?lang=pt-BR"), page.url());
	check("switcher: <html lang=pt-BR>",
		await page.$eval("html", (h) => h.lang) === "pt-BR", await page.$eval("html", (h) => h.lang));
	const ptText = await page.$eval("main", (m) => m.textContent);
	check("switcher: the page in Portuguese",
		ptText.includes("Partida a partida") && ptText.includes("Campeã:") &&
		ptText.includes("Após a partida"), ptText.slice(0, 200));
	check("switcher: Portuguese marked as the current language",
		await page.$eval("nav.langs a[aria-current]", (a) => a.textContent) === "Português",
		await page.$eval("nav.langs", (n) => n.innerHTML));
	check("switcher: fits 375 px in Portuguese", await fits() <= 375, `scrollWidth ${await fits()}`);
	await page.click("table.board a.name >> nth=0");
	await page.waitForLoadState();
	const teamText = await page.$eval("main", (m) => m.textContent);
	check("switcher: a team link keeps Portuguese",
		page.url().endsWith("?lang=pt-BR") && teamText.includes("Últimas 10 partidas"),
		`${page.url()} ${teamText.slice(0, 120)}`);
	// The notes in Portuguese (web/i18n/pt-BR.txt's note.*), longer than the English, on a phone.
	await page.goto(`${base}t/rules-cup/final?lang=pt-BR`);
	const ptNotes = await page.$eval("ul.notes", (u) => u.textContent);
	check("rules cup in pt-BR: the voided match, the penalty and the late match in Portuguese",
		ptNotes.includes("Partida 3 anulada (server crash): não conta para nada") &&
		ptNotes.includes("Ajuste: Nova -5 a partir da classificação após a partida 2") &&
		ptNotes.includes("A partida 6 foi jogada além de max_matches (4)") &&
		!/voided|Adjustment|was played|counts/.test(ptNotes), ptNotes);
	check("rules cup in pt-BR: fits 375 px", await fits() <= 375, `scrollWidth ${await fits()}`);
	await page.goto(`${base}t/carry-cup/final?lang=pt-BR`);
	const carried = await page.$eval("ul.notes", (u) => u.textContent);
	check("carry cup in pt-BR: the carried head starts in Portuguese",
		carried.includes("Vantagens iniciais trazidas de Point Rush") &&
		!carried.includes("Head starts"), carried);
	// Who can still win after match 13, in Portuguese (web/i18n/pt-BR.txt's story.* and scen.*).
	await page.goto(`${base}t/ffws-brazil-2026-split-1/grand-final/scenarios?after=13&lang=pt-BR`);
	const scen = await page.$eval("main", (m) => m.textContent);
	check("scenarios in pt-BR: the story and TEAM SOLID's needs in Portuguese",
		scen.includes("Partidas restantes: 3 de 16") &&
		scen.includes("4 pontos para chegar a 160, depois um Booyah") &&
		!/points to reach|Matches left|Every team/.test(scen), scen.slice(0, 300));
	check("scenarios in pt-BR: fits 375 px", await fits() <= 375, `scrollWidth ${await fits()}`);
	check("no console errors, CSP violations or failed requests", problems.length === 0,
		problems.join(" | "));
});
