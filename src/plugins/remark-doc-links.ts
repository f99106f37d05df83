/**
 * Rewrites links written for the repo host (`./k3s-setup.md`, `../09-security/`,
 * `../infra/kubernetes/README.md#step-by-step-gitops-workflow`) to site routes, so one source reads
 * correctly in both places. Starlight leaves such links alone (withastro/starlight#2214), hence this.
 * A link to a missing page or heading fails the build at the link's line.
 */
import type { Definition, Link, Root } from 'mdast';
import { relative } from 'node:path';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { DocTree } from '../lib/doc-tree.ts';

export interface DocLinksOptions {
	/** Absolute path of the docs root the links are relative to. */
	docsRoot: string;
}

export default function remarkDocLinks({ docsRoot }: DocLinksOptions) {
	// One tree per build: created on first use so that `astro dev` sees files added since start-up.
	let tree: DocTree | undefined;
	return (root: Root, file: VFile) => {
		if (!file.path || !file.path.startsWith(docsRoot)) return;
		tree ??= new DocTree(docsRoot);
		if (!tree.files.has(relative(docsRoot, file.path))) tree = new DocTree(docsRoot);
		const rel = relative(docsRoot, file.path).split('\\').join('/');
		visit(root, (node) => {
			if (node.type !== 'link' && node.type !== 'definition') return;
			const link = node as Link | Definition;
			const result = tree!.resolveLink(rel, link.url);
			if (result.kind === 'doc') link.url = result.url;
			else if (result.kind === 'error') file.fail(`${result.message} [link-target]`, link);
		});
	};
}
