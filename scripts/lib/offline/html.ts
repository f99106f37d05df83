/**
 * One built page made into its offline copy (issue 23), read with htmlparser2's tokenizer (an HTML
 * tokenizer, no regex over HTML; a full parse5 tree cost 4–5× the time at 1,000 pages and the copy
 * needs only start tags and their attributes' source offsets) and changed by splicing at those offsets,
 * so every byte not changed stays as Astro wrote it (inline SVG diagrams included):
 * - site-absolute URLs (`/a/b/`) become paths relative to the page, a folder's to its `index.html`,
 *   since file:// has no directory index; a link to a file left out of the copy goes to the
 *   published site (a click the reader chooses, never a request the page makes by itself);
 * - the page's module scripts are replaced by one classic, deferred script (scripts.ts), and the
 *   offline runtime (runtime.ts) and its stylesheet load first in <head>;
 * - the page says it is the offline copy: a note above the title and in the build stamp's line.
 */
import { posix } from 'node:path';
import { Parser } from 'htmlparser2';
import { OfflineBundleError as OfflineHtmlError } from './error.ts';

/** Attributes that hold one URL, by element. */
const URL_ATTRIBUTES: Record<string, readonly string[]> = {
	a: ['href'],
	area: ['href'],
	link: ['href'],
	script: ['src'],
	img: ['src'],
	source: ['src'],
	iframe: ['src'],
	video: ['src', 'poster'],
	audio: ['src'],
	track: ['src'],
	embed: ['src'],
	object: ['data'],
	form: ['action'],
	use: ['href', 'xlink:href'],
	image: ['href', 'xlink:href'],
};
/** Whose URL a reader follows by choice: the only ones allowed to leave the copy. */
const NAVIGATION = new Set(['a', 'area', 'form']);

export interface OfflinePageContext {
	/** The page's path in the copy, e.g. `runbooks/x/index.html`. */
	path: string;
	/** Is this path (no leading slash, decoded) a file in the copy? */
	has(path: string): boolean;
	/** The published site, for links to what the copy leaves out. */
	siteUrl: string;
	/** The page's module script list (site paths, in order) → its classic bundle's path in the copy. */
	bundleFor(scripts: readonly string[]): string | undefined;
}

export interface OfflinePage {
	html: string;
	/** Resource URLs (not links) naming a file the copy does not have: the build refuses those. */
	missing: string[];
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A site-absolute URL as the copy needs it from `fromPath`; `undefined` when it is not
 * site-absolute (relative, another site, `data:`, a fragment) and stays as it is.
 */
export function offlineUrl(value: string, fromPath: string, has: (path: string) => boolean): { url: string; found: boolean } | undefined {
	if (!value.startsWith('/') || value.startsWith('//')) return undefined;
	const [, bare, rest] = /^([^?#]*)(.*)$/.exec(value)!;
	let file = bare.slice(1);
	let decoded = safeDecode(file);
	if (file === '' || file.endsWith('/')) {
		file += 'index.html';
		decoded += 'index.html';
	} else if (!has(decoded) && has(`${decoded}/index.html`)) {
		file += '/index.html';
		decoded += '/index.html';
	}
	const relative = posix.relative(posix.dirname(fromPath), file) || posix.basename(file);
	return { url: `${relative}${rest}`, found: has(decoded) };
}

function safeDecode(path: string): string {
	try {
		return decodeURI(path);
	} catch {
		return path;
	}
}

interface Edit {
	start: number;
	end: number;
	text: string;
}

/** A start tag the copy may change, with the source span of each of its attributes. */
interface TagReading {
	tag: string;
	attributes: Record<string, string>;
	/** Attribute name → [start, end) of `name="value"` in the source. */
	spans: Record<string, [number, number]>;
}

/** What the copy needs of a page, read in one pass: no tree, only start tags and source offsets. */
export interface PageReading {
	/** The page's module scripts (site paths), each with the source span of its whole element, in document order. */
	modules: Array<{ src: string; start: number; end: number }>;
	/** The start tags that may hold a URL (see URL_ATTRIBUTES, srcset, meta refresh), in document order. */
	tags: TagReading[];
	/** Where the first <head>'s and <main>'s start tags end. */
	headEnd?: number;
	mainEnd?: number;
	/** The build stamp's start tag end, commit and date. */
	stamp?: { end: number; commit: string; date: string };
}

/**
 * Reads a page with htmlparser2's tokenizer. Done once per page: the module lists of every page
 * decide the script bundles, which the rewrite (offlinePage) needs, so the reading is kept between the two.
 */
export function readPage(html: string): PageReading {
	const reading: PageReading = { modules: [], tags: [] };
	// The open tag's attribute spans; the first of a repeated name counts, as in the HTML standard
	// (and in htmlparser2's `attributes`).
	let spans: Record<string, [number, number]> = {};
	let openModule: PageReading['modules'][number] | undefined;
	const parser = new Parser({
		onopentagname() {
			spans = {};
		},
		onattribute(name) {
			// parser.startIndex is the attribute name's first character, parser.endIndex the end of its value.
			if (!Object.hasOwn(spans, name)) spans[name] = [parser.startIndex, parser.endIndex];
		},
		onopentag(tag, attributes) {
			// parser.endIndex is the start tag's `>`.
			const tagEnd = parser.endIndex + 1;
			if (tag === 'head' && reading.headEnd === undefined) reading.headEnd = tagEnd;
			if (tag === 'main' && reading.mainEnd === undefined) reading.mainEnd = tagEnd;
			if (!reading.stamp && attributes.class?.includes('build-stamp') && attributes.class.split(/\s+/).includes('build-stamp')) {
				reading.stamp = { end: tagEnd, commit: attributes['data-build-commit'] ?? 'unknown', date: (attributes['data-build-date'] ?? '').slice(0, 10) };
			}
			if (tag === 'script' && attributes.type === 'module' && attributes.src) {
				openModule = { src: attributes.src, start: parser.startIndex, end: tagEnd };
				reading.modules.push(openModule);
				return;
			}
			const urls = URL_ATTRIBUTES[tag]?.some((name) => name in attributes);
			const srcset = (tag === 'img' || tag === 'source') && attributes.srcset;
			const refresh = tag === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh';
			if (urls || srcset || refresh) reading.tags.push({ tag, attributes, spans });
		},
		onclosetag(tag, implied) {
			// parser.endIndex is the end tag's `>`; a script closed by the end of the file ends there.
			if (tag === 'script' && openModule) {
				openModule.end = implied ? html.length : parser.endIndex + 1;
				openModule = undefined;
			}
		},
	});
	parser.end(html);
	return reading;
}

export function offlinePage(html: string, context: OfflinePageContext, stampText: (commit: string, date: string) => string, reading = readPage(html)): OfflinePage {
	const edits: Edit[] = [];
	const missing: string[] = [];
	const up = posix.relative(posix.dirname(context.path), '');
	const toRoot = up ? `${up}/` : '';

	for (const { tag, attributes, spans } of reading.tags) {
		const rewrite = (name: string, value: string) => {
			const span = spans[name];
			if (span) edits.push({ start: span[0], end: span[1], text: `${name}="${escapeAttribute(value)}"` });
		};
		for (const name of URL_ATTRIBUTES[tag] ?? []) {
			const value = attributes[name];
			if (value === undefined) continue;
			const target = offlineUrl(value, context.path, context.has);
			if (!target) continue;
			if (target.found) rewrite(name, target.url);
			else if (NAVIGATION.has(tag)) rewrite(name, new URL(value, context.siteUrl).href);
			else if (!(tag === 'link' && /\b(canonical|alternate|sitemap)\b/.test(attributes.rel ?? ''))) missing.push(value);
		}
		if (tag === 'img' || tag === 'source') {
			const srcset = attributes.srcset;
			if (srcset) {
				const candidates = srcset.split(',').map((candidate) => {
					const [url, ...descriptor] = candidate.trim().split(/\s+/);
					const target = offlineUrl(url, context.path, context.has);
					if (target && !target.found) missing.push(url);
					return [target?.url ?? url, ...descriptor].join(' ');
				});
				rewrite('srcset', candidates.join(', '));
			}
		}
		if (tag === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh') {
			const content = attributes.content ?? '';
			const match = /^(\s*\d+\s*;\s*url\s*=\s*)(.+)$/i.exec(content);
			const target = match && offlineUrl(match[2].trim(), context.path, context.has);
			if (match && target) rewrite('content', `${match[1]}${target.found ? target.url : new URL(match[2].trim(), context.siteUrl).href}`);
		}
	}

	if (reading.headEnd !== undefined) {
		edits.push({ start: reading.headEnd, end: reading.headEnd, text: `<script src="${toRoot}_offline/offline.js"></script><link rel="stylesheet" href="${toRoot}_offline/offline.css">` });
	}
	const { stamp, mainEnd } = reading;
	if (stamp) {
		edits.push({ start: stamp.end, end: stamp.end, text: '<strong>Offline copy</strong> (the downloaded zip). ' });
		if (mainEnd !== undefined) edits.push({ start: mainEnd, end: mainEnd, text: `<p class="sl-banner offline-copy-note" role="note" data-offline-copy>${escapeText(stampText(stamp.commit, stamp.date))}</p>` });
	}

	if (reading.modules.length) {
		const bundle = context.bundleFor(reading.modules.map((m) => m.src));
		if (!bundle) throw new OfflineHtmlError(`offline bundle: ${context.path}: no classic bundle for its module scripts`);
		reading.modules.forEach((element, i) => {
			edits.push({ start: element.start, end: element.end, text: i === 0 ? `<script defer src="${escapeAttribute(toRoot + bundle)}"></script>` : '' });
		});
	}
	return { html: applyEdits(html, edits, context.path), missing };
}

/** Splices the edits into the source; insertions at one offset keep the order they were made in. */
function applyEdits(html: string, edits: Edit[], path: string): string {
	const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
	const pieces: string[] = [];
	let at = 0;
	for (const edit of sorted) {
		if (edit.start < at) throw new OfflineHtmlError(`offline bundle: ${path}: overlapping edits at offset ${edit.start}`);
		pieces.push(html.slice(at, edit.start), edit.text);
		at = edit.end;
	}
	pieces.push(html.slice(at));
	return pieces.join('');
}
