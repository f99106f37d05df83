/**
 * The sidebar, built from the docs folder itself rather than Starlight's `autogenerate` (which only
 * sees `src/content/docs`, so fixture and benchmark trees would get an empty sidebar). Each folder is
 * a group; its README comes first as "Overview", then pages by title, then sub-folders.
 */
import { DocTree } from './doc-tree.ts';
import { docIdFromPath, urlForId } from './routes.ts';
import { SECTIONS } from './sections.ts';

export type SidebarItem = { label: string; link: string } | { label: string; items: SidebarItem[]; collapsed?: boolean };

interface Folder {
	index?: string;
	pages: string[];
	folders: Map<string, Folder>;
}

const emptyFolder = (): Folder => ({ pages: [], folders: new Map() });

function folderTree(docs: string[]): Folder {
	const root = emptyFolder();
	for (const rel of docs) {
		const parts = rel.split('/');
		const file = parts.pop()!;
		let node = root;
		for (const part of parts) {
			if (!node.folders.has(part)) node.folders.set(part, emptyFolder());
			node = node.folders.get(part)!;
		}
		if (/^(readme|index)\.mdx?$/i.test(file)) node.index = rel;
		else node.pages.push(rel);
	}
	return root;
}

export function sidebarFromDocs(docsRoot: string): SidebarItem[] {
	const tree = new DocTree(docsRoot);
	const link = (rel: string, label = tree.title(rel)) => ({ label, link: urlForId(docIdFromPath(rel)) });
	const group = (label: string, folder: Folder): SidebarItem =>
		// A folder that is only its README is one page: a link, not a group holding "Overview".
		folder.index && folder.pages.length === 0 && folder.folders.size === 0 ? link(folder.index, label) : {
		label,
		items: [
			...(folder.index ? [link(folder.index, 'Overview')] : []),
			...folder.pages.map((rel) => link(rel)).sort((a, b) => a.label.localeCompare(b.label)),
			...[...folder.folders].sort(([a], [b]) => a.localeCompare(b)).map(([name, sub]) => group(sub.index ? tree.title(sub.index) : name, sub)),
		],
	};
	const root = folderTree(tree.docs());
	const known = SECTIONS.map((s) => s.dir as string);
	// Known sections in reading order; anything else after them, alphabetically.
	const dirs = [...root.folders.keys()].sort((a, b) => (known.indexOf(a) + 1 || 999) - (known.indexOf(b) + 1 || 999) || a.localeCompare(b));
	return [
		...(root.index ? [link(root.index, 'Home')] : []),
		...root.pages.map((rel) => link(rel)),
		...dirs.map((dir) => {
			const folder = root.folders.get(dir)!;
			const label = SECTIONS.find((s) => s.dir === dir)?.label ?? (folder.index ? tree.title(folder.index) : dir);
			return group(label, folder);
		}),
		{ label: 'Tags', link: '/tags/' },
	];
}

