import type { Definition, Image, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { closest } from '../../../schemas/suggest.ts';
import type { DocTree } from '../../../src/lib/doc-tree.ts';
import { DOWNLOAD_PATHS, DOWNLOADS_DIR } from '../../../src/lib/downloads.ts';
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
		const download = checkDownloadLink(link.url);
		if (download) {
			report('link-target', 'error', link, download);
			continue;
		}
		const result = tree.resolveLink(rel, link.url);
		if (result.kind !== 'error') continue;
		const rule = link.type === 'image' ? 'image-target' : result.rule;
		report(rule, 'error', link, result.message);
	}
}

/**
 * A site-absolute link under /downloads/ must name a file the build writes there (src/lib/downloads.ts);
 * the message, or undefined when the link is fine or not a download. Other site-absolute links are
 * the link checker's (scripts/linkcheck.ts), over the built site.
 */
export function checkDownloadLink(url: string): string | undefined {
	const path = url.split(/[?#]/)[0]!;
	if (!path.startsWith(`/${DOWNLOADS_DIR}/`) || DOWNLOAD_PATHS.includes(path)) return undefined;
	const hint = closest(path, DOWNLOAD_PATHS);
	return `Unexpected link to \`${url}\`, expected a file the build writes under \`/${DOWNLOADS_DIR}/\`${hint ? ` (did you mean \`${hint}\`?)` : `: ${DOWNLOAD_PATHS.map((p) => `\`${p}\``).join(', ')}`}`;
}
