import type { Definition, Image, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { DocTree } from '../../../src/lib/doc-tree.ts';
import type { LinkRef, Report } from '../types.ts';

/** Every link, image and definition of a doc, in order; resolved later against the whole tree. */
export function collectLinks(root: Root): LinkRef[] {
	const out: LinkRef[] = [];
	visit(root, (node) => {
		if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
		const { url, position } = node as Link | Image | Definition;
		out.push({ type: node.type, url, line: position?.start.line ?? 1, column: position?.start.column ?? 1 });
	});
	return out;
}

/** Relative links and images resolve to existing files, and `#anchors` to headings of their target. */
export function checkLinks(rel: string, links: LinkRef[], tree: DocTree, report: Report): void {
	for (const link of links) {
		const result = tree.resolveLink(rel, link.url);
		if (result.kind !== 'error') continue;
		const rule = link.type === 'image' ? 'image-target' : result.rule;
		report(rule, 'error', link, result.message);
	}
}
