/**
 * The printed DR binder, dist/downloads/neotool-dr-binder.pdf: the runbooks an engineer needs when
 * the site, the cluster or the network is down (scripts/lib/binder/pages.ts), printed by Debian's
 * Chromium from the BUILT pages (what readers see, diagrams as their inline SVG, so vectors), with the
 * binder's print stylesheet (scripts/lib/binder/paper.css), a table of contents with page numbers,
 * and the build stamp on every page. Where Chromium is missing the build says so in one line and goes
 * on without the binder; under CI it fails instead, so a published build always has one.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import { docsIndexSchema } from '../../schemas/docs-index.ts';
import { AGENT_PATHS } from '../../src/lib/agents/urls.ts';
import { CI, SITE_URL } from '../../src/lib/site-config.ts';
import { assembleBinder, pageCount, readPdf, type BinderPart } from './binder/assemble.ts';
import { binderCache, chromiumVersion } from './binder/cache.ts';
import { BinderPagesError, binderPages, type BinderPage } from './binder/pages.ts';
import { PaperPageError, paperPage } from './binder/paper.ts';
import { escapeHtml, tocHtml, type TocEntry } from './binder/toc.ts';
import { CHROMIUM, chromiumPath, launchChromium } from './chromium.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export const BINDER_FILE = 'downloads/neotool-dr-binder.pdf';
export const BINDER_TITLE = 'NeoTool DR binder';
const PRINT_CSS = join(import.meta.dirname, 'binder/paper.css');

export class BinderError extends Error {}

export type BinderResult =
	| {
			file: string;
			pages: BinderPage[];
			pdfPages: number;
			/** Milliseconds from the site being whole (`finish()`) to the binder written: what it adds to the build. */
			ms: number;
			/** Pages of the site printed in this run; the others came from the cache. */
			printed: number;
			/** The whole binder copied from the cache: nothing printed or joined. */
			cached: boolean;
	  }
	| { skipped: string };


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
 * JavaScript off. Returns the PDF, the site files the print loaded (for the cache) and those it
 * asked for and did not get (a page printed while Astro still writes is printed again, dr-binder's
 * makeBinder).
 */
async function printPage(tab: Page, baseUrl: string, page: BinderPage, html: string, stamp: string): Promise<{ pdf: Uint8Array; loaded: string[]; missing: string[] }> {
	const url = new URL(page.path, baseUrl).href;
	const origin = new URL(baseUrl).origin;
	const loaded: string[] = [];
	const missing: string[] = [];
	const sitePath = (address: string) => {
		const target = new URL(address);
		return target.origin === origin && target.href !== url ? decodeURIComponent(target.pathname).replace(/^\/+/, '') : undefined;
	};
	const record = (request: Request) => {
		const path = sitePath(request.url());
		if (path !== undefined) loaded.push(path);
	};
	const answered = (response: Response) => {
		const path = sitePath(response.url());
		if (path !== undefined && response.status() >= 400) missing.push(path);
	};
	const failed = (request: Request) => {
		const path = sitePath(request.url());
		if (path !== undefined) missing.push(path);
	};
	await tab.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
	tab.on('request', record);
	tab.on('response', answered);
	tab.on('requestfailed', failed);
	try {
		await tab.goto(url, { waitUntil: 'load' });
		await tab.evaluate(() => document.fonts.ready);
		return { pdf: await tab.pdf({ ...PDF_OPTIONS, footerTemplate: footerTemplate(page.title, stamp) }), loaded, missing };
	} finally {
		tab.off('request', record);
		tab.off('response', answered);
		tab.off('requestfailed', failed);
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
	/** Where the last prints are kept (binder/cache.ts); none: always print. */
	cacheDir?: string;
}

/** A binder being made beside `astro build`, which is still writing the site. */
export interface BinderRun {
	/** Astro has written the whole site: a page still missing now is an error, not a page to wait for. */
	finish(): void;
	/** The build failed: stop waiting and printing (the result then rejects). */
	abort(): void;
	/** Settles once the binder is written into the site (or skipped). Throws BinderError with a one-line message. */
	result: Promise<BinderResult>;
}

/**
 * Tabs printing at once: one while Astro still renders (on one core), two once the site is written
 * (Chromium lays out and prints each tab in its own renderer, so both cores work).
 */
const TABS_WHILE_BUILDING = 1;
const TABS = 2;
/**
 * How often a page Astro has not written yet is looked for. Polled rather than watched: a page is
 * found by its path, most exist by the time they are asked for, and `fs.watch` on a tree Astro
 * creates folder by folder misses files of folders made after the watch (Linux watches no subtree).
 */
const POLL_MS = 100;

const isWholePage = (text: string) => /<\/html>\s*$/i.test(text);
const isJson = (text: string) => {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
};

const STOPPED = 'build: DR binder: stopped, the build failed';

/** Playwright's messages run to a call log; the build says one line. */
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();

/** Chromium started on first use: a build whose every page is in the cache never starts it. */
function chromiumPrinter(siteDir: string) {
	let opened: Promise<{ browser: Browser; context: BrowserContext; server: StaticServer }> | undefined;
	let closed = false;
	const open = () =>
		(opened ??= (async () => {
			if (closed) throw new BinderError(STOPPED);
			// Live: the folder is still being written; a file found missing is looked for again on the next request.
			const server = await serveStatic(siteDir, { notFoundPage: false, live: true });
			let browser: Browser | undefined;
			try {
				browser = await launchChromium();
				// Light theme, as on paper; no script from a page (binder/paper.ts), so no service worker either.
				const context = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block', reducedMotion: 'reduce', javaScriptEnabled: false });
				return { browser, context, server };
			} catch (error) {
				await Promise.allSettled([browser?.close(), server.close()]);
				throw new BinderError(`build: DR binder: Chromium (${CHROMIUM}) did not start: ${firstLine(error)}; set CHROMIUM_PATH to a working Chromium`);
			}
		})());
	const limit = pLimit(TABS_WHILE_BUILDING);
	// A tab is reused for the next page rather than a renderer started per page.
	const free: Page[] = [];
	return {
		/** Started before the first page is ready: Chromium's start-up then costs nothing after Astro. */
		open: () => void open().catch(() => {}),
		/** The site is written: both cores are Chromium's and the zip's now. */
		widen: () => {
			limit.concurrency = TABS;
		},
		print: (page: BinderPage, html: string, stamp: string) =>
			limit(async () => {
				const { context, server } = await open();
				try {
					const tab = free.pop() ?? (await context.newPage());
					try {
						return await printPage(tab, server.url, page, html, stamp);
					} finally {
						free.push(tab);
					}
				} catch (error) {
					throw closed ? new BinderError(STOPPED) : new BinderError(`build: DR binder: printing ${page.path} failed: ${firstLine(error)}`);
				}
			}),
		toc: async (entries: TocEntry[], stamp: string, siteUrl: string) =>
			printToc((await open()).context, entries, stamp, siteUrl).catch((error: unknown) => {
				throw new BinderError(`build: DR binder: printing the contents failed: ${firstLine(error)}`);
			}),
		/** Pages still queued are dropped, and nothing opens Chromium again. */
		async close() {
			closed = true;
			limit.clearQueue();
			const handles = await opened?.catch(() => undefined);
			await Promise.allSettled([handles?.browser.close(), handles?.server.close()]);
		},
	};
}

/**
 * Starts the binder in `siteDir` (the build's staging folder) while Astro writes it: each page is
 * read and printed as soon as Astro has written it whole (or copied from the cache), so Chromium's
 * work runs beside Astro's rendering, Pagefind and the other steps; the contents, the joining and
 * the file wait for `finish()`. Nothing is written into the site before Astro is done and every page
 * is printed; after `abort()` nothing is written at all.
 */
export function startDrBinder(siteDir: string, options: BinderOptions): BinderRun {
	let finishedAt: number | undefined;
	let stopped = false;
	let finished: () => void = () => {};
	const result = makeBinder(siteDir, options, {
		whenFinished: new Promise<void>((resolve) => (finished = resolve)),
		done: () => finishedAt !== undefined || stopped,
		finished: () => finishedAt !== undefined,
		since: () => Math.round(performance.now() - (finishedAt ?? performance.now())),
		stopped: () => stopped,
		stop: () => {
			stopped = true;
		},
	});
	result.catch(() => {}); // awaited by the caller; a build that failed first never awaits it
	return {
		finish: () => {
			finishedAt ??= performance.now();
			finished();
		},
		abort: () => {
			stopped = true;
		},
		result,
	};
}

/** Prints the binder into an existing build (every page already written). */
export function writeDrBinder(siteDir: string, options: BinderOptions): Promise<BinderResult> {
	const run = startDrBinder(siteDir, options);
	run.finish();
	return run.result;
}

interface RunState {
	/** Astro is done, or the binder stopped: nothing more will be written. */
	done(): boolean;
	finished(): boolean;
	whenFinished: Promise<void>;
	/** Milliseconds since `finish()`. */
	since(): number;
	stopped(): boolean;
	/** One page failed: the others stop too. */
	stop(): void;
}


/** The file's text once it is whole; once the site is done and it is not, why not. */
async function whenWritten(file: string, isWhole: (text: string) => boolean, state: RunState): Promise<{ text: string } | { missing: true } | { partial: true }> {
	for (;;) {
		// Read before the file: a file not whole after Astro was done will never be.
		const done = state.done();
		if (state.stopped()) throw new BinderError(STOPPED);
		const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
		if (text !== undefined && isWhole(text)) return { text };
		if (done) return text === undefined ? { missing: true } : { partial: true };
		await sleep(POLL_MS);
	}
}

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await sleep(POLL_MS);
}

async function makeBinder(siteDir: string, options: BinderOptions, state: RunState): Promise<BinderResult> {
	const indexFile = join(siteDir, AGENT_PATHS.index);
	const indexRead = await whenWritten(indexFile, isJson, state);
	if (!('text' in indexRead)) throw new BinderError(`build: DR binder: ${relative(process.cwd(), indexFile)} ${'missing' in indexRead ? 'not found' : 'is not whole JSON'}, expected the agents' index the build writes (src/pages/docs-index.json.ts)`);
	const index = docsIndexSchema.safeParse(JSON.parse(indexRead.text));
	if (!index.success) throw new BinderError(`build: DR binder: ${relative(process.cwd(), indexFile)} does not match schemas/docs-index.ts at \`${index.error.issues[0]!.path.join('.')}\`: ${index.error.issues[0]!.message}`);
	let pages: BinderPage[];
	try {
		pages = binderPages(index.data.docs, { requireCore: options.requireCore });
	} catch (error) {
		throw error instanceof BinderPagesError ? new BinderError(error.message) : error;
	}
	if (pages.length === 0) return { skipped: 'build: DR binder skipped: no page is in it (none of the core pages, none with `print_binder: true`).' };
	if (!chromiumPath()) {
		const message = `Chromium not found at ${CHROMIUM}`;
		if (options.ci) throw new BinderError(`build: DR binder: ${message}, expected it under CI (install Debian's chromium package, or set CHROMIUM_PATH)`);
		return { skipped: `build: DR binder skipped: ${message} (install Debian's chromium package to print it; CI always does).` };
	}
	const printCss = readFileSync(PRINT_CSS, 'utf8');
	const cache = options.cacheDir ? binderCache(options.cacheDir, { chromium: chromiumVersion(CHROMIUM), siteUrl: options.siteUrl }) : undefined;
	const printer = chromiumPrinter(siteDir);
	void state.whenFinished.then(printer.widen);
	// An empty cache (CI, a new clone) means every page is printed: start Chromium while Astro renders.
	if (!cache?.holdsBinder()) printer.open();
	let printed = 0;
	try {
		const parts = await Promise.all(
			pages.map(async (page) => {
				try {
					const read = await whenWritten(join(siteDir, page.path, 'index.html'), isWholePage, state);
					if ('missing' in read) throw new BinderError(`build: DR binder: no built page for \`${page.id}\`, expected ${join(page.path, 'index.html')} in the output`);
					if ('partial' in read) throw new BinderError(`build: DR binder: ${join(page.path, 'index.html')} does not end in </html>, expected a whole page`);
					const html = read.text;
					let paper: ReturnType<typeof paperPage>;
					try {
						paper = paperPage(html, { path: page.path, siteUrl: options.siteUrl, printCss });
					} catch (error) {
						throw error instanceof PaperPageError ? new BinderError(`build: DR binder: ${error.message}`) : error;
					}
					const stamp = paper.stamp;
					if (!stamp?.commit || !stamp.builtAt) throw new BinderError(`build: DR binder: ${page.path} has no build stamp, expected the site footer's \`.build-stamp\` (src/components/Footer.astro)`);
					const key = cache?.pageKey({ ...page, html: paper.html });
					const hit = key ? cache!.getPage(key, siteDir) : null;
					if (hit) return { page, stamp, key, pdf: hit.pdf };
					printed++;
					const early = !state.finished();
					let print = await printer.print(page, paper.html, stamp.text);
					// A file of the site asked for before Astro wrote it: printed again from the whole site.
					if (print.missing.length > 0 && early) {
						await until(() => state.done());
						if (state.stopped()) throw new BinderError(STOPPED);
						print = await printer.print(page, paper.html, stamp.text);
					}
					if (state.stopped()) throw new BinderError(STOPPED);
					if (key && print.missing.length === 0) cache!.putPage(key, { pdf: print.pdf, loaded: print.loaded }, siteDir);
					return { page, stamp, key, pdf: print.pdf };
				} catch (error) {
					state.stop();
					throw error;
				}
			}),
		);
		// Every page is printed; the contents and the file wait until Astro is done (or the build failed).
		await until(() => state.done());
		if (state.stopped()) throw new BinderError(STOPPED);
		const stamp = parts[0]!.stamp;
		const other = parts.find((p) => p.stamp.text !== stamp.text || p.stamp.builtAt !== stamp.builtAt);
		if (other) throw new BinderError(`build: DR binder: ${other.page.path} says "${other.stamp.text}", expected "${stamp.text}" as on ${pages[0]!.path}: pages of two builds in one folder`);
		const file = join(siteDir, BINDER_FILE);
		const keys = parts.flatMap((p) => (p.key ? [p.key] : []));
		const cached = cache && printed === 0 ? cache.getBinder(keys) : null;
		if (cached) {
			writeWhole(file, cached.pdf);
			cache!.prune();
			return { file, pages, pdfPages: cached.pdfPages, ms: state.since(), printed, cached: true };
		}
		const docs = await Promise.all(parts.map((p) => readPdf(p.pdf)));
		const counts = docs.map((doc) => doc.getPageCount());
		const joined: BinderPart[] = docs.map((pdf, i) => ({ title: pages[i]!.title, pdf }));
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
		let toc = await printer.toc(entriesFrom(tocPages + 1), stamp.text, options.siteUrl);
		for (let tries = 0, length = await pageCount(toc); length !== tocPages; length = await pageCount(toc)) {
			if (++tries > 3) throw new BinderError(`build: DR binder: the contents do not settle on a length (${tocPages} or ${length} sheets), expected the same length twice`);
			tocPages = length;
			toc = await printer.toc(entriesFrom(tocPages + 1), stamp.text, options.siteUrl);
		}
		const pdf = await assembleBinder({ parts: [{ title: 'Contents', pdf: toc }, ...joined], builtAt: stamp.builtAt, title: BINDER_TITLE }).catch((error: unknown) => {
			throw new BinderError(`build: DR binder: joining the printed pages failed: ${error instanceof Error ? error.message : String(error)}`);
		});
		const pdfPages = tocPages + counts.reduce((a, b) => a + b, 0);
		if (state.stopped()) throw new BinderError(STOPPED);
		writeWhole(file, pdf);
		if (cache && keys.length === parts.length) {
			cache.putBinder(keys, { pdf, pdfPages });
			cache.prune();
		}
		return { file, pages, pdfPages, ms: state.since(), printed, cached: false };
	} finally {
		await printer.close();
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
	'skipped' in result
		? result.skipped
		: `build: DR binder: ${BINDER_FILE}, ${result.pages.length} ${result.pages.length === 1 ? 'page' : 'pages'} of the site on ${result.pdfPages} PDF pages, ${(result.ms / 1000).toFixed(1)} s` +
			(result.cached ? ' (unchanged: copied from the cache)' : ` (after the site was written; ${result.printed} printed, ${result.pages.length - result.printed} from the cache)`);

/** `node scripts/lib/dr-binder.ts <built site>`: prints the binder into an existing build. */
if (import.meta.main) {
	const dir = process.argv[2] ?? 'dist';
	writeDrBinder(dir, { siteUrl: SITE_URL, requireCore: process.env.BINDER_REQUIRE_CORE !== '0', ci: CI, cacheDir: process.env.BINDER_CACHE_DIR }).then(
		(result) => console.log(binderSummary(result)),
		(error: unknown) => {
			console.error(error instanceof BinderError ? error.message : `build: DR binder failed: ${String(error)}`);
			process.exit(1);
		},
	);
}
