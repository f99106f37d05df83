/**
 * The service worker's precache (scripts/lib/service-worker.ts) over a small output folder written
 * here: what is precached and under which URL, and that a new build with a changed page yields a
 * worker whose bytes differ (the browser's update check) with that page's revision alone changed.
 * Plus the page-side decisions (src/lib/offline-copy.ts). The real site, served and set offline, is
 * test/browser/service-worker.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precacheManifest, publishedUrl, serviceWorkerSummary, writeServiceWorker, type ServiceWorkerSummary } from '../../scripts/lib/service-worker.ts';
import { offlineNoticeText } from '../../src/lib/offline-copy.ts';
import { shouldRegister } from '../../src/lib/offline-registration.ts';
import { TMP } from '../helpers/paths.ts';

mkdirSync(TMP, { recursive: true });
const work = mkdtempSync(join(TMP, 'service-worker-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES: Record<string, string> = {
	'index.html': '<!doctype html><title>Home</title>',
	'404.html': '<!doctype html><title>Not found</title>',
	'ops/restart/index.html': '<!doctype html><title>Restart</title><p>Step 1: drain the node.</p>',
	'ops/pitr/index.html': '<!doctype html><title>PITR</title>',
	'_astro/page.AbC123.js': 'export {};',
	'_astro/docs.XyZ789.css': 'body{}',
	'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
	'pagefind/pagefind.js': 'export {};',
	'pagefind/pagefind-entry.json': '{}',
	'pagefind/wasm.en.pagefind': 'wasm',
	'pagefind/index/en_1a2b3c.pf_index': 'index',
	'pagefind/fragment/en_4d5e6f.pf_fragment': 'fragment',
	'search-vocabulary.json': '{}',
	// Not for the precache:
	'downloads/neotool-ops-docs-offline.zip': 'zip',
	'downloads/neotool-dr-binder.pdf': 'pdf',
	'_nginx/csp.conf': 'set $docs_csp "";',
	'llms-full.txt': 'everything',
	'docs-chunks.jsonl': '{}',
	'ops/restart/index.md': '# Restart',
};

function site(name: string, overrides: Record<string, string | undefined> = {}): string {
	const out = join(work, name);
	for (const [path, text] of Object.entries({ ...FILES, ...overrides })) {
		if (text === undefined) continue;
		mkdirSync(dirname(join(out, path)), { recursive: true });
		writeFileSync(join(out, path), text);
	}
	return out;
}

describe('precache manifest', () => {
	// The first build, shared by the tests below (each build bundles Workbox's runtime: seconds).
	let v1: ServiceWorkerSummary;
	beforeAll(async () => {
		v1 = await writeServiceWorker(site('v1'));
	});

	it('maps folder pages to the URL they are published at', () => {
		expect(publishedUrl('index.html')).toBe('./');
		expect(publishedUrl('ops/restart/index.html')).toBe('ops/restart/');
		expect(publishedUrl('404.html')).toBe('404.html');
		expect(publishedUrl('_astro/page.AbC123.js')).toBe('_astro/page.AbC123.js');
	});

	it('precaches pages, assets, Pagefind and the vocabulary; not downloads, nginx snippets, the 404 page, bulk agent files or twins', async () => {
		const out = join(work, 'v1');
		const summary = v1;
		expect(summary.entries.map((e) => e.url)).toEqual([
			'./',
			'_astro/docs.XyZ789.css',
			'_astro/page.AbC123.js',
			'favicon.svg',
			'ops/pitr/',
			'ops/restart/',
			'pagefind/fragment/en_4d5e6f.pf_fragment',
			'pagefind/index/en_1a2b3c.pf_index',
			'pagefind/pagefind-entry.json',
			'pagefind/pagefind.js',
			'pagefind/wasm.en.pagefind',
			'search-vocabulary.json',
		]);
		expect(summary.count).toBe(12);
		expect(serviceWorkerSummary({ ...summary, size: 3 * 1024 * 1024, ms: 4321 })).toBe('service worker: sw.js precaches 12 files (3 pages), 3.0 MB, 4.3 s');
		// Hashed names are versioned by their URL; everything else by its content.
		const revision = Object.fromEntries(summary.entries.map((e) => [e.url, e.revision]));
		expect(revision['_astro/page.AbC123.js']).toBeNull();
		expect(revision['pagefind/fragment/en_4d5e6f.pf_fragment']).toBeNull();
		expect(revision['pagefind/pagefind-entry.json']).toMatch(/^[0-9a-f]{32}$/);
		expect(revision['ops/restart/']).toMatch(/^[0-9a-f]{32}$/);
		// The worker and Workbox's runtime, at the root, and nothing else written.
		expect(readdirSync(out).filter((f) => f.endsWith('.js')).sort()).toEqual(['sw.js', expect.stringMatching(/^workbox-[0-9a-f]+\.js$/)]);
		const worker = readFileSync(join(out, 'sw.js'), 'utf8');
		expect(worker).toContain('ops/restart/');
		expect(worker).not.toContain('downloads/');
		expect(worker).not.toContain('llms-full.txt');
		// Pagefind's cache-busting `?ts=` must not miss the precache; skipWaiting + clientsClaim.
		expect(worker).toContain('ignoreURLParametersMatching:[/^ts$/');
		expect(worker).toMatch(/self\.skipWaiting\(\)/);
		expect(worker).toMatch(/clientsClaim\(\)/);
		// The manifest read back the way the tests read it is the one in the worker.
		expect(await precacheManifest(out)).toEqual(summary.entries);
	});

	it('a rebuild with a changed page: a different worker, that page re-fetched, the rest kept; a removed page dropped', async () => {
		const before = v1;
		const workerV1 = readFileSync(join(work, 'v1', 'sw.js'));
		// The same files again: the same worker, byte for byte (the browser sees no update).
		await writeServiceWorker(site('v1-again'));
		expect(readFileSync(join(work, 'v1-again', 'sw.js')).equals(workerV1)).toBe(true);

		const after = await writeServiceWorker(site('v2', { 'ops/restart/index.html': '<!doctype html><title>Restart</title><p>Step 1: cordon, then drain the node.</p>', 'ops/pitr/index.html': undefined }));
		expect(readFileSync(join(work, 'v2', 'sw.js')).equals(workerV1)).toBe(false);
		const rev = (entries: typeof before.entries) => Object.fromEntries(entries.map((e) => [e.url, e.revision]));
		const [r1, r2] = [rev(before.entries), rev(after.entries)];
		expect(r2['ops/restart/']).not.toBe(r1['ops/restart/']);
		expect(Object.keys(r2)).not.toContain('ops/pitr/');
		const unchanged = Object.keys(r2).filter((url) => url !== 'ops/restart/');
		expect(unchanged.length).toBe(10);
		for (const url of unchanged) expect(r2[url], url).toBe(r1[url]);
	});

	it('refuses an output folder without a front page', async () => {
		await expect(writeServiceWorker(site('no-front', { 'index.html': undefined }))).rejects.toThrow('build: service worker: no front page in the precache; expected index.html in the output');
	});
});

describe('registration and the offline notice (page side)', () => {
	it('registers on a built site over http(s) only', () => {
		expect(shouldRegister('https:', true, true)).toBe(true);
		expect(shouldRegister('http:', true, true)).toBe(true);
		expect(shouldRegister('file:', true, true)).toBe(false);
		// astro dev
		expect(shouldRegister('http:', true, false)).toBe(false);
		// No service workers: an old browser, or plain http on another host (not a secure context).
		expect(shouldRegister('http:', false, true)).toBe(false);
	});

	it("names the cached copy's own build from the footer stamp", () => {
		expect(offlineNoticeText('This copy: commit 3e53da6f1c2a, built 2026-12-07.')).toBe(
			"Offline copy from this browser's cache: the site cannot be reached, so this page may be older than the deployed one. Cached copy: commit 3e53da6f1c2a, built 2026-12-07.",
		);
		expect(offlineNoticeText(undefined)).toBe("Offline copy from this browser's cache: the site cannot be reached, so this page may be older than the deployed one.");
	});
});
