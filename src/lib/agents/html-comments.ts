/**
 * HTML comments are invisible to readers, so they must be invisible to agents too: a comment in a
 * `.md` page's raw HTML would otherwise reach the Markdown twin, llms-full.txt and the chunks
 * verbatim (the site's sanitiser already drops them from the HTML, and so from the search index).
 * parse5 finds them as a browser would (`<!-->`, unterminated ones, comments inside a block);
 * they are cut out of the original text by offset, so the rest is left byte for byte.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type P5Node = DefaultTreeAdapterMap['node'];

export function withoutComments(html: string): string {
	if (!html.includes('<!')) return html;
	const cuts: [number, number][] = [];
	const walk = (nodes: P5Node[]) => {
		for (const node of nodes) {
			if (node.nodeName === '#comment' && node.sourceCodeLocation) cuts.push([node.sourceCodeLocation.startOffset, node.sourceCodeLocation.endOffset]);
			if ('childNodes' in node) walk(node.childNodes);
			if (node.nodeName === 'template') walk((node as DefaultTreeAdapterMap['template']).content.childNodes);
		}
	};
	walk(parseFragment(html, { sourceCodeLocationInfo: true }).childNodes);
	let out = html;
	for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end);
	return out;
}
