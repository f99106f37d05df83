/**
 * A built page made ready for paper, as HTML: what the binder's print used to do in the browser with
 * the page's scripts running is done here on the page's own bytes, read with parse5 and changed by
 * splicing at its source offsets (every other byte stays as Astro wrote it). The print then runs with
 * JavaScript off (dr-binder.ts): no script from a page runs in the build, the page loads without the
 * site's scripts (the binder 23 % faster in the median of 7 runs alternating with the old print, though
 * the two overlap on a quiet machine: docs/benchmarks.md), and the printout is a function of these
 * bytes (the binder cache's key, binder/cache.ts).
 * - Light theme (`data-theme="light"`, what the theme script sets for `prefers-color-scheme: light`).
 * - Every `<details>` open: on paper nobody can click them. A runbook's folds are made by a script
 *   (src/lib/runbook-fold.ts), so without scripts each section already reads as written, under its
 *   own heading.
 * - Links resolved against the page, and those into the site sent to the published site, not to the
 *   build's loopback server (which would also make every build's file differ).
 * - Only the page's `<main>` (its title, details, content, related pages and build stamp), under the
 *   binder's own stylesheet (binder/paper.css) in place of the site's: the site's header and sidebars
 *   mean nothing on paper, and its stylesheets (~90 KB for screens) took half of Chromium's print time
 *   (14 pages: 9.7–12.6 s of Chromium CPU with them, 3.9–5.1 s without, 2026-12-07; docs/benchmarks.md).
 *
 * Measured against printing all pages as ONE document (one load, one print): Chromium's print of the
 * combined 129 sheets took 13–25 s against 8 s for the twelve pages one by one (2026-12-07, load 4–11),
 * its time growing faster than the document; so each page is still printed on its own.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { escapeHtml } from './toc.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The build stamp a built page carries (src/components/Footer.astro), read from its HTML. */
export interface PageStamp {
	/** `This copy: commit 3e53da6f1c2a, built 2026-12-07.` */
	text: string;
	commit: string;
	/** ISO 8601 instant (data-build-date). */
	builtAt: string;
}

export interface PaperPage {
	html: string;
	/** null: the page has no `.build-stamp`. */
	stamp: PageStamp | null;
}

export class PaperPageError extends Error {}

const isElement = (node: Node): node is Element => 'tagName' in node;

function* elements(node: Node): Generator<Element> {
	if (isElement(node)) yield node;
	const children = 'childNodes' in node ? node.childNodes : [];
	for (const child of children) yield* elements(child);
	if (isElement(node) && node.tagName === 'template') yield* elements((node as DefaultTreeAdapterMap['template']).content);
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const textOf = (node: Node): string => (node.nodeName === '#text' && 'value' in node ? node.value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '');

/** The origin a page's links are resolved against: a URL on it is a link into the site. */
const LOCAL_ORIGIN = 'http://binder.localhost';

interface Splice {
	start: number;
	end: number;
	text: string;
}

/** `text` with the splices (not overlapping) made. */
function spliced(text: string, splices: Splice[]): string {
	let out = '';
	let at = 0;
	for (const s of [...splices].sort((a, b) => a.start - b.start)) {
		out += text.slice(at, s.start) + s.text;
		at = s.end;
	}
	return out + text.slice(at);
}

/**
 * `path`: the page's root-relative path (`/11-infrastructure/x/`), which its links are relative to;
 * `siteUrl`: the published site; `printCss`: the binder's stylesheet.
 */
export function paperPage(html: string, { path, siteUrl, printCss }: { path: string; siteUrl: string; printCss: string }): PaperPage {
	const doc = parse(html, { sourceCodeLocationInfo: true });
	const splices: Splice[] = [];
	let main: { start: number; end: number } | undefined;
	let lang = 'en';
	let dir = 'ltr';
	let title = '';
	let stamp: PageStamp | null = null;
	const base = new URL(path, LOCAL_ORIGIN);
	for (const el of elements(doc)) {
		const loc = el.sourceCodeLocation;
		if (!loc) continue;
		if (el.tagName === 'html') {
			lang = attr(el, 'lang') ?? lang;
			dir = attr(el, 'dir') ?? dir;
		}
		else if (el.tagName === 'title' && !title) title = textOf(el);
		else if (el.tagName === 'main' && !main && loc.endTag) main = { start: loc.startOffset, end: loc.endOffset };
		// The site's stylesheets, also where Expressive Code links its own beside a page's first code block.
		else if (el.tagName === 'link' && (attr(el, 'rel') ?? '').split(/\s+/).includes('stylesheet')) splices.push({ start: loc.startOffset, end: loc.endOffset, text: '' });
		else if (el.tagName === 'details' && attr(el, 'open') === undefined && loc.startTag) {
			const at = loc.startTag.startOffset + '<details'.length;
			splices.push({ start: at, end: at, text: ' open' });
		} else if (el.tagName === 'a' && loc.attrs?.href) {
			let target: URL | undefined;
			try {
				target = new URL(attr(el, 'href')!, base);
			} catch {
				// not a URL: left as written, as a browser leaves it
			}
			if (target?.origin === LOCAL_ORIGIN) splices.push({ start: loc.attrs.href.startOffset, end: loc.attrs.href.endOffset, text: `href="${escapeHtml(new URL(target.pathname + target.search + target.hash, siteUrl).href)}"` });
		} else if (el.tagName === 'p' && !stamp && (attr(el, 'class') ?? '').split(/\s+/).includes('build-stamp')) {
			stamp = { text: textOf(el).trim(), commit: attr(el, 'data-build-commit') ?? '', builtAt: attr(el, 'data-build-date') ?? '' };
		}
	}
	if (!main) throw new PaperPageError(`${path} has no <main>, expected a page built by the site's layout`);
	// `</style` cannot occur in the stylesheet: it would end the element early.
	if (/<\/style/i.test(printCss)) throw new PaperPageError('the binder stylesheet contains `</style`, expected CSS only');
	const { start, end } = main;
	const inMain = splices.filter((s) => s.start >= start && s.end <= end).map((s) => ({ ...s, start: s.start - start, end: s.end - start }));
	const head = `<meta charset="utf-8"><title>${escapeHtml(title)}</title><style data-binder-print>${printCss}</style>`;
	return { html: `<!doctype html><html lang="${escapeHtml(lang)}" dir="${escapeHtml(dir)}" data-theme="light"><head>${head}</head><body>${spliced(html.slice(start, end), inMain)}</body></html>`, stamp };
}
