/**
 * The sidebar, built from the docs folder itself rather than Starlight's `autogenerate` (which only
 * sees `src/content/docs`, so fixture and benchmark trees would get an empty sidebar). Each folder is
 * a group; its README comes first as "Overview", then pages by title, then sub-folders. A folder of
 * more than CATEGORY_THRESHOLD pages is split into one group per frontmatter `category`, each led by
 * its hub page, so a long section stays scannable and (scoped, see scoped-sidebar.ts) light.
 */
import { CATEGORIES } from '../../schemas/category.ts';
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
	const byTitle = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
	const pageItems = (rels: string[]): SidebarItem[] => (rels.length > CATEGORY_THRESHOLD ? categoryGroups(tree, rels, link) : rels.map((rel) => link(rel)).sort(byTitle));
	const group = (label: string, folder: Folder): SidebarItem =>
		// A folder that is only its README is one page: a link, not a group holding "Overview".
		folder.index && folder.pages.length === 0 && folder.folders.size === 0
			? link(folder.index, label)
			: {
					label,
					items: [
						...(folder.index ? [link(folder.index, 'Overview')] : []),
						...pageItems(folder.pages),
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


/** Above this many pages, a folder's pages are grouped by category. */
export const CATEGORY_THRESHOLD = 15;

const categoryLabel = (category: string) => category.charAt(0).toUpperCase() + category.slice(1).replace(/-/g, ' ');

/**
 * One group per category, in the vocabulary's order, led by its hub: the page the others in the
 * category name most in `related` (split-out pages relate back to their parent), so a collapsed
 * group links to where that topic starts.
 */
function categoryGroups(tree: DocTree, rels: string[], link: (rel: string) => { label: string; link: string }): SidebarItem[] {
	const categoryOf = (rel: string) => String(tree.frontmatter(rel).category ?? 'other');
	const relatedOf = (rel: string) => (Array.isArray(tree.frontmatter(rel).related) ? (tree.frontmatter(rel).related as unknown[]) : []).map((r) => tree.findDoc(String(r)));
	const order = Object.keys(CATEGORIES);
	const categories = [...new Set(rels.map(categoryOf))].sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999) || a.localeCompare(b));
	return categories.map((category) => {
		const members = rels.filter((rel) => categoryOf(rel) === category);
		const inbound = (rel: string) => members.filter((other) => other !== rel && relatedOf(other).includes(rel)).length;
		const items = members.map((rel) => ({ rel, item: link(rel), score: inbound(rel) }));
		items.sort((a, b) => b.score - a.score || a.item.label.localeCompare(b.item.label));
		const [hub, ...rest] = items;
		return { label: categoryLabel(category), items: [hub!.item, ...rest.map((r) => r.item).sort((a, b) => a.label.localeCompare(b.label))] };
	});
}
