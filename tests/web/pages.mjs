// pages.mjs: every fan page as a fan sees it, in Debian's Chromium (playwright-core) at
// 375 px (a phone) and 1366 px, light and dark: the home, tournament, stage, players, maps,
// match, day, scenarios and team pages and a 404. On each: it fits the width, no team name is cut, no
// figure reads like thousands ("22k"), axe-core (injected from node_modules: the pages load
// no third-party script) finds no violation (contrast 4.5:1 included), and every link and
// button of a nav, table, form or chart is at least 44x44 px. Then the stage page: the grid
// opens at the newest match, the race chart keeps a team's colour from after=13 to the full
// page and a legend tap picks the team out; a trailing slash is a redirect; a 404 offers
// the stage meant. Last, every page is live: a match imported with the CLI reaches each open
// page without a reload, with "LIVE · updated N s ago" showing, the grid kept at its end and
// the new column marked. Run after browser.mjs (the database holds matches 1-15 of the
// final). Prints "ok NAME" / "not ok NAME: why".
//
// usage: node pages.mjs BASE_URL TRACKER MATCH16_FILE SCREENSHOT_DIR
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { check, run } from "./chromium.mjs";

const [base, tracker, match16, shots] = process.argv.slice(2);
const axe = readFileSync(join(dirname(fileURLToPath(import.meta.url)),
	"node_modules/axe-core/axe.min.js"), "utf8");
let break16 = {};

const T = "t/ffws-brazil-2026-split-1";
const pages = [
	["home", ""],
	["tournament", T],
	["stage", `${T}/grand-final`],
	["players", `${T}/grand-final/players`],
	["maps", `${T}/grand-final/maps`],
	["match", `${T}/grand-final/m/14`],
	["day", `${T}/grand-final/day/2`],
	["scenarios", `${T}/grand-final/scenarios?after=13`],
	["team", "teams/loud-snickers"],
	["404", `${T}/grand-finals`],
];

// What each page must show: names whole, no "22k", axe clean, 44 px targets.
async function audit(page, name, width) {
	const fit = await page.evaluate(() => document.documentElement.scrollWidth);
	check(`${name}: fits ${width} px`, fit <= width, `scrollWidth ${fit}`);
	const cut = await page.$$eval("td.team, td.team a, td.team .name", (els) => els
		.filter((e) => e.scrollWidth > e.clientWidth + 1 ||
			getComputedStyle(e).textOverflow === "ellipsis")
		.map((e) => e.textContent));
	check(`${name}: no team name cut`, cut.length === 0, cut.slice(0, 3).join(" | "));
	const thousands = await page.$$eval("main td, main small",
		(els) => els.map((e) => e.textContent).filter((t) => /\d+k\b/.test(t)));
	check(`${name}: no figure written like thousands`, thousands.length === 0,
		thousands.slice(0, 3).join(" | "));
	await page.addScriptTag({ content: axe });
	const v = await page.evaluate(async () => {
		const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa"] });
		return r.violations.map((x) => `${x.id}: ${x.nodes.slice(0, 2)
			.map((n) => n.target.join(" ")).join(", ")}`);
	});
	check(`${name}: axe-core finds no violation`, v.length === 0, v.join(" | "));
	const small = await page.$$eval(
		"nav a, table a, form select, form button, figure button, .legend button",
		(els) => els.filter((e) => e.getClientRects().length)
			.map((e) => [e.textContent.trim(), e.getBoundingClientRect()])
			.filter(([, r]) => r.height < 44 || r.width < 44)
			.map(([t, r]) => `${t} ${Math.round(r.width)}x${Math.round(r.height)}`));
	check(`${name}: tap targets at least 44 px`, small.length === 0, small.slice(0, 4).join(" | "));
}

await run("pages", {
	viewport: { width: 375, height: 800 },
	bypassCSP: true, // for axe.min.js alone: browser.mjs checks the pages under their CSP
}, async (context, profile) => {
	const page = context.pages()[0] || await context.newPage();
	const problems = [];
	page.on("pageerror", (e) => problems.push(String(e)));

	for (const width of [375, 1366]) {
		await page.setViewportSize({ width, height: 900 });
		for (const scheme of ["light", "dark"]) {
			await page.emulateMedia({ colorScheme: scheme });
			for (const [name, path] of pages) {
				const resp = await page.goto(`${base}${path}`);
				const want = name === "404" ? 404 : 200;
				check(`${name} ${width} ${scheme}: status ${want}`, resp && resp.status() === want,
					`status ${resp && resp.status()}`);
				await audit(page, `${name} ${width} ${scheme}`, width);
				if (name === "team" || name === "match") {
					const wide = await page.$$eval(".scroll > table", (ts) => ts
						.filter((t) => t.scrollWidth > t.parentElement.clientWidth)
						.map((t) => t.previousElementSibling?.textContent || t.className));
					check(`${name} ${width} ${scheme}: every table fits without sideways scroll`,
						wide.length === 0, wide.join(", "));
				}
				if (scheme === "dark" || width === 375)
					await page.screenshot({ path: join(shots, `${name}-${width}-${scheme}.png`),
						fullPage: true });
			}
		}
	}
	await page.emulateMedia({ colorScheme: "light" });
	await page.setViewportSize({ width: 375, height: 800 });

	await page.goto(`${base}${T}/grand-final/`);
	check("a trailing slash lands on the page without it",
		page.url() === `${base}${T}/grand-final`, page.url());
	await page.goto(`${base}${T}/grand-finals`);
	const dym = await page.$eval(".dym a", (a) => a.getAttribute("href")).catch(() => null);
	check("the 404 offers the stage meant", dym === `/${T}/grand-final`, String(dym));

	await page.goto(`${base}${T}/grand-final`);
	const end = await page.$eval("[data-grid]",
		(g) => [g.scrollLeft, g.clientWidth, g.scrollWidth]);
	check("the grid opens at the newest match", end[0] + end[1] >= end[2] - 2 && end[0] > 0,
		JSON.stringify(end));
	const colour = (p) => p.$$eval("svg.race polyline", (ls) => Object.fromEntries(
		ls.map((l) => [l.getAttribute("data-team"), l.getAttribute("class")
			.split(" ").find((c) => /^c\d+$/.test(c))])));
	const full = await colour(page);
	await page.goto(`${base}${T}/grand-final?after=13`);
	const at13 = await colour(page);
	const moved = Object.keys(full).filter((t) => full[t] !== at13[t]);
	check("a team keeps its chart colour from after=13 to the full page",
		moved.length === 0 && Object.keys(full).length === 12, moved.join(", "));
	check("twelve teams, twelve colours", new Set(Object.values(full)).size === 12,
		JSON.stringify(full));
	await page.hover(".legend button[data-team='RUSH GAMING']");
	const hover = await page.evaluate(() => ({
		fig: document.querySelector("figure.chart").classList.contains("focus"),
		on: document.querySelector("polyline[data-team='RUSH GAMING']").classList.contains("on"),
	}));
	check("a hover on the legend picks the team's line out", hover.fig && hover.on,
		JSON.stringify(hover));
	await page.mouse.move(0, 0);
	await page.click(".legend button[data-team='LOS']");
	const focus = await page.evaluate(() => ({
		fig: document.querySelector("figure.chart").classList.contains("focus"),
		los: getComputedStyle(document.querySelector("polyline[data-team='LOS']")).opacity,
		other: getComputedStyle(document.querySelector("polyline[data-team='FLUXO W7M']")).opacity,
	}));
	check("a legend tap picks the team's line out", focus.fig && Number(focus.los) === 1 &&
		Number(focus.other) < 0.5, JSON.stringify(focus));
	await page.emulateMedia({ colorScheme: "dark" });
	const dark = await page.$$eval("svg.race polyline", (ls) => ls.map((l) => {
		const [r, g, b] = getComputedStyle(l).stroke.match(/\d+/g).map(Number);
		const lin = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		const y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
		return [l.getAttribute("data-team"), (y + 0.05) / (0.0116 + 0.05)]; // against #1a1d23
	}).filter(([, c]) => c < 3));
	check("dark mode: every line at least 3:1 against the card", dark.length === 0,
		JSON.stringify(dark));
	await page.emulateMedia({ colorScheme: "light" });

	// Live: the pages open in two rounds (Chromium keeps 6 connections to a host, and each
	// open page holds one for its event stream), a match imported with the CLI in each.
	let badge = "";
	for (let i = 0; i < 30 && !/^LIVE · updated \d+ s ago$/.test(badge); i++) {
		await page.waitForTimeout(100);
		badge = await page.$eval(".live-badge", (b) => b.hidden ? "" : b.textContent);
	}
	check("the stage page says LIVE · updated N s ago", /^LIVE · updated \d+ s ago$/.test(badge),
		badge);
	const m17 = join(profile, "m17.json");
	writeFileSync(m17, JSON.stringify({ ...JSON.parse(readFileSync(match16, "utf8")), match: 17 }));
	let home;
	for (const [round, file] of [[["stage", "home", "tournament", "players", "scenarios"], match16],
		[["maps", "match", "team", "day"], m17]]) {
		const open = [];
		for (const name of round) {
			const p = name === "stage" ? page : await context.newPage();
			await p.goto(`${base}${pages.find(([n]) => n === name)[1]}`);
			await p.evaluate(() => { window.trackerNoReload = "still here"; });
			open.push([name, p]);
		}
		execFileSync(tracker, ["import", file], { stdio: "ignore" });
		for (const [name, p] of open) {
			let done = false;
			for (let i = 0; i < 50 && !done; i++) {
				await p.waitForTimeout(100);
				done = await p.evaluate(() => document.body.hasAttribute("data-updated") &&
					window.trackerNoReload === "still here");
			}
			check(`${name}: updated live without a reload`, done, "no update within 5 s");
			if (name === "home") {
				home = await p.$eval("main", (m) => m.innerHTML);
			}
			if (p !== page) {
				await p.close();
			}
		}
		if (file === match16) {
			break16 = await page.evaluate(() => {
				const g = document.querySelector("[data-grid]");
				return { cols: document.querySelectorAll("table.grid th.match").length,
					fresh: [...document.querySelectorAll("table.grid th.new")]
						.map((t) => t.dataset.match),
					end: g.scrollLeft + g.clientWidth >= g.scrollWidth - 2 };
			});
		}
	}
	check("the new match is in the grid, marked, and in sight", break16.cols === 16 &&
		break16.fresh.join() === "16" && break16.end, JSON.stringify(break16));
	check("home: the final's count says 16 matches after the update",
		/Grand Final<\/a> <span class="muted">16 matches/.test(home), home.slice(0, 300));
	check("no page errors", problems.length === 0, problems.join(" | "));
});
