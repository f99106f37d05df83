/**
 * The built sites served by Debian's nginx with the production config (deploy/nginx/), one process
 * for both: the real site (every published page, types, caching, compression, headers) and the
 * fixture site (whose restart runbook was moved: redirects). Then Chromium against nginx: search,
 * diagrams and the theme toggle work under the Content-Security-Policy, with no violation.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { parseUrlList } from '../../src/lib/redirects.ts';
import { launchBrowser, type BrowserSession } from '../helpers/browser.ts';
import { hasBrotli, startNginx, type NginxSites } from '../helpers/nginx.ts';
import { FIXTURE_DIST, SITE_DIST } from '../helpers/paths.ts';

interface Answer {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

/** One raw GET: no redirect following, no decompression, so the test sees what nginx sent. */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		request(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks) }));
		})
			.on('error', reject)
			.end();
	});
}

let nginx: NginxSites<'site' | 'fixture'>;
beforeAll(async () => {
	nginx = await startNginx({ site: SITE_DIST, fixture: FIXTURE_DIST });
});
afterAll(async () => {
	await nginx?.stop();
});
const site = (path: string, headers?: Record<string, string>) => get(nginx.url.site + path, headers);
const fixture = (path: string, headers?: Record<string, string>) => get(nginx.url.fixture + path, headers);

const listed = (dist: string) => parseUrlList(readFileSync(join(dist, 'published-urls.txt'), 'utf8')).map((l) => l.path);
const firstFile = (dir: string, pattern: RegExp) => readdirSync(join(SITE_DIST, dir)).find((f) => pattern.test(f))!;

describe('nginx: every published URL', () => {
	it('answers 200 with HTML for every page of published-urls.txt', async () => {
		const paths = listed(SITE_DIST);
		expect(paths.length).toBeGreaterThan(50);
		const failures: string[] = [];
		for (const path of paths) {
			const answer = await site(path);
			if (answer.status !== 200 || answer.headers['content-type'] !== 'text/html; charset=utf-8') failures.push(`${path} ${answer.status} ${answer.headers['content-type']}`);
		}
		expect(failures).toEqual([]);
	});

	it('the build publishes every URL of the committed contract', () => {
		const built = new Set(listed(SITE_DIST));
		expect(parseUrlList(readFileSync(join(SITE_DIST, '..', 'published-urls.txt'), 'utf8')).map((l) => l.path).filter((p) => !built.has(p))).toEqual([]);
	});

	it('answers 404 with the site\'s own 404 page for a path nothing is published at', async () => {
		const notFound = readFileSync(join(SITE_DIST, '404.html'));
		for (const path of ['/11-infrastructure/no-such-runbook/', '/no/such/file.txt', '/_nginx/csp.conf', '/404.html']) {
			const answer = await site(path);
			expect(answer.status, path).toBe(404);
			expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8');
			expect(answer.body.equals(notFound), path).toBe(true);
		}
	});
});

describe('nginx: one URL per page', () => {
	it.each([
		['/11-infrastructure/k3s-setup', '/11-infrastructure/k3s-setup/'],
		['/11-infrastructure/k3s-setup/index.html', '/11-infrastructure/k3s-setup/'],
		['/11-infrastructure/k3s-setup/index.html?from=chat', '/11-infrastructure/k3s-setup/?from=chat'],
		['/index.html', '/'],
		['/11-infrastructure', '/11-infrastructure/'],
	])('%s → 301 %s', async (from, to) => {
		const answer = await site(from);
		expect(answer.status).toBe(301);
		expect(answer.headers.location).toBe(to);
	});

	it.each([
		['/ops/restart/', '/ops/restart-runbook/'],
		['/ops/restart', '/ops/restart-runbook/'],
		['/ops/restart/index.html', '/ops/restart/'],
		['/ops/restart/index.md', '/ops/restart-runbook/index.md'],
		['/runbooks/restart-app/', '/ops/restart-runbook/'],
	])('moved page: %s → 301 %s', async (from, to) => {
		const answer = await fixture(from);
		expect(answer.status).toBe(301);
		expect(answer.headers.location).toBe(to);
		expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
	});
});

describe('nginx: content types, caching, compression', () => {
	const astroJs = () => `/_astro/${firstFile('_astro', /\.js$/)}`;
	const astroCss = () => `/_astro/${firstFile('_astro', /\.css$/)}`;
	const fragment = () => `/pagefind/fragment/${firstFile('pagefind/fragment', /\.pf_fragment$/)}`;
	const wasm = () => `/pagefind/${firstFile('pagefind', /^wasm\..*\.pagefind$/)}`;
	const workboxRuntime = () => `/${firstFile('.', /^workbox-[0-9a-f]+\.js$/)}`;

	it.each([
		['/11-infrastructure/k3s-setup/index.md', 'text/markdown; charset=utf-8', 'no-cache'],
		['/index.md', 'text/markdown; charset=utf-8', 'no-cache'],
		['/llms.txt', 'text/plain; charset=utf-8', 'no-cache'],
		['/llms-full.txt', 'text/plain; charset=utf-8', 'no-cache'],
		['/docs-index.json', 'application/json; charset=utf-8', 'no-cache'],
		['/docs-chunks.jsonl', 'application/jsonl; charset=utf-8', 'no-cache'],
		['/published-urls.txt', 'text/plain; charset=utf-8', 'no-cache'],
		['/', 'text/html; charset=utf-8', 'no-cache'],
		['/pagefind/pagefind.js', 'application/javascript; charset=utf-8', 'no-cache'],
		['/pagefind/pagefind-entry.json', 'application/json; charset=utf-8', 'no-cache'],
		// Pagefind compresses its index, fragments and wasm itself (gzip inside): opaque bytes to nginx.
		[wasm, 'application/octet-stream', 'no-cache'],
		[fragment, 'application/octet-stream', 'public, max-age=31536000, immutable'],
		[astroJs, 'application/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
		[astroCss, 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
		// The service worker is revalidated on every update check; its Workbox runtime is named by its hash.
		['/sw.js', 'application/javascript; charset=utf-8', 'no-cache'],
		[workboxRuntime, 'application/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
	] as const)('%s: %s, %s', async (path, type, cache) => {
		const answer = await site(typeof path === 'function' ? path() : path);
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe(type);
		expect(answer.headers['cache-control']).toBe(cache);
		if (cache === 'no-cache') expect(answer.headers.etag).toMatch(/^"/);
	});

	// mermaid's ESM build, present when a page renders diagrams in the browser (src/integrations/mermaid-vendor.ts).
	const mermaidVendor = existsSync(join(SITE_DIST, 'vendor')) ? readdirSync(join(SITE_DIST, 'vendor')).find((d) => d.startsWith('mermaid-')) : undefined;
	it.runIf(mermaidVendor)('serves ES modules (.mjs) as JavaScript, versioned so immutable', async () => {
		const answer = await site(`/vendor/${mermaidVendor}/mermaid.esm.min.mjs`);
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('application/javascript; charset=utf-8');
		expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
	});

	it('gzips HTML, Markdown, JSON and scripts, never Pagefind\'s own compressed files', async () => {
		for (const path of ['/11-infrastructure/k3s-setup/', '/11-infrastructure/k3s-setup/index.md', '/docs-index.json', astroJs()]) {
			const answer = await site(path, { 'accept-encoding': 'gzip' });
			expect(answer.headers['content-encoding'], path).toBe('gzip');
			expect(answer.headers.vary, path).toBe('Accept-Encoding');
		}
		expect((await site(fragment(), { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
		expect((await site(wasm(), { 'accept-encoding': 'gzip, br' })).headers['content-encoding']).toBeUndefined();
	});

	it.runIf(hasBrotli())('serves brotli when the client takes it (Debian\'s brotli module)', async () => {
		const answer = await site('/docs-index.json', { 'accept-encoding': 'br, gzip' });
		expect(answer.headers['content-encoding']).toBe('br');
	});
});

describe('nginx: security headers', () => {
	it('sends nosniff, a referrer policy, no framing and a CSP without unsafe-inline scripts', async () => {
		for (const path of ['/', '/11-infrastructure/k3s-setup/', '/llms.txt', '/no-such-page/']) {
			const { headers } = await site(path);
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
			expect(headers['x-frame-options'], path).toBe('DENY');
			const csp = headers['content-security-policy']!;
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).toContain("object-src 'none'");
			const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '))!.split(' ');
			expect(scriptSrc.filter((s) => !/^'sha256-[A-Za-z0-9+/]+=*'$/.test(s))).toEqual(['script-src', "'self'", "'wasm-unsafe-eval'"]);
		}
	});

	it('allows exactly the inline scripts the front page carries, by hash', async () => {
		const { headers, body } = await site('/');
		const hashes = new Set(headers['content-security-policy']!.match(/'sha256-[^']+'/g));
		const inline = [...body.toString('utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((s) => s.trim());
		expect(inline.length).toBeGreaterThan(0);
		for (const script of inline) expect(hashes).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
	});
});

describe('Chromium against nginx', () => {
	let browser: BrowserSession;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	/** A page whose CSP violations (reported by the browser as events and console errors) are collected. */
	async function open(base: string, path: string) {
		const page = await browser.newPage();
		const violations: string[] = [];
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) => ((window as unknown as { __csp: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
		});
		page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
		await page.goto(base + path, { waitUntil: 'networkidle' });
		const reported = async () => [...violations, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])) as string[])];
		return { page, reported };
	}

	it('the front page: no CSP violation', async () => {
		const { page, reported } = await open(nginx.url.site, '/');
		expect(await page.title()).toContain('NeoTool');
		expect(await reported()).toEqual([]);
	});

	it('a runbook: no CSP violation, the theme toggle works', async () => {
		const { page, reported } = await open(nginx.url.site, '/11-infrastructure/k3s-etcd-recovery/');
		for (const theme of ['dark', 'light'] as const) {
			await page.selectOption('starlight-theme-select select >> nth=0', theme);
			await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
		}
		expect(await reported()).toEqual([]);
	});

	it('a page with diagrams: they render as SVG, no CSP violation', async () => {
		const { page, reported } = await open(nginx.url.site, '/11-infrastructure/incident-response/');
		// Drawn at build time (one SVG per theme, the other hidden) or in the browser; a diagram in a section
		// the page folds on open is shown by opening it. Either way one SVG per figure has a size and text.
		await page.locator('figure[data-mermaid] svg').first().waitFor({ state: 'attached', timeout: 20_000 });
		const drawn = await page.evaluate(() => {
			for (const details of document.querySelectorAll('details')) if (details.querySelector('figure[data-mermaid]')) details.open = true;
			return [...document.querySelectorAll('figure[data-mermaid]')].map((figure) => [...figure.querySelectorAll('svg')].some((svg) => svg.getBoundingClientRect().height > 20 && (svg.textContent ?? '').trim().length > 0));
		});
		expect(drawn.length).toBeGreaterThan(0);
		expect(drawn.every(Boolean)).toBe(true);
		expect(await reported()).toEqual([]);
	});

	it('the search dialog finds a runbook, no CSP violation', async () => {
		const { page, reported } = await open(nginx.url.site, '/');
		await page.click('button[data-open-modal]');
		await page.locator('dialog[open] input').first().fill('etcd snapshot restore');
		const hit = page.locator('dialog[open] a[href*="/11-infrastructure/k3s-etcd-recovery/"]').first();
		await hit.waitFor({ timeout: 20_000 });
		expect(await reported()).toEqual([]);
	});

	it('an inline script a page did not ship is refused (and reported)', async () => {
		const { page, reported } = await open(nginx.url.site, '/');
		const ran = await page.evaluate(() => {
			const script = document.createElement('script');
			script.textContent = 'window.__injected = true';
			document.body.append(script);
			return (window as unknown as { __injected?: boolean }).__injected === true;
		});
		expect(ran).toBe(false);
		await expect.poll(async () => (await reported()).join('\n')).toMatch(/script-src/);
	});

	it('a moved page\'s old URL lands on the page, through nginx and through a static host (meta refresh)', async () => {
		const viaNginx = await browser.newPage();
		await viaNginx.goto(`${nginx.url.fixture}/runbooks/restart-app/`);
		expect(new URL(viaNginx.url()).pathname).toBe('/ops/restart-runbook/');
		const plain = await serveStatic(FIXTURE_DIST);
		try {
			const viaStatic = await browser.newPage();
			await viaStatic.goto(`${plain.url}/ops/restart/`);
			await viaStatic.waitForURL(/\/ops\/restart-runbook\/$/, { timeout: 10_000 });
			expect(await viaStatic.locator('h1').first().textContent()).toBe('Restart Runbook');
		} finally {
			await plain.close();
		}
	});
});
