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
		let result;
		try {
			result = tree.resolveLink(rel, link.url);
		} catch {
			// decodeURI throws on a stray `%`: the author's typo, reported at the link like any other.
			report(link.type === 'image' ? 'image-target' : 'link-target', 'error', link, `Unexpected malformed URL \`${link.url}\` (a \`%\` not followed by two hex digits), expected a valid link (write \`%25\` for a literal \`%\`)`);
			continue;
		}
		if (result.kind !== 'error') continue;
		const rule = link.type === 'image' ? 'image-target' : link.url.includes('#') && !result.message.includes('missing') ? 'link-anchor' : 'link-target';
		report(rule, 'error', link, result.message);
	}
}
