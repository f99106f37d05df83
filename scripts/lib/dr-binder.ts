/**
 * The printed DR binder, dist/downloads/neotool-dr-binder.pdf: the runbooks an engineer needs when
 * the site, the cluster or the network is down (scripts/lib/binder/pages.ts), printed by Debian's
 * Chromium from the BUILT pages (what readers see, diagrams as their inline SVG, so vectors), with the
 * binder's print stylesheet (scripts/lib/binder/print.css), a table of contents with page numbers,
 * and the build stamp on every page. Where Chromium is missing the build says so in one line and goes
 * on without the binder; under CI it fails instead, so a published build always has one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DistError, loadBuiltDocs } from '../../src/lib/agents/dist.ts';
import { assembleBinder, pageCount, type BinderPart } from './binder/assemble.ts';
import { BinderPagesError, binderPages, type BinderPage } from './binder/pages.ts';
import { tocHtml, type TocEntry } from './binder/toc.ts';
import { CHROMIUM, chromiumPath, launchChromium } from './chromium.ts';
import { serveStatic } from './static-server.ts';

export const BINDER_FILE = 'downloads/neotool-dr-binder.pdf';
export const BINDER_TITLE = 'NeoTool DR binder';
const PRINT_CSS = join(import.meta.dirname, 'binder/print.css');

export class BinderError extends Error {}

export type BinderResult = { file: string; pages: BinderPage[]; pdfPages: number; ms: number } | { skipped: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Chromium's footer on every sheet: the page's title and which copy this is. The binder-wide page
 * number is drawn afterwards by pdf-lib (assemble.ts) in the space left free on the right.
 */
export function footerTemplate(pageTitle: string, stamp: string): string {
	return `<div style="width:100%;font-family:'DejaVu Sans',Arial,sans-serif;font-size:8px;font-variant-ligatures:none;color:#333;margin:0 12mm;padding-right:24mm;display:flex;gap:8px;justify-content:space-between"><span>${escapeHtml(pageTitle)}</span><span>${escapeHtml(stamp)}</span></div>`;
}

/**
 * The build stamp as the page itself carries it (src/lib/build-stamp.ts, rendered by
 * src/components/Footer.astro): the footer of each sheet repeats the page's own line, so paper and
 * page cannot disagree, and the PDF's dates come from the same build date.
 */
export interface PageStamp {
	/** `This copy: commit 3e53da6f1c2a, built 2026-12-07.` */
	text: string;
	commit: string;
	/** ISO 8601 instant (data-build-date). */
	builtAt: string;
}

const PDF_OPTIONS = {
	format: 'A4',
	printBackground: true,
	displayHeaderFooter: true,
	headerTemplate: '<span></span>',
	margin: { top: '12mm', bottom: '16mm', left: '12mm', right: '12mm' },
} as const;

/**
 * One built page as PDF, in a tab that is reused for the next. Folds and other disclosures
 * (`<details>`) are opened first: on paper nobody can click them. The page's scripts run as for a
 * reader (the site's own code only: the build has already refused what a page may not run), but the
 * service worker is blocked so it does not start caching the whole site.
 */
async function printPage(tab: Page, baseUrl: string, page: BinderPage, siteUrl: string): Promise<{ pdf: Uint8Array; stamp: PageStamp }> {
	const response = await tab.goto(new URL(page.path, baseUrl).href, { waitUntil: 'load' });
	if (!response?.ok()) throw new BinderError(`build: DR binder: ${page.path} answered ${response?.status() ?? 'nothing'}, expected the built page of \`${page.id}\``);
	await tab.addStyleTag({ content: readFileSync(PRINT_CSS, 'utf8') });
	await tab.evaluate(() => {
		// A runbook's folds exist only in the browser (src/lib/runbook-fold.ts): undone, the page
		// reads as written, each section under its own heading.
		for (const fold of document.querySelectorAll('details.runbook-fold')) {
			const heading = fold.querySelector(':scope > summary h2');
			fold.replaceWith(...(heading ? [heading] : []), ...[...fold.childNodes].filter((n) => n.nodeName !== 'SUMMARY'));
		}
		for (const d of document.querySelectorAll('details')) d.open = true;
	});
	// Links in the PDF lead to the published site, not to this build's loopback server (which
	// would also make every build's file differ).
	await tab.evaluate((site) => {
		for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
			const target = new URL(a.href);
			if (target.origin === location.origin) a.href = new URL(target.pathname + target.search + target.hash, site).href;
		}
	}, siteUrl);
	await tab.evaluate(() => document.fonts.ready);
	const stamp = await tab.evaluate((): PageStamp | null => {
		const el = document.querySelector<HTMLElement>('.build-stamp');
		return el ? { text: el.textContent!.trim(), commit: el.dataset.buildCommit ?? '', builtAt: el.dataset.buildDate ?? '' } : null;
	});
	if (!stamp?.commit || !stamp.builtAt) throw new BinderError(`build: DR binder: ${page.path} has no build stamp, expected the site footer's \`.build-stamp\` (src/components/Footer.astro)`);
	return { pdf: await tab.pdf({ ...PDF_OPTIONS, footerTemplate: footerTemplate(page.title, stamp.text) }), stamp };
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
	const server = await serveStatic(siteDir, { notFoundPage: false });
	let browser: Browser | undefined;
	try {
		browser = await launchChromium();
		// Light theme, as on paper; no service worker (see printPage).
		const context = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block', reducedMotion: 'reduce' });
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
						results[i] = await printPage(tab, server.url, pages[i]!, options.siteUrl);
					}
				} finally {
					await tab.close();
				}
			}),
		);
		const stamp = results[0]!.stamp;
		const other = results.findIndex((r) => r.stamp.text !== stamp.text || r.stamp.builtAt !== stamp.builtAt);
		if (other !== -1) throw new BinderError(`build: DR binder: ${pages[other]!.path} says "${results[other]!.stamp.text}", expected "${stamp.text}" as on ${pages[0]!.path}: pages of two builds in one folder`);
		const printed: BinderPart[] = results.map((r, i) => ({ title: pages[i]!.title, pdf: r.pdf }));
		const counts = await Promise.all(printed.map((p) => pageCount(p.pdf)));
		// The contents' own length decides where the first page starts: printed assuming one sheet
		// (the usual case, one print), then again with the length it came out at, until they agree.
		const entriesFrom = (first: number) => {
			let next = first;
			return pages.map((p, i) => {
				const entry = { title: p.title, path: p.path, page: next };
				next += counts[i]!;
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
		// Whole or nothing: the build's staging folder is renamed into place only when every step succeeded.
		const file = join(siteDir, BINDER_FILE);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(`${file}.tmp`, pdf);
		renameSync(`${file}.tmp`, file);
		return { file, pages, pdfPages: tocPages + counts.reduce((a, b) => a + b, 0), ms: Math.round(performance.now() - start) };
	} finally {
		await browser?.close();
		await server.close();
	}
}

/** The build's one line about the binder. */
export const binderSummary = (result: BinderResult): string =>
	'skipped' in result ? result.skipped : `build: DR binder: ${BINDER_FILE}, ${result.pages.length} ${result.pages.length === 1 ? 'page' : 'pages'} of the site on ${result.pdfPages} PDF pages, ${(result.ms / 1000).toFixed(1)} s`;

/** `node scripts/lib/dr-binder.ts <built site>`: prints the binder into an existing build. */
if (import.meta.main) {
	const dir = process.argv[2] ?? 'dist';
	writeDrBinder(dir, { siteUrl: process.env.SITE_URL ?? 'https://docs.neotool.io', requireCore: process.env.BINDER_REQUIRE_CORE !== '0', ci: process.env.CI === 'true' || process.env.CI === '1' }).then(
		(result) => console.log(binderSummary(result)),
		(error: unknown) => {
			console.error(error instanceof BinderError ? error.message : `build: DR binder failed: ${String(error)}`);
			process.exit(1);
		},
	);
}
