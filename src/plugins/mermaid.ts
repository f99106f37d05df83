/**
 * Turns ```mermaid fences into a diagram placeholder the client renders: the source stays in a
 * `<pre>` (readable without JavaScript, copyable, indexed by search) and the page's mermaid loader
 * swaps in the SVG. Done on the mdast so Expressive Code never sees the fence as a code block.
 * A Sätteri mdast plugin, like doc-links.ts.
 */
import type { MdastPluginDefinition } from 'satteri';

export function mermaidPlugin(): MdastPluginDefinition {
	return {
		name: 'neotool-mermaid',
		code(node) {
			if (node.lang !== 'mermaid') return undefined;
			return {
				type: 'paragraph',
				data: { hName: 'figure', hProperties: { className: ['mermaid-diagram'], dataMermaid: '' } },
				children: [{ type: 'paragraph', data: { hName: 'pre', hProperties: { className: ['mermaid-source'] } }, children: [{ type: 'text', value: node.value }] }],
			};
		},
	} as MdastPluginDefinition;
}

/** Whether a doc's raw source has a diagram; decides, per page, whether the mermaid loader ships. */
export const hasMermaid = (body: string | undefined) => !!body && /^[ \t]*(`{3,}|~{3,})[ \t]*mermaid\b/m.test(body);
