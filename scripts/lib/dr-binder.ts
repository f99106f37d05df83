/**
 * The printed DR binder, dist/downloads/neotool-dr-binder.pdf: the runbooks an engineer needs when
 * the site, the cluster or the network is down (scripts/lib/binder/pages.ts), printed by Debian's
 * Chromium from the BUILT pages (what readers see, diagrams as their inline SVG, so vectors), with the
 * binder's print stylesheet (scripts/lib/binder/print.css), a table of contents with page numbers,
 * and the build stamp on every page. Where Chromium is missing the build says so in one line and goes
 * on without the binder; under CI it fails instead, so a published build always has one.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { DistError, loadBuiltDocs } from '../../src/lib/agents/dist.ts';
import { assembleBinder, pageCount, readPdf, type BinderPart } from './binder/assemble.ts';
import { binderCache, chromiumVersion } from './binder/cache.ts';
import { BinderPagesError, binderPages, type BinderPage } from './binder/pages.ts';
import { PaperPageError, paperPage } from './binder/paper.ts';
import { escapeHtml, tocHtml, type TocEntry } from './binder/toc.ts';
import { CHROMIUM, chromiumPath, launchChromium } from './chromium.ts';
import { serveStatic } from './static-server.ts';

export const BINDER_FILE = 'downloads/neotool-dr-binder.pdf';
export const BINDER_TITLE = 'NeoTool DR binder';
const PRINT_CSS = join(import.meta.dirname, 'binder/print.css');

export class BinderError extends Error {}

export type BinderResult = { file: string; pages: BinderPage[]; pdfPages: number; ms: number; /** Copied from the binder cache, not printed. */ cached: boolean } | { skipped: string };


/**
 * Chromium's footer on every sheet: the page's title and which copy this is. The binder-wide page
 * number is drawn afterwards by pdf-lib (assemble.ts) in the space left free on the right.
 */
export function footerTemplate(pageTitle: string, stamp: string): string {
	return `<div style="width:100%;font-family:'DejaVu Sans',Arial,sans-serif;font-size:8px;font-variant-ligatures:none;color:#333;margin:0 12mm;padding-right:24mm;display:flex;gap:8px;justify-content:space-between"><span>${escapeHtml(pageTitle)}</span><span>${escapeHtml(stamp)}</span></div>`;
}

const PDF_OPTIONS = {
	format: 'A4',
	printBackground: true,
	displayHeaderFooter: true,
	headerTemplate: '<span></span>',
	margin: { top: '12mm', bottom: '16mm', left: '12mm', right: '12mm' },
} as const;

/**
 * One page as PDF, in a tab reused for the next: its paper HTML (binder/paper.ts) served at the
 * page's own address, so its root-relative stylesheets, fonts and images load. The context has
 * JavaScript off. Returns the PDF and the site files the print loaded (for the cache).
 */
async function printPage(tab: Page, baseUrl: string, page: BinderPage, html: string, stamp: string): Promise<{ pdf: Uint8Array; loaded: string[] }> {
	const url = new URL(page.path, baseUrl).href;
	const origin = new URL(baseUrl).origin;
	const loaded: string[] = [];
	const record = (request: Request) => {
		const target = new URL(request.url());
		if (target.origin === origin && target.href !== url) loaded.push(decodeURIComponent(target.pathname).replace(/^\/+/, ''));
	};
	await tab.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
	tab.on('request', record);
	try {
		await tab.goto(url, { waitUntil: 'load' });
		await tab.evaluate(() => document.fonts.ready);
		return { pdf: await tab.pdf({ ...PDF_OPTIONS, footerTemplate: footerTemplate(page.title, stamp) }), loaded };
	} finally {
		tab.off('request', record);
		await tab.unroute(url);
	}
}

async function printToc(context: BrowserContext, entries: TocEntry[], stamp: string, siteUrl: string): Promise<Uint8Array> {
	const tab = await context.newPage();
	try {
		await tab.setContent(tocHtml({ entries, stamp, siteUrl }), { waitUntil: 'load' });
		return await tab.pdf({ ...PDF_OPTIONS, footerTemplate: footerTemplate('Contents', stamp) });
	} finally {
		await tab.close();
	}
}

export interface BinderOptions {
	/** The published site's URL, printed beside each entry of the contents. */
	siteUrl: string;
	/** The project's own docs tree: every core page must be there (pages.ts). */
	requireCore: boolean;
	/** Under CI a missing Chromium is an error: a published build always carries the binder. */
	ci: boolean;
	/** Where the last print is kept (binder/cache.ts); none: always print. */
	cacheDir?: string;
}

/** Prints the binder into `siteDir` (the build's staging folder). Throws BinderError with a one-line message. */
export async function writeDrBinder(siteDir: string, options: BinderOptions): Promise<BinderResult> {
	const start = performance.now();
	let pages: BinderPage[];
	try {
		pages = binderPages(loadBuiltDocs(siteDir).index.docs, { requireCore: options.requireCore });
	} catch (error) {
		if (error instanceof BinderPagesError) throw new BinderError(error.message);
		if (error instanceof DistError) throw new BinderError(`build: DR binder: ${error.message}`);
		throw error;
	}
	if (pages.length === 0) return { skipped: 'build: DR binder skipped: no page is in it (none of the core pages, none with `print_binder: true`).' };
	if (!chromiumPath()) {
		const message = `Chromium not found at ${CHROMIUM}`;
		if (options.ci) throw new BinderError(`build: DR binder: ${message}, expected it under CI (install Debian's chromium package, or set CHROMIUM_PATH)`);
		return { skipped: `build: DR binder skipped: ${message} (install Debian's chromium package to print it; CI always does).` };
	}
	const printCss = readFileSync(PRINT_CSS, 'utf8');
	const paper = pages.map((page) => {
		const file = join(siteDir, page.path, 'index.html');
		if (!existsSync(file)) throw new BinderError(`build: DR binder: no built page for \`${page.id}\`, expected ${join(page.path, 'index.html')} in the output`);
		try {
			return paperPage(readFileSync(file, 'utf8'), { path: page.path, siteUrl: options.siteUrl, printCss });
		} catch (error) {
			throw error instanceof PaperPageError ? new BinderError(`build: DR binder: ${error.message}`) : error;
		}
	});
	const missing = paper.findIndex((p) => !p.stamp?.commit || !p.stamp.builtAt);
	if (missing !== -1) throw new BinderError(`build: DR binder: ${pages[missing]!.path} has no build stamp, expected the site footer's \`.build-stamp\` (src/components/Footer.astro)`);
	const stamp = paper[0]!.stamp!;
	const other = paper.findIndex((p) => p.stamp!.text !== stamp.text || p.stamp!.builtAt !== stamp.builtAt);
	if (other !== -1) throw new BinderError(`build: DR binder: ${pages[other]!.path} says "${paper[other]!.stamp!.text}", expected "${stamp.text}" as on ${pages[0]!.path}: pages of two builds in one folder`);

	const file = join(siteDir, BINDER_FILE);
	const cache = options.cacheDir ? binderCache(options.cacheDir, { pages: pages.map((p, i) => ({ ...p, html: paper[i]!.html })), chromium: chromiumVersion(CHROMIUM), siteUrl: options.siteUrl }) : undefined;
	const cached = cache?.get(siteDir);
	if (cached) {
		writeWhole(file, cached.pdf);
		return { file, pages, pdfPages: cached.pdfPages, ms: Math.round(performance.now() - start), cached: true };
	}
	const server = await serveStatic(siteDir, { notFoundPage: false });
	let browser: Browser | undefined;
	try {
		browser = await launchChromium();
		// Light theme, as on paper; no script from a page (binder/paper.ts), so no service worker either.
		const context = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block', reducedMotion: 'reduce', javaScriptEnabled: false });
		// Two tabs, each taking the next page when done: Chromium lays out and prints each in its own
		// renderer, so both cores work, and a tab is reused rather than a renderer started per page.
		const results: Awaited<ReturnType<typeof printPage>>[] = [];
		let next = 0;
		await Promise.all(
			[0, 1].map(async () => {
				const tab = await context.newPage();
				try {
					while (next < pages.length) {
						const i = next++;
						results[i] = await printPage(tab, server.url, pages[i]!, paper[i]!.html, stamp.text);
					}
				} finally {
					await tab.close();
				}
			}),
		);
		const docs = await Promise.all(results.map((r) => readPdf(r.pdf)));
		const counts = docs.map((doc) => doc.getPageCount());
		const printed: BinderPart[] = docs.map((pdf, i) => ({ title: pages[i]!.title, pdf }));
		// The contents' own length decides where the first page starts: printed assuming one sheet
		// (the usual case, one print), then again with the length it came out at, until they agree.
		const entriesFrom = (first: number) => {
			let at = first;
			return pages.map((p, i) => {
				const entry = { title: p.title, path: p.path, page: at };
				at += counts[i]!;
				return entry;
			});
		};
		let tocPages = 1;
		let toc = await printToc(context, entriesFrom(tocPages + 1), stamp.text, options.siteUrl);
		for (let tries = 0, length = await pageCount(toc); length !== tocPages; length = await pageCount(toc)) {
			if (++tries > 3) throw new BinderError(`build: DR binder: the contents do not settle on a length (${tocPages} or ${length} sheets), expected the same length twice`);
			tocPages = length;
			toc = await printToc(context, entriesFrom(tocPages + 1), stamp.text, options.siteUrl);
		}
		const pdf = await assembleBinder({ parts: [{ title: 'Contents', pdf: toc }, ...printed], builtAt: stamp.builtAt, title: BINDER_TITLE }).catch((error: unknown) => {
			throw new BinderError(`build: DR binder: joining the printed pages failed: ${error instanceof Error ? error.message : String(error)}`);
		});
		const pdfPages = tocPages + counts.reduce((a, b) => a + b, 0);
		writeWhole(file, pdf);
		cache?.put({ pdf, pdfPages }, results.flatMap((r) => r.loaded).filter((path) => existsSync(join(siteDir, path))), siteDir);
		return { file, pages, pdfPages, ms: Math.round(performance.now() - start), cached: false };
	} finally {
		await browser?.close();
		await server.close();
	}
}

/** Whole or nothing: the build's staging folder is renamed into place only when every step succeeded. */
function writeWhole(file: string, pdf: Uint8Array): void {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(`${file}.tmp`, pdf);
	renameSync(`${file}.tmp`, file);
}

/** The build's one line about the binder. */
export const binderSummary = (result: BinderResult): string =>
	'skipped' in result ? result.skipped : `build: DR binder: ${BINDER_FILE}, ${result.pages.length} ${result.pages.length === 1 ? 'page' : 'pages'} of the site on ${result.pdfPages} PDF pages, ${(result.ms / 1000).toFixed(1)} s${result.cached ? ' (unchanged: copied from the cache)' : ''}`;

/** `node scripts/lib/dr-binder.ts <built site>`: prints the binder into an existing build. */
if (import.meta.main) {
	const dir = process.argv[2] ?? 'dist';
	writeDrBinder(dir, { siteUrl: process.env.SITE_URL ?? 'https://docs.neotool.io', requireCore: process.env.BINDER_REQUIRE_CORE !== '0', ci: process.env.CI === 'true' || process.env.CI === '1', cacheDir: process.env.BINDER_CACHE_DIR }).then(
		(result) => console.log(binderSummary(result)),
		(error: unknown) => {
			console.error(error instanceof BinderError ? error.message : `build: DR binder failed: ${String(error)}`);
			process.exit(1);
		},
	);
}
