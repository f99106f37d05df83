/**
 * An old URL of a moved page (its `redirect_from`, listed in the index's `redirects`) → the page it
 * moved to, for the MCP server's get_doc: an agent holding a cached URL gets the page, told it moved.
 */
import type { DocsIndex } from '../../../schemas/docs-index.ts';

export function movedDoc(index: DocsIndex, ref: string): { id: string; from: string } | undefined {
	if (index.redirects.length === 0) return undefined;
	let path: string;
	try {
		path = decodeURIComponent(new URL(ref.trim(), index.site.url).pathname).toLowerCase();
	} catch {
		return undefined;
	}
	path = path.replace(/index\.(?:md|html)$/, '');
	if (!path.endsWith('/')) path += '/';
	const found = index.redirects.find((r) => new URL(r.from).pathname === path);
	return found && { id: found.id, from: found.from };
}
