/**
 * Diagrams as SVG at build time, the page side: where a page's mermaid placeholder figure (see
 * src/plugins/mermaid.ts) has an SVG pair in the render cache (written before the pages by
 * src/integrations/mermaid-svg.ts), the figure gets its SVG — one, whose colours follow Starlight's
 * `data-theme` — and keeps the source under a disclosure. A figure with no SVG is left for the
 * client loader, and the caller ships it only then.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

export const MERMAID_VERSION = (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;

/**
 * Bumped when the render settings (scripts/lib/mermaid-render.ts) or what is done to a drawing after
 * (scripts/lib/mermaid-merge.ts, mermaid-compact.ts) change, so cached SVGs made the old way are not
 * reused. 4: ids scoped under the diagram's and mermaid's cross-render counters numbered again.
 */
export const RENDER_SETTINGS_VERSION = 4;

/**
 * Shared by every build on this machine (the site, the fixture tree, the benchmark): an entry is
 * keyed by the diagram's text and mermaid's version, so it is the same SVG whichever site asks.
 */
export const MERMAID_CACHE_DIR = resolve(process.env.MERMAID_CACHE_DIR ?? 'node_modules/.cache/neotool-mermaid-svg');

/**
 * A cache entry: one SVG whose colours follow the site's theme (scripts/lib/mermaid-merge.ts), or, for
 * a diagram whose light and dark renders differ in more than colours, both.
 */
export type RenderedDiagram = {
	/** Milliseconds both variants took to render, when they were rendered. */
	ms: number;
} & ({ svg: string } | { light: string; dark: string });

/** Trailing whitespace aside (the page's copy of the source ends with the code block's newline). */
export const diagramKey = (source: string) =>
	createHash('sha256').update(`mermaid ${MERMAID_VERSION}\0settings ${RENDER_SETTINGS_VERSION}\0${source.trimEnd()}`).digest('hex').slice(0, 20);

export const cacheFile = (key: string, dir = MERMAID_CACHE_DIR) => join(dir, `${key}.json`);

export function readRendered(source: string, dir = MERMAID_CACHE_DIR): RenderedDiagram | null {
	const file = cacheFile(diagramKey(source), dir);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RenderedDiagram) : null;
}

const textOf = (node: Node): string =>
	node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The figure's new content: the diagram's one SVG (or, for a diagram that did not merge, the light and
 * the dark one, the page's CSS showing the theme's), then the source under a disclosure. Ids inside an
 * SVG carry the diagram's index on the page, so two copies of one diagram never share an id;
 * `data-pagefind-ignore` keeps the labels out of search (the source below is indexed, as before).
 */
function staticFigure(rendered: RenderedDiagram, key: string, index: number, source: string): string {
	// The index alone makes the ids unique on the page; six characters of the key keep them apart from
	// a heading's slug. The whole key, 20 characters in each of the ~40+ ids and selectors of a small
	// flowchart, was ~0.6 KB of every diagram.
	const id = (svg: string) => svg.replaceAll(`mmd-${key}`, `mmd-${key.slice(0, 6)}-${index}`);
	const svgs =
		'svg' in rendered
			? `<div class="mermaid-svg" data-pagefind-ignore>${id(rendered.svg)}</div>`
			: `<div class="mermaid-svg" data-mermaid-theme="light" data-pagefind-ignore>${id(rendered.light)}</div>` +
				`<div class="mermaid-svg" data-mermaid-theme="dark" data-pagefind-ignore>${id(rendered.dark)}</div>`;
	return svgs + `<details class="mermaid-source-toggle"><summary>Diagram source</summary><code>${escapeHtml(source.trimEnd())}</code></details>`;
}

export interface StaticDiagrams {
	html: string;
	/** Figures left for the client loader (no SVG in the cache: this build had no Chromium). */
	pending: number;
	/** Figures given their SVGs. */
	rendered: number;
}

/** Puts the cached SVGs into a page's (already sanitised) content HTML. */
export function withStaticDiagrams(html: string, dir = MERMAID_CACHE_DIR): StaticDiagrams {
	const fragment = parseFragment(html);
	let pending = 0;
	let index = 0;
	const walk = (nodes: Node[]) => {
		for (const node of nodes) {
			if (!('tagName' in node)) continue;
			if (node.tagName === 'figure' && attr(node, 'data-mermaid') !== undefined) {
				const code = node.childNodes.find((c): c is Element => 'tagName' in c && c.tagName === 'code');
				const source = code ? textOf(code) : '';
				const rendered = readRendered(source, dir);
				if (!rendered) {
					pending++;
					continue;
				}
				node.childNodes = (parseFragment(staticFigure(rendered, diagramKey(source), index++, source)).childNodes as Node[]).map((c) => ((c.parentNode = node), c));
				node.attrs.push({ name: 'data-mermaid-static', value: '' });
				continue;
			}
			walk(node.tagName === 'template' ? (node as DefaultTreeAdapterMap['template']).content.childNodes : node.childNodes);
		}
	};
	walk(fragment.childNodes);
	return { html: serialize(fragment), pending, rendered: index };
}
