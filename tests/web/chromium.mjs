// chromium.mjs: what the browser tests share. check() prints a case's
// "ok NAME" / "not ok NAME: why" line; run() starts Debian's Chromium,
// headless over a fresh profile with the flags this machine's closed network
// needs, hands its context to the test, closes it and exits 1 when a check
// failed; a test that throws is the failed check "NAME run".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

let failed = 0;

export function check(name, cond, why) {
	if (cond) {
		console.log(`ok ${name}`);
	} else {
		console.log(`not ok ${name}: ${why}`);
		failed = 1;
	}
}

// run(name, options, test): await test(context, profile), options
// (viewport, bypassCSP ...) added to the launch's; profile is a scratch
// directory.
export async function run(name, options, test) {
	const profile = mkdtempSync(join(tmpdir(), "tracker-chromium-"));
	let context;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: "/usr/bin/chromium",
			headless: true,
			args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync"],
			...options,
		});
		await test(context, profile);
	} catch (e) {
		check(`${name} run`, false, String(e).split("\n")[0]);
	} finally {
		if (context) {
			await context.close();
		}
		rmSync(profile, { recursive: true, force: true });
	}
	process.exit(failed);
}
