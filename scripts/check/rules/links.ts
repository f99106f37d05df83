import type { Definition, Image, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { DocTree } from '../../../src/lib/doc-tree.ts';
import type { RuleContext } from '../types.ts';

/** Relative links and images resolve to existing files, and `#anchors` to headings of their target. */
export function checkLinks(ctx: RuleContext, root: Root, tree: DocTree): void {
	visit(root, (node) => {
		if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
		const { url, position } = node as Link | Image | Definition;
		const at = { line: position?.start.line ?? 1, column: position?.start.column ?? 1 };
		const result = tree.resolveLink(ctx.rel, url);
		if (result.kind === 'error') ctx.report(node.type === 'image' ? 'image-target' : url.includes('#') && !result.message.includes('missing') ? 'link-anchor' : 'link-target', 'error', at, result.message);
	});
}
