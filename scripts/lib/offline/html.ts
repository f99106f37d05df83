/**
 * One built page made into its offline copy (issue 23), read with parse5 (the HTML standard's
 * parser; no regex over HTML) and changed by splicing at the source offsets it reports, so every
 * byte not changed stays as Astro wrote it (inline SVG diagrams included):
 * - site-absolute URLs (`/a/b/`) become paths relative to the page, a folder's to its `index.html`,
 *   since file:// has no directory index; a link to a file left out of the copy goes to the
 *   published site (a click the reader chooses, never a request the page makes by itself);
 * - the page's module scripts are replaced by one classic, deferred script (scripts.ts), and the
 *   offline runtime (runtime.ts) and its stylesheet load first in <head>;
 * - the page says it is the offline copy: a note above the title and in the build stamp's line.
 */
import { posix } from 'node:path';
import { Parser } from 'htmlparser2';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { OfflineBundleError as OfflineHtmlError } from './error.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

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

/**
 * The module scripts a page loads (site paths, in document order), read with htmlparser2's
 * tokenizer: a first pass over every page before the bundles exist, lighter than a full parse.
 */
export function moduleScripts(html: string): string[] {
	const found: string[] = [];
	const parser = new Parser({
		onopentag(name, attributes) {
			if (name === 'script' && attributes.type === 'module' && attributes.src) found.push(attributes.src);
		},
	});
	parser.end(html);
	return found;
}

function attr(element: Element, name: string): string | undefined {
	return element.attrs.find((a) => a.name === name)?.value;
}

function walk(node: Node, visit: (element: Element) => void): void {
	if ('tagName' in node) visit(node);
	if ('content' in node && node.content) walk(node.content as Node, visit);
	if ('childNodes' in node) for (const child of node.childNodes) walk(child, visit);
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

export function offlinePage(html: string, context: OfflinePageContext, stampText: (commit: string, date: string) => string): OfflinePage {
	const document = parse(html, { sourceCodeLocationInfo: true });
	const edits: Edit[] = [];
	const missing: string[] = [];
	const up = posix.relative(posix.dirname(context.path), '');
	const toRoot = up ? `${up}/` : '';
	const modules: Element[] = [];
	let head: Element | undefined;
	let main: Element | undefined;
	let stamp: Element | undefined;

	const rewrite = (element: Element, name: string, value: string) => {
		const location = element.sourceCodeLocation?.attrs?.[name];
		if (!location) return;
		edits.push({ start: location.startOffset, end: location.endOffset, text: `${name}="${escapeAttribute(value)}"` });
	};

	walk(document, (element) => {
		const tag = element.tagName;
		if (tag === 'head' && !head) head = element;
		if (tag === 'main' && !main) main = element;
		if (!stamp && attr(element, 'class')?.split(/\s+/).includes('build-stamp')) stamp = element;
		if (tag === 'script' && attr(element, 'type') === 'module' && attr(element, 'src')) {
			modules.push(element);
			return;
		}
		for (const name of URL_ATTRIBUTES[tag] ?? []) {
			const value = attr(element, name);
			if (value === undefined) continue;
			const target = offlineUrl(value, context.path, context.has);
			if (!target) continue;
			if (target.found) rewrite(element, name, target.url);
			else if (NAVIGATION.has(tag)) rewrite(element, name, new URL(value, context.siteUrl).href);
			else if (!(tag === 'link' && /\b(canonical|alternate|sitemap)\b/.test(attr(element, 'rel') ?? ''))) missing.push(value);
		}
		if (tag === 'img' || tag === 'source') {
			const srcset = attr(element, 'srcset');
			if (srcset) {
				const candidates = srcset.split(',').map((candidate) => {
					const [url, ...descriptor] = candidate.trim().split(/\s+/);
					const target = offlineUrl(url, context.path, context.has);
					if (target && !target.found) missing.push(url);
					return [target?.url ?? url, ...descriptor].join(' ');
				});
				rewrite(element, 'srcset', candidates.join(', '));
			}
		}
		if (tag === 'meta' && attr(element, 'http-equiv')?.toLowerCase() === 'refresh') {
			const content = attr(element, 'content') ?? '';
			const match = /^(\s*\d+\s*;\s*url\s*=\s*)(.+)$/i.exec(content);
			const target = match && offlineUrl(match[2].trim(), context.path, context.has);
			if (match && target) rewrite(element, 'content', `${match[1]}${target.found ? target.url : new URL(match[2].trim(), context.siteUrl).href}`);
		}
	});

	if (head?.sourceCodeLocation?.startTag) {
		const at = head.sourceCodeLocation.startTag.endOffset;
		edits.push({ start: at, end: at, text: `<script src="${toRoot}_offline/offline.js"></script><link rel="stylesheet" href="${toRoot}_offline/offline.css">` });
	}
	if (stamp?.sourceCodeLocation?.startTag) {
		const commit = attr(stamp, 'data-build-commit') ?? 'unknown';
		const date = (attr(stamp, 'data-build-date') ?? '').slice(0, 10);
		const at = stamp.sourceCodeLocation.startTag.endOffset;
		edits.push({ start: at, end: at, text: '<strong>Offline copy</strong> (the downloaded zip). ' });
		if (main?.sourceCodeLocation?.startTag) {
			const mainAt = main.sourceCodeLocation.startTag.endOffset;
			edits.push({ start: mainAt, end: mainAt, text: `<p class="sl-banner offline-copy-note" role="note" data-offline-copy>${escapeText(stampText(commit, date))}</p>` });
		}
	}

	if (modules.length) {
		const bundle = context.bundleFor(modules.map((m) => attr(m, 'src')!));
		if (!bundle) throw new OfflineHtmlError(`offline bundle: ${context.path}: no classic bundle for its module scripts`);
		modules.forEach((element, i) => {
			const location = element.sourceCodeLocation!;
			edits.push({ start: location.startOffset, end: location.endOffset, text: i === 0 ? `<script defer src="${escapeAttribute(toRoot + bundle)}"></script>` : '' });
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
