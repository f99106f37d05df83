/**
 * The DR binder printed while Astro still writes the site (scripts/build.ts starts it beside
 * `astro build`): on a copy of the fixture build whose binder page is written by the test after the
 * binder started, half first as a slow write would leave it. Then its cache: a build where no page
 * changed copies the binder, one where a page changed prints that page again.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { BINDER_FILE, startDrBinder, writeDrBinder, type BinderOptions } from '../../scripts/lib/dr-binder.ts';
import { FIXTURE_DIST, TMP } from '../helpers/paths.ts';

const site = join(TMP, 'binder-early');
const cacheDir = join(TMP, 'binder-early-cache');
const PAGE = 'ops/restart-runbook/index.html';
const options: BinderOptions = { siteUrl: 'https://docs.neotool.io', requireCore: false, ci: true, cacheDir };
const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

let page: string;
beforeEach(() => {
	rmSync(site, { recursive: true, force: true });
	cpSync(FIXTURE_DIST, site, { recursive: true });
	rmSync(join(site, 'downloads'), { recursive: true, force: true });
	page = readFileSync(join(site, PAGE), 'utf8');
});

describe('DR binder printed while the site is written', () => {
	it('waits for a page Astro has not written whole, prints it, and writes nothing before the site is done', async () => {
		rmSync(cacheDir, { recursive: true, force: true });
		rmSync(join(site, PAGE));
		const run = startDrBinder(site, options);
		await sleep(400);
		// Half a page, as a write in progress leaves it: not printed (its Rollback section is not there yet).
		writeFileSync(join(site, PAGE), page.slice(0, Math.floor(page.length / 2)));
		await sleep(400);
		writeFileSync(join(site, PAGE), page);
		await sleep(400);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
		run.finish();
		const result = await run.result;
		expect(result).toMatchObject({ printed: 1, cached: false, pdfPages: expect.any(Number) });
		const text = pdftotext(join(site, BINDER_FILE));
		expect(text).toMatch(/^\s*Restart Runbook\s{2,}2\s*$/m);
		expect(text).toMatch(/^\s*Nothing to roll back\.\s*$/m);
	});

	it('names a page still missing once the site is done, and writes nothing', async () => {
		rmSync(join(site, PAGE));
		const run = startDrBinder(site, options);
		await sleep(200);
		run.finish();
		await expect(run.result).rejects.toThrow(/^build: DR binder: no built page for `ops\/restart-runbook`, expected \/ops\/restart-runbook\/index\.html in the output$/);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
	});

	it('stops when the build fails, writing nothing', async () => {
		rmSync(join(site, PAGE));
		const run = startDrBinder(site, options);
		await sleep(200);
		run.abort();
		await expect(run.result).rejects.toThrow(/^build: DR binder: stopped, the build failed$/);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
	});
});

describe('DR binder cache', () => {
	it('copies the binder when no page changed, and prints again only a page that did', async () => {
		rmSync(cacheDir, { recursive: true, force: true });
		const first = await writeDrBinder(site, options);
		expect(first).toMatchObject({ printed: 1, cached: false });
		const bytes = readFileSync(join(site, BINDER_FILE));

		rmSync(join(site, 'downloads'), { recursive: true });
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 0, cached: true });
		expect(readFileSync(join(site, BINDER_FILE)).equals(bytes)).toBe(true);

		writeFileSync(join(site, PAGE), page.replace('Nothing to roll back.', 'Nothing to roll back, changed.'));
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 1, cached: false });
		expect(pdftotext(join(site, BINDER_FILE))).toMatch(/^\s*Nothing to roll back, changed\.\s*$/m);
	});
});
