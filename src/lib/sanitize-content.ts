/**
 * The build's last line of defence: a page's rendered content (what its Markdown or MDX produced,
 * components included; never Starlight's own chrome around it) goes through sanitize-html configured
 * from src/lib/markup-policy.ts, so markup the authors' check missed cannot reach a reader.
 *
 * Why sanitize-html rather than hast-util-sanitize: the content reaches us as the HTML string Astro
 * rendered, which sanitize-html filters in one streaming pass with no tree to build and serialise
 * back; and it can keep a `style` attribute while filtering its declarations one by one (Expressive
 * Code colours its tokens with `style="--0:#…"`), where hast-util-sanitize can only keep or drop the
 * whole attribute.
 */
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import sanitizeHtml from 'sanitize-html';
import { sanitizerOptions } from './markup-policy.ts';

const OPTIONS = sanitizerOptions();

export interface Sanitised {
	html: string;
	/** Whether the sanitiser removed anything: the page holds markup the check should have refused. */
	changed: boolean;
	/** Where, when it did: the input around the first difference, for the build's warning. */
	first?: string;
}

/**
 * Both sides through one HTML parser and serialiser, so quoting and entity spelling do not count as
 * a change; nor does the spacing in a `style` the sanitiser re-serialises (`--x: 1em;` → `--x:1em`).
 */
function canonical(html: string): string {
	const fragment = parseFragment(html);
	const walk = (nodes: DefaultTreeAdapterMap['childNode'][]) => {
		for (const node of nodes) {
			if (!('tagName' in node)) continue;
			for (const attr of node.attrs) if (attr.name === 'style') attr.value = attr.value.replace(/\s+/g, '').replace(/;$/, '');
			walk(node.tagName === 'template' ? (node as DefaultTreeAdapterMap['template']).content.childNodes : node.childNodes);
		}
	};
	walk(fragment.childNodes);
	return serialize(fragment);
}

export function sanitizeContent(html: string): Sanitised {
	const clean = sanitizeHtml(html, OPTIONS);
	if (clean === html) return { html: clean, changed: false };
	const before = canonical(html);
	const after = canonical(clean);
	if (before === after) return { html: clean, changed: false };
	let at = 0;
	while (at < before.length && before[at] === after[at]) at++;
	// Back to the start of the tag the difference is in, so the warning names the element.
	const tag = before.lastIndexOf('<', at);
	return { html: clean, changed: true, first: before.slice(tag === -1 ? at : tag, at + 60).replace(/\s+/g, ' ') };
}
