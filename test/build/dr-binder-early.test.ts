/**
 * The DR binder printed while Astro still writes the site (scripts/build.ts starts it beside
 * `astro build`): on a copy of the fixture build whose binder page is written by the test after the
 * binder started, half first as a slow write would leave it. Then its cache: a build where no page
 * changed copies the binder, one where a page changed prints that page again. The copy's agents'
 * index is the build's, with Platform Facts also asking for the binder, so the binder has two pages.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const pagePrints = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => /^page-.*\.pdf$/.test(f)) : []);

/** Chromium processes this test process started and has not closed. */
const ownChromiums = () =>
	readdirSync('/proc')
		.filter((p) => /^\d+$/.test(p))
		.filter((p) => {
			try {
				const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
				return /\((chromium|chrome)[^)]*\)/.test(stat) && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
			} catch {
				return false; // gone while read
			}
		});

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
	for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (condition()) return true;
	return condition();
}

let page: string;
beforeEach(() => {
	rmSync(site, { recursive: true, force: true });
	rmSync(cacheDir, { recursive: true, force: true });
	cpSync(FIXTURE_DIST, site, { recursive: true });
	rmSync(join(site, 'downloads'), { recursive: true, force: true });
	const index = JSON.parse(readFileSync(join(site, 'docs-index.json'), 'utf8')) as { docs: Array<{ id: string; frontmatter: { print_binder?: boolean } }> };
	index.docs.find((d) => d.id === 'ops/platform-facts')!.frontmatter.print_binder = true;
	writeFileSync(join(site, 'docs-index.json'), JSON.stringify(index));
	page = readFileSync(join(site, PAGE), 'utf8');
});

describe('DR binder printed while the site is written', () => {
	it('waits for a page Astro has not written whole, prints it before the site is done, and writes nothing until then', async () => {
		rmSync(join(site, PAGE));
		const run = startDrBinder(site, options);
		let settled = false;
		void run.result.finally(() => (settled = true)).catch(() => {});
		// The page that is there is printed while the other is awaited.
		expect(await waitFor(() => pagePrints().length === 1, 30_000)).toBe(true);
		// Half a page, as a write in progress leaves it: not printed (its Rollback section is not there yet).
		writeFileSync(join(site, PAGE), page.slice(0, Math.floor(page.length / 2)));
		await sleep(500);
		writeFileSync(join(site, PAGE), page);
		// Both pages printed before the site is done; the binder itself waits for finish().
		expect(await waitFor(() => pagePrints().length === 2, 30_000)).toBe(true);
		await sleep(1_500);
		expect(settled).toBe(false);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
		run.finish();
		const result = await run.result;
		expect(result).toMatchObject({ printed: 2, cached: false });
		const text = pdftotext(join(site, BINDER_FILE));
		expect(text).toMatch(/^\s*Restart Runbook\s{2,}\d+\s*$/m);
		expect(text).toMatch(/^\s*Nothing to roll back\.\s*$/m);
	});

	it('names a page still missing once the site is done, writes nothing, and leaves no Chromium running', async () => {
		rmSync(join(site, PAGE));
		const run = startDrBinder(site, options);
		await sleep(1_000);
		run.finish();
		await expect(run.result).rejects.toThrow(/^build: DR binder: no built page for `ops\/restart-runbook`, expected \/ops\/restart-runbook\/index\.html in the output$/);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
		expect(ownChromiums()).toEqual([]);
	});

	it('names a page that never became whole', async () => {
		writeFileSync(join(site, PAGE), page.slice(0, 2_000));
		await expect(writeDrBinder(site, options)).rejects.toThrow(/^build: DR binder: \/ops\/restart-runbook\/index\.html does not end in <\/html>, expected a whole page$/);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
	});

	it('stops when the build fails, even with every page already read: nothing written, no Chromium left', async () => {
		const run = startDrBinder(site, options);
		expect(await waitFor(() => pagePrints().length >= 1, 30_000)).toBe(true);
		run.abort();
		await expect(run.result).rejects.toThrow(/^build: DR binder: stopped, the build failed$/);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
		expect(ownChromiums()).toEqual([]);
	});
});

describe('DR binder cache', () => {
	it('copies the binder when no page changed, prints again only a page that did, and joins the same bytes as a cold print', async () => {
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 2, cached: false });
		const bytes = readFileSync(join(site, BINDER_FILE));

		rmSync(join(site, 'downloads'), { recursive: true });
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 0, cached: true });
		expect(readFileSync(join(site, BINDER_FILE)).equals(bytes)).toBe(true);

		writeFileSync(join(site, PAGE), page.replace('Nothing to roll back.', 'Nothing to roll back, changed.'));
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 1, cached: false });
		const mixed = readFileSync(join(site, BINDER_FILE));
		expect(pdftotext(join(site, BINDER_FILE))).toMatch(/^\s*Nothing to roll back, changed\.\s*$/m);

		// One page from the cache and one printed now: the same bytes as both printed afresh.
		rmSync(cacheDir, { recursive: true });
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 2, cached: false });
		expect(readFileSync(join(site, BINDER_FILE)).equals(mixed)).toBe(true);
	});

	// A page prints under the binder's own stylesheet (binder/paper.css), so what it loads from the site
	// is what its content links: here an image, as a page may show one.
	it('prints a page again when a file its print loaded changed on disk', async () => {
		writeFileSync(join(site, PAGE), page.replace('Nothing to roll back.', 'Nothing to roll back. <img src="/favicon.svg" alt="">'));
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 2 });
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 0, cached: true });
		const favicon = join(site, 'favicon.svg');
		writeFileSync(favicon, readFileSync(favicon, 'utf8').replace('</svg>', '<!-- changed --></svg>'));
		expect(await writeDrBinder(site, options)).toMatchObject({ printed: 1, cached: false });
	});
});

