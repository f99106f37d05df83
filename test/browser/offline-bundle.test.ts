/**
 * The offline copy as an on-call engineer uses it (issue 23): the real build's zip, unzipped into a
 * temporary folder and opened from file:// in Debian's Chromium. Nothing is served: any request
 * that is not file: fails the test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from '../helpers/browser.ts';
import { SITE_DIST } from '../helpers/paths.ts';

// OFFLINE_TEST_DIST: a build made elsewhere (OUT_DIR=… npm run build), to run this file on its own.
const ZIP = join(process.env.OFFLINE_TEST_DIST ?? SITE_DIST, 'downloads/neotool-ops-docs-offline.zip');
const PITR_TITLE = 'PostgreSQL Point-in-Time Recovery';

let folder = '';
let browser: BrowserSession;
let root = '';
let pages: string[] = [];
const requested: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'neotool-offline-'));
	for (const [path, bytes] of Object.entries(unzipSync(readFileSync(ZIP)))) {
		if (path.endsWith('/')) continue;
		mkdirSync(dirname(join(folder, path)), { recursive: true });
		writeFileSync(join(folder, path), bytes);
		if (path.endsWith('.html')) pages.push(path);
	}
	root = pathToFileURL(`${folder}/`).href;
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	rmSync(folder, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
	const page = await browser.newPage();
	page.on('request', (request) => requested.push(request.url()));
	page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
	await page.goto(root + path);
	return page;
}

/**
 * Every stylesheet the page links, loaded: a link whose file is missing has no `sheet`. (Its rules
 * cannot be read from a file: page, whose origin is opaque; what they do is checked on the layout.)
 */
async function stylesheetsLoaded(page: Page): Promise<{ linked: number; loaded: number }> {
	return page.evaluate(() => {
		const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
		return { linked: links.length, loaded: links.filter((l) => l.sheet !== null).length };
	});
}

type Element = DefaultTreeAdapterMap['element'];

function elements(node: DefaultTreeAdapterMap['node'], out: Element[] = []): Element[] {
	if ('tagName' in node) out.push(node);
	if ('content' in node && node.content) elements(node.content as DefaultTreeAdapterMap['node'], out);
	if ('childNodes' in node) for (const child of node.childNodes) elements(child, out);
	return out;
}

describe('the offline zip\'s pages, read from the unzipped folder', () => {
	it('every page says it is the offline copy and carries the build stamp', () => {
		expect(pages.length).toBeGreaterThan(100);
		const without = pages.filter((path) => {
			const all = elements(parse(readFileSync(join(folder, path), 'utf8')));
			return !all.some((e) => e.attrs.some((a) => a.name === 'data-offline-copy')) || !all.some((e) => e.attrs.some((a) => a.name === 'data-build-commit'));
		});
		expect(without).toEqual([]);
	});

	it('every link, stylesheet, script and image names a file in the folder (never a folder), or another site; no module script is left', () => {
		const broken: string[] = [];
		for (const path of pages) {
			for (const element of elements(parse(readFileSync(join(folder, path), 'utf8')))) {
				const get = (name: string) => element.attrs.find((a) => a.name === name)?.value;
				if (element.tagName === 'script' && get('type') === 'module' && get('src')) broken.push(`${path}: module script ${get('src')}`);
				const url = element.tagName === 'script' || element.tagName === 'img' ? get('src') : element.tagName === 'a' || element.tagName === 'link' ? get('href') : undefined;
				if (!url || url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
				const file = decodeURI(url.split(/[?#]/)[0]);
				// A file, not a folder: file:// shows a folder as a listing, not its index.html.
				if (url.startsWith('/') || !statSync(join(folder, posix.join(posix.dirname(path), file)), { throwIfNoEntry: false })?.isFile()) broken.push(`${path}: ${url}`);
			}
		}
		expect(broken).toEqual([]);
	});
});

describe('the offline zip, unzipped and opened from file://', () => {
	it('opens at index.html, styled, saying it is the offline copy and which build', async () => {
		const page = await open('index.html');
		const sheets = await stylesheetsLoaded(page);
		expect(sheets.linked).toBeGreaterThan(0);
		expect(sheets.loaded).toBe(sheets.linked);
		// Starlight's layout applied: the header is a fixed bar, not an unstyled block.
		expect(await page.locator('header.header').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
		// Starlight's theme picker, an inline module script kept as it is: it runs from file:// too.
		await page.selectOption('starlight-theme-select select >> nth=0', 'dark');
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
		const stamp = page.locator('.build-stamp');
		expect(await stamp.getAttribute('data-build-commit')).toMatch(/^([0-9a-f]{12}|unknown)$/);
		expect(await stamp.textContent()).toMatch(/^Offline copy .*This copy: commit \S+.*, built \d{4}-\d{2}-\d{2}\.$/);
		expect(await page.locator('.offline-copy-note').textContent()).toContain(`commit ${await stamp.getAttribute('data-build-commit')}`);
		await page.close();
	});

	it('follows links from the section index to a runbook, whose diagram shows as SVG', async () => {
		const page = await open('11-infrastructure/index.html');
		// The section index lists its runbooks by file name; the link is the rewritten folder link.
		await page.locator('main .sl-markdown-content a[href="postgresql-pitr-runbook/index.html"]').first().click();
		await page.waitForURL(`${root}11-infrastructure/postgresql-pitr-runbook/index.html`);
		expect(await page.locator('h1#_top').textContent()).toBe(PITR_TITLE);
		// The runbook's fold exists only if its own script ran from file://; it keeps the diagram above
		// Steps closed when Steps would not fit within two screens (which depends on the page's length):
		// a closed one is opened as a reader would.
		const fold = page.locator('details.runbook-fold:has(figure[data-mermaid-static])').first();
		if (!(await fold.evaluate((d: HTMLDetailsElement) => d.open))) await fold.locator(':scope > summary').click();
		const diagram = page.locator('figure[data-mermaid-static] .mermaid-svg:visible svg').first();
		await diagram.waitFor();
		const box = await diagram.boundingBox();
		expect(box && box.width > 100 && box.height > 50).toBe(true);
		// The sidebar's link back to the front page is a file, not a folder file:// cannot list.
		expect(await page.locator('a.site-title').evaluate((a: HTMLAnchorElement) => a.href)).toBe(`${root}index.html`);
		await page.close();
	});

	it('searches with the site\'s own dialog: "restore postgres from backup" finds the PITR runbook first, and opens it', async () => {
		const page = await open('index.html');
		await page.click('button[data-open-modal]');
		await page.fill('#starlight__search .pagefind-ui__search-input', 'restore postgres from backup');
		const first = page.locator('#starlight__search .pagefind-ui__result-link').first();
		await first.waitFor({ timeout: 20_000 });
		expect(await first.textContent()).toBe(PITR_TITLE);
		await first.click();
		await page.waitForURL(`${root}11-infrastructure/postgresql-pitr-runbook/index.html`);
		expect(await page.locator('h1#_top').textContent()).toBe(PITR_TITLE);
		await page.close();
	});

	it('made no request to anything but file:, never asked for a service worker, and no page threw', () => {
		expect(requested.length).toBeGreaterThan(10);
		expect(requested.filter((url) => !url.startsWith('file:'))).toEqual([]);
		expect(requested.filter((url) => /\/sw\.js|workbox-/.test(url))).toEqual([]);
		expect(errors).toEqual([]);
	});
});
