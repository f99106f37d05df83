/**
 * Turns ```mermaid fences into a diagram placeholder the client renders: the source stays in a
 * `<pre>` (readable without JavaScript, copyable, indexed by search) and the page's mermaid loader
 * swaps in the SVG. Done in remark so Expressive Code never sees the fence as a code block.
 */
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export default function remarkMermaid() {
	return (root: Root) => {
		visit(root, 'code', (node: Code, index, parent) => {
			if (node.lang !== 'mermaid' || !parent || index === undefined) return;
			parent.children[index] = {
				type: 'paragraph',
				children: [],
				data: {
					hName: 'figure',
					hProperties: { className: ['mermaid-diagram'], 'data-mermaid': '' },
					hChildren: [{ type: 'element', tagName: 'pre', properties: { className: ['mermaid-source'] }, children: [{ type: 'text', value: node.value }] }],
				},
			};
		});
	};
}

/** Whether a doc's raw source has a diagram; decides, per page, whether the mermaid loader ships. */
export const hasMermaid = (body: string | undefined) => !!body && /^[ \t]*(`{3,}|~{3,})[ \t]*mermaid\b/m.test(body);
