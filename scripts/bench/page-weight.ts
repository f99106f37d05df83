/**
 * The median and largest HTML page of a built site, in bytes as written (issue #16: flat with the
 * site's size), and what a page's bytes are made of.
 *
 * `node scripts/bench/page-weight.ts <dist> [page]` prints both for a build: the median and largest
 * page, then the bytes of the largest page (or `page`, a path inside `<dist>`) by part.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

export interface PageWeight {
	pages: number;
	medianBytes: number;
	largestBytes: number;
	largestPage: string;
}

export function pageWeight(dist: string): PageWeight {
	const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name.endsWith('.html'))
		.map((e) => {
			const path = join(e.parentPath, e.name);
			return { page: path.slice(dist.length), bytes: statSync(path).size };
		})
		.sort((a, b) => a.bytes - b.bytes || a.page.localeCompare(b.page));
	if (pages.length === 0) return { pages: 0, medianBytes: 0, largestBytes: 0, largestPage: '' };
	const mid = pages.length >> 1;
	const median = pages.length % 2 ? pages[mid]!.bytes : Math.round((pages[mid - 1]!.bytes + pages[mid]!.bytes) / 2);
	const largest = pages.at(-1)!;
	return { pages: pages.length, medianBytes: median, largestBytes: largest.bytes, largestPage: largest.page };
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The part of a page an element is, when it is one worth weighing on its own; the content is looked into. */
function partOf(element: Element, inHead: boolean): string | undefined {
	const attr = (name: string) => element.attrs.find((a) => a.name === name)?.value;
	const classes = ` ${attr('class') ?? ''} `;
	if (element.tagName === 'script') return attr('src') ? 'script elements with src' : 'inline scripts';
	if (element.tagName === 'style') return 'inline styles';
	if (inHead) return element.tagName === 'meta' || element.tagName === 'link' ? `<${element.tagName}> in head` : undefined;
	if (element.tagName === 'svg') return /^mmd-/.test(attr('id') ?? '') ? 'diagram SVGs' : 'icon SVGs';
	if (classes.includes(' expressive-code ')) return 'code blocks (Expressive Code)';
	if (attr('id') === 'starlight__sidebar') return 'sidebar';
	if (element.tagName === 'starlight-toc' || element.tagName === 'mobile-starlight-toc') return 'tables of contents';
	if (element.tagName === 'header' && classes.includes(' header ')) return 'site header';
	if (element.tagName === 'footer') return 'footer';
	return undefined;
}

/**
 * A page's bytes by part: sidebar, tables of contents, code blocks, diagram SVGs, inline scripts …
 * Each element is counted once, in the first part that claims it from the top (a script inside the
 * sidebar is the sidebar's); `other` is what no part claims (the text and markup around them).
 */
export function pageParts(html: string): Map<string, number> {
	const document = parse(html, { sourceCodeLocationInfo: true });
	const parts = new Map<string, number>();
	const bytesOf = (node: Node) => {
		const at = node.sourceCodeLocation;
		return at ? Buffer.byteLength(html.slice(at.startOffset, at.endOffset)) : 0;
	};
	let claimed = 0;
	const walk = (node: Node, inHead: boolean) => {
		for (const child of 'childNodes' in node ? node.childNodes : []) {
			const head = inHead || ('tagName' in child && child.tagName === 'head');
			const part = 'tagName' in child ? partOf(child, head) : undefined;
			if (part === undefined) {
				walk(child, head);
				continue;
			}
			const bytes = bytesOf(child);
			parts.set(part, (parts.get(part) ?? 0) + bytes);
			claimed += bytes;
		}
	};
	walk(document, false);
	parts.set('other', Buffer.byteLength(html) - claimed);
	return new Map([...parts].sort((a, b) => b[1] - a[1]));
}

if (import.meta.main) {
	const [dist, page] = process.argv.slice(2);
	if (!dist) {
		console.error('usage: node scripts/bench/page-weight.ts <dist> [page]');
		process.exit(2);
	}
	const weight = pageWeight(dist);
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	console.log(`${weight.pages} pages: median ${kb(weight.medianBytes)} (${weight.medianBytes} B), largest ${kb(weight.largestBytes)} (${weight.largestBytes} B) ${weight.largestPage}`);
	const shown = page ?? weight.largestPage;
	const html = readFileSync(join(dist, shown), 'utf8');
	console.log(`${shown}: ${Buffer.byteLength(html)} B`);
	for (const [part, bytes] of pageParts(html)) console.log(`${String(bytes).padStart(8)} B  ${part}`);
}
