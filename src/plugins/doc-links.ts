/**
 * Rewrites links written for the repo host (`./k3s-setup.md`, `../09-security/`,
 * `../infra/kubernetes/README.md#step-by-step-gitops-workflow`) to site routes, so one source reads
 * correctly in both places. Starlight leaves such links alone (withastro/starlight#2214), hence this.
 * A link to a missing page or heading fails the build at the link's line.
 *
 * A Sätteri mdast plugin: Astro 7's default engine, which runs no remark plugins but its own; we
 * stay on it because it parses ~70× faster than the unified pipeline (see README, "Decisions").
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MdastPluginDefinition } from 'satteri';
import { DocTree } from '../lib/doc-tree.ts';
import { parseDoc } from '../lib/markdown.ts';
import { visit } from 'unist-util-visit';

export class DocLinkError extends Error {}

export function docLinksPlugin(docsRoot: string) {
	// One tree per build; rebuilt when a file appears that it has not seen (astro dev).
	let tree: DocTree | undefined;
	return ({ fileURL }: { fileURL: URL | undefined }): MdastPluginDefinition | undefined => {
		if (!fileURL) return undefined;
		const path = fileURLToPath(fileURL);
		if (!path.startsWith(docsRoot)) return undefined;
		const rel = relative(docsRoot, path).split('\\').join('/');
		tree ??= new DocTree(docsRoot);
		if (!tree.files.has(rel)) tree = new DocTree(docsRoot);
		const rewrite = (node: { url: string }, ctx: { source: string; setProperty: (n: never, k: 'url', v: string) => void }) => {
			const result = tree!.resolveLink(rel, node.url);
			if (result.kind === 'doc') ctx.setProperty(node as never, 'url', result.url);
			else if (result.kind === 'error') {
				// Nodes reach compile plugins without positions; on this (rare) path, re-parse to name the line.
				const at = locateLink(ctx.source, node.url, path.endsWith('.mdx'));
				throw new DocLinkError(`${relative(process.cwd(), path)}:${at.line}:${at.column}  ${result.rule}  ${result.message}`);
			}
		};
		return { name: 'neotool-doc-links', link: rewrite, definition: rewrite } as MdastPluginDefinition;
	};
}

function locateLink(source: string, url: string, isMdx: boolean): { line: number; column: number } {
	let at = { line: 1, column: 1 };
	try {
		visit(parseDoc(source, isMdx), (node) => {
			if ((node.type === 'link' || node.type === 'definition') && (node as { url: string }).url === url && node.position) {
				at = node.position.start;
				return false;
			}
			return undefined;
		});
	} catch {
		// The checker reports syntax errors; here the link message alone is still useful.
	}
	return at;
}
