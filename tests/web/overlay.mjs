// overlay.mjs: the broadcast overlays as OBS's browser source shows them, in
// Debian's Chromium driven by playwright-core at 1920x1080. The database holds
// the real Grand Final up to match 13 (no champion yet; teams on match point).
// Each view renders, its background pixels are transparent (a screenshot
// with omitBackground, its alpha read back on a canvas) while its panels are
// not, and it asks nothing of another host. The options act. Then match 14,
// imported with the CLI, reaches the open standings and alert overlays
// without a reload: LOUD SNICKERS champion, the alert animated, and still
// under prefers-reduced-motion. Prints "ok NAME" / "not ok NAME: why".
//
// usage: node overlay.mjs BASE_URL TRACKER MATCH_FILE SHOT_DIR
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { check, run } from "./chromium.mjs";

const [base, tracker, matchFile, shots] = process.argv.slice(2);
const stage = `${base}overlay/t/ffws-brazil-2026-split-1/grand-final/`;

// poll(page, fn, arg): whether fn(arg) turns true in the page within 5 s
// (waitForFunction would need 'unsafe-eval', which the CSP forbids)
async function poll(page, fn, arg) {
	for (let i = 0; i < 50; i++) {
		if (await page.evaluate(fn, arg)) {
			return true;
		}
		await page.waitForTimeout(100);
	}
	return false;
}

await run("browser", { viewport: { width: 1920, height: 1080 } }, async (context) => {
	const probe = context.pages()[0] || await context.newPage();
	// alpha(png, points): the alpha (0..255) of each [x, y] of a PNG screenshot
	const alpha = (png, points) => probe.evaluate(async ([b64, pts]) => {
		const img = new Image();
		img.src = `data:image/png;base64,${b64}`;
		await img.decode();
		const c = document.createElement("canvas");
		c.width = img.width;
		c.height = img.height;
		const g = c.getContext("2d");
		g.drawImage(img, 0, 0);
		return { size: [img.width, img.height],
			a: pts.map(([x, y]) => g.getImageData(x, y, 1, 1).data[3]) };
	}, [png.toString("base64"), points]);

	// open(path, media): a new page on the overlay, with what it requested and any errors
	async function open(path, media) {
		const page = await context.newPage();
		if (media) {
			await page.emulateMedia(media);
		}
		const seen = { problems: [], foreign: [] };
		page.on("console", (m) => { if (m.type() === "error") seen.problems.push(m.text()); });
		page.on("pageerror", (e) => seen.problems.push(String(e)));
		page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) seen.foreign.push(r.url()); });
		page.on("requestfailed", (r) => {
			if (!r.url().includes("/events")) seen.problems.push(`${r.url()} ${r.failure()?.errorText}`);
		});
		const resp = await page.goto(stage + path);
		await page.waitForLoadState("load");
		return { page, resp, seen };
	}

	// each view: [path, a point inside a panel it draws]
	const views = [
		["standings", "table.board tbody tr td.pts"],
		["last", "table.board tbody tr td.pts"],
		["alert", ".alert"],
		["fraggers", "table.board tbody tr td.pts"],
		["team?team=los", ".card"],
	];
	for (const [path, panel] of views) {
		const { page, resp, seen } = await open(path);
		check(`${path}: 200`, resp && resp.status() === 200, `status ${resp && resp.status()}`);
		const box = await page.$eval(panel, (e) => {
			const r = e.getBoundingClientRect();
			return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
		}).catch(() => null);
		check(`${path}: draws its panel`, box !== null, `no ${panel}`);
		const png = await page.screenshot({ omitBackground: true });
		const name = path.replace(/\?.*/, "");
		await page.screenshot({ path: join(shots, `overlay-${name}.png`), omitBackground: true });
		const got = await alpha(png, [[5, 5], [1915, 5], [5, 1075], [1915, 1075], [1900, 540], box || [0, 0]]);
		check(`${path}: 1920x1080`, got.size[0] === 1920 && got.size[1] === 1080, got.size.join("x"));
		check(`${path}: background transparent (corners, right edge)`,
			got.a.slice(0, 5).every((a) => a === 0), `alpha ${got.a.slice(0, 5)}`);
		check(`${path}: its panel is not`, got.a[5] > 0, `alpha ${got.a[5]} at ${box}`);
		check(`${path}: nothing from another host`, seen.foreign.length === 0, seen.foreign.join(" "));
		check(`${path}: no console errors, CSP violations or failed requests`,
			seen.problems.length === 0, seen.problems.join(" | "));
		await page.close();
	}

	// the alert before match 14: the teams on match point
	{
		const { page } = await open("alert");
		const text = await page.$eval(".alert", (e) => e.textContent);
		check("alert: match point before match 14", text.startsWith("Match point") &&
			text.includes("LOUD SNICKERS") && text.includes("LOS"), text);
		await page.close();
	}
	// options
	{
		const { page } = await open("standings?rows=3&scale=0.5&accent=ff8800&theme=light&lang=en");
		const o = await page.evaluate(() => ({
			rows: document.querySelectorAll("table.board tbody tr").length,
			width: document.querySelector(".frame").getBoundingClientRect().width,
			accent: getComputedStyle(document.querySelector(".head")).backgroundColor,
			fg: getComputedStyle(document.body).color,
		}));
		check("rows=3: three rows", o.rows === 3, JSON.stringify(o));
		check("scale=0.5: the frame is 960 px wide", o.width === 960, JSON.stringify(o));
		check("accent=ff8800 colours the heading", o.accent === "rgb(255, 136, 0)", JSON.stringify(o));
		check("theme=light: dark text", o.fg === "rgb(13, 17, 23)", JSON.stringify(o));
		await page.close();
	}
	for (const [q, why] of [["rows=0", "rows=0: expected"], ["accent=red", "accent=red: expected a hex"],
		["lang=pt", "lang=pt: the overlays exist in English only"], ["scale=9", "scale=9: expected"]]) {
		const { page, resp } = await open(`standings?${q}`);
		const body = await page.textContent("body");
		check(`${q}: 400 saying why`, resp.status() === 400 && body.includes(why), `${resp.status()} ${body.slice(0, 200)}`);
		await page.close();
	}

	// live: match 14 from the CLI reaches the open overlays without a reload
	const board = await open("standings");
	const pop = await open("alert");
	const still = await open("alert", { reducedMotion: "reduce" });
	for (const o of [board, pop, still]) {
		await o.page.evaluate(() => { window.trackerNoReload = "still here"; });
	}
	const before = await board.page.$eval("tbody tr td.team", (e) => e.textContent);
	execFileSync(tracker, ["import", matchFile], { stdio: "ignore" });
	const champ = await poll(board.page, () => {
		const r = document.querySelector("tbody tr.champion td.team");
		return !!r && r.textContent.startsWith("LOUD SNICKERS") &&
			document.querySelector(".head").textContent.endsWith("after match 14");
	});
	check("standings: match 14 arrives live, LOUD SNICKERS champion first", champ, `first was ${before}`);
	const popped = await poll(pop.page, () => !!document.querySelector(".alert.champion.pop"));
	check("alert: champion announced live, marked to animate", popped, await pop.page.textContent("body"));
	const anim = await pop.page.$eval(".alert", (e) => getComputedStyle(e).animationName);
	check("alert: animates", anim === "pop", `animation-name ${anim}`);
	const calm = await poll(still.page, () => !!document.querySelector(".alert.champion.pop"));
	const none = await still.page.$eval(".alert", (e) => getComputedStyle(e).animationName);
	check("alert: still under prefers-reduced-motion", calm && none === "none", `animation-name ${none}`);
	for (const [name, o] of [["standings", board], ["alert", pop], ["reduced-motion alert", still]]) {
		check(`${name}: no reload happened`, await o.page.evaluate(() => window.trackerNoReload) === "still here", "marker gone");
		check(`${name}: no console errors`, o.seen.problems.length === 0, o.seen.problems.join(" | "));
	}
	await pop.page.bringToFront();
	await pop.page.waitForTimeout(3000);
	await pop.page.screenshot({ path: join(shots, "overlay-alert-champion.png"), omitBackground: true });
	await board.page.bringToFront();
	await board.page.screenshot({ path: join(shots, "overlay-standings-live.png"), omitBackground: true });
});
