/**
 * Offline after one visit (issue 23), in Debian's Chromium against production's nginx config:
 * - the real site, visited once at its front page: the worker precaches exactly its manifest; then
 *   with the network off, runbooks never visited open with their diagrams and the offline notice,
 *   every request answered by the worker, and search finds the PITR runbook;
 * - with the site itself down and the browser still online (the cluster lost, the laptop fine), the
 *   notice shows too; online and reachable, it does not;
 * - a small site deployed twice: the second deploy's worker replaces the cached page, and a page
 *   open from the first deploy's cache says it has been updated.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precacheManifest, writeServiceWorker } from '../../scripts/lib/service-worker.ts';
import { contentSecurityPolicy } from '../../src/lib/csp.ts';
import { offlineNoticeText, UPDATED_NOTICE_TEXT } from '../../src/lib/offline-copy.ts';
import { launchBrowser, type BrowserSession } from '../helpers/browser.ts';
import { startNginx, type NginxSites } from '../helpers/nginx.ts';
import { SITE_DIST, TMP } from '../helpers/paths.ts';

const RUNBOOK = '/11-infrastructure/incident-response/';
const PITR = '/11-infrastructure/postgresql-pitr-runbook/';

/** The page's entry to the offline copy as the build emitted it (src/scripts/offline.ts): the _astro module that imports the one holding workbox-window. */
function registrationEntry(): string {
	const astro = join(SITE_DIST, '_astro');
	const scripts = readdirSync(astro).filter((f) => f.endsWith('.js'));
	const worker = scripts.find((f) => readFileSync(join(astro, f), 'utf8').includes('workbox:window'))!;
	return scripts.find((f) => f !== worker && readFileSync(join(astro, f), 'utf8').includes(worker))!;
}

/** A tiny deployable site: two pages loading the real registration entry (and the build's _astro/ it imports), nginx's snippets, a worker. */
function deploy(dir: string, version: string): Promise<unknown> {
	const page = (title: string) =>
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><script type="module" src="/_astro/${registrationEntry()}"></script></head><body><main><h1>${title}</h1><p id="body">${title} ${version}</p></main><footer><p class="build-stamp">This copy: commit ${version}, built 2026-12-07.</p></footer></body></html>`;
	const files: Record<string, string> = { 'index.html': page('Home'), 'ops/restart/index.html': page('Restart'), 'pagefind/pagefind-entry.json': '{}', 'search-vocabulary.json': '{}', '_nginx/redirects.conf': '', '_nginx/csp.conf': `set $docs_csp "${contentSecurityPolicy([])}";\n` };
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	cpSync(join(SITE_DIST, '_astro'), join(dir, '_astro'), { recursive: true });
	return writeServiceWorker(dir);
}

/** Resolves once this page's origin has an activated worker controlling the page (precache complete: install waits for it). */
const workerActive = (page: Page) =>
	page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		const worker = registration.active!;
		if (worker.state !== 'activated') await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
		if (!navigator.serviceWorker.controller) await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
		return worker.state;
	});

/** Path (and query, less Workbox's revision) of every entry in the origin's precache. */
const precached = (page: Page) =>
	page.evaluate(async () => {
		const names = (await caches.keys()).filter((name) => name.includes('precache'));
		const urls: string[] = [];
		for (const name of names) {
			for (const request of await (await caches.open(name)).keys()) {
				const url = new URL(request.url);
				url.searchParams.delete('__WB_REVISION__');
				urls.push(url.pathname + url.search);
			}
		}
		return { names, urls: urls.sort() };
	});

// nginx is installed wherever the suite runs (.ci/run), as for test/build/nginx.test.ts: no silent skip.
describe('the served site, visited once, then offline (service worker)', () => {
	let nginx: NginxSites<'site' | 'small'>;
	let browser: BrowserSession;
	mkdirSync(TMP, { recursive: true });
	const small = mkdtempSync(join(TMP, 'sw-deploy-'));

	beforeAll(async () => {
		await deploy(small, 'v1');
		nginx = await startNginx({ site: SITE_DIST, small });
		browser = await launchBrowser({ serviceWorkers: 'allow' });
	});
	afterAll(async () => {
		await browser?.close();
		await nginx?.stop();
		rmSync(small, { recursive: true, force: true });
	});

	it('a new deploy replaces the cache: an open cached page says so, the changed page is served in its new version, offline too', async () => {
		const page = await browser.newPage();
		await page.goto(`${nginx.url.small}/`);
		expect(await workerActive(page)).toBe('activated');
		const firstCache = await precached(page);
		expect(firstCache.urls).toEqual((await precacheManifest(small)).map((entry) => new URL(entry.url, `${nginx.url.small}/sw.js`).pathname).sort());
		expect(firstCache.urls).toEqual(expect.arrayContaining(['/', '/ops/restart/', `/_astro/${registrationEntry()}`]));
		// A page opened now is the cached v1.
		const cached = await browser.newPage();
		await cached.goto(`${nginx.url.small}/ops/restart/`);
		expect(await cached.locator('#body').textContent()).toBe('Restart v1');

		await deploy(small, 'v2');
		// What a browser does on its next navigation: fetch sw.js again, find it changed, install it.
		await cached.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			const changed = new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
			await registration.update();
			await changed;
		});
		// The cached copy says a deploy has replaced it; the first page, fetched from the network, does not.
		await cached.locator('.update-notice').waitFor();
		expect(await cached.locator('.update-notice').textContent()).toBe(UPDATED_NOTICE_TEXT);
		expect(await page.locator('.update-notice').count()).toBe(0);
		await browser.context.setOffline(true);
		try {
			const offline = await browser.newPage();
			await offline.goto(`${nginx.url.small}/ops/restart/`);
			expect(await offline.locator('#body').textContent()).toBe('Restart v2');
			await offline.locator('.offline-notice').waitFor();
			expect(await offline.locator('.offline-notice').textContent()).toBe(offlineNoticeText('This copy: commit v2, built 2026-12-07.'));
			// One precache, one entry per URL: the old revision is gone, not kept beside the new one.
			expect((await precached(offline)).urls).toEqual(firstCache.urls);
		} finally {
			await browser.context.setOffline(false);
		}
	});

	it('the front page, visited once: the worker activates with every manifest entry precached', async () => {
		const page = await browser.newPage();
		await page.goto(`${nginx.url.site}/`);
		expect(await workerActive(page)).toBe('activated');
		const expected = (await precacheManifest(SITE_DIST)).map((entry) => new URL(entry.url, `${nginx.url.site}/sw.js`).pathname).sort();
		expect(expected).toContain(RUNBOOK);
		expect(expected).toContain('/search-vocabulary.json');
		expect(expected).toContain('/pagefind/pagefind-entry.json');
		expect(expected.some((url) => url.startsWith('/downloads/'))).toBe(false);
		expect((await precached(page)).urls).toEqual(expected);
		// Online and reachable, a page from the cache carries no notice.
		await page.reload();
		await page.locator('.build-stamp').waitFor({ state: 'attached' });
		await page.waitForLoadState('networkidle');
		expect(await page.locator('.offline-notice').count()).toBe(0);
	});

	it('offline: a runbook never visited opens with its diagram and the notice; search finds the PITR runbook', async () => {
		await browser.context.setOffline(true);
		try {
			const page = await browser.newPage();
			const network: string[] = [];
			page.on('response', (response) => !response.fromServiceWorker() && network.push(response.url()));
			page.on('requestfailed', (request) => new URL(request.url()).pathname !== '/sw.js' && network.push(`failed ${request.url()}`));
			await page.goto(`${nginx.url.site}${RUNBOOK}`);
			expect(await page.locator('h1#_top').textContent()).toBe('Incident Response');
			expect(await page.locator('figure[data-mermaid-static] .mermaid-svg:visible svg').count()).toBeGreaterThan(0);
			const notice = page.locator('.offline-notice');
			await notice.waitFor();
			const stamp = await page.locator('.build-stamp').textContent();
			expect(stamp).toMatch(/^This copy: commit [0-9a-f]{12}/);
			expect(await notice.textContent()).toBe(offlineNoticeText(stamp));

			await page.click('button[data-open-modal]');
			await page.fill('#starlight__search .pagefind-ui__search-input', 'restore postgres from backup');
			const results = page.locator('#starlight__search .pagefind-ui__result-link');
			await results.first().waitFor({ timeout: 15_000 });
			const hrefs = await results.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
			expect(hrefs.slice(0, 3)).toContain(PITR);
			await page.locator(`#starlight__search .pagefind-ui__result-link[href^="${PITR}"]`).first().click();
			await page.waitForURL((url) => url.pathname === PITR);
			await page.locator('.offline-notice').waitFor();
			// Its diagram is in the page (folded above Steps on a runbook, so not necessarily on screen).
			expect(await page.locator('figure[data-mermaid-static] .mermaid-svg svg').count()).toBeGreaterThan(0);
			// Nothing reached the network: every response came from the worker (the notice's probe failed, as it should).
			expect(network).toEqual([]);
		} finally {
			await browser.context.setOffline(false);
		}
	});

	it('the site down, the browser online: a page never visited still opens, and says it is the cached copy', async () => {
		await nginx.stop();
		const page = await browser.newPage();
		await page.goto(`${nginx.url.site}/11-infrastructure/vault-snapshot-restore/`);
		expect(await page.evaluate(() => navigator.onLine)).toBe(true);
		await page.locator('.offline-notice').waitFor();
		expect(await page.locator('h1#_top').textContent()).toBeTruthy();
	});
});
