/**
 * Turns ```mermaid fences into a diagram placeholder the client renders: the source stays in the
 * page as code (readable without JavaScript, copyable, indexed by search) and the page's mermaid loader
 * swaps in the SVG. Done on the mdast so Expressive Code never sees the fence as a code block.
 * A Sätteri mdast plugin, like doc-links.ts.
 */
import type { MdastPluginDefinition } from 'satteri';

export function mermaidPlugin(): MdastPluginDefinition {
	return {
		name: 'neotool-mermaid',
		code(node) {
			if (node.lang !== 'mermaid') return undefined;
			// Still a `code` node, so the source keeps its line breaks and indentation; renamed to a
			// figure (`<figure><code>`), so Expressive Code, which looks for `<pre>`, leaves it alone.
			return { type: 'code', lang: null, value: node.value, data: { hName: 'figure', hProperties: { className: ['mermaid-diagram'], dataMermaid: '' } } };
		},
	} as MdastPluginDefinition;
}

/** Whether a doc's raw source has a diagram; decides, per page, whether the mermaid loader ships. */
export const hasMermaid = (body: string | undefined) => !!body && /^[ \t]*(`{3,}|~{3,})[ \t]*mermaid\b/m.test(body);
