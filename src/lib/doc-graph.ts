/**
 * Related lists and backlinks for the whole site, computed once per build from the content
 * collection: `related` frontmatter plus every relative link in the body.
 */
import { relative, resolve } from 'node:path';
import { DocTree } from './doc-tree.ts';
import { docIdFromPath, urlForId } from './routes.ts';

export interface GraphEntry {
	id: string;
	filePath?: string;
	body?: string;
	/** The content layer's hash of the page's file (its frontmatter and body). */
	digest?: string | number;
	data: { title: string; description?: string; related?: string[] };
}

export interface DocRef {
	id: string;
	title: string;
	url: string;
	description?: string;
}

export interface DocGraph {
	related(id: string): DocRef[];
	backlinks(id: string): DocRef[];
	outbound(id: string): string[];
	has(id: string): boolean;
	/** The docs tree the graph resolved links against (its files already listed). */
	tree: DocTree;
}

// Inline links `[text](target)` and reference definitions `[label]: target`. A regex rather than a
// full MDX parse: this runs over every page on every build, and the checker already proves each
// link well-formed and resolvable, so only the targets matter here.
const LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm;

export function linkTargets(body: string): string[] {
	const out: string[] = [];
	for (const m of body.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').matchAll(LINK)) out.push((m[1] ?? m[2])!);
	return out;
}

/** What one page leads to: its `related` entries and its links, as page ids. */
interface PageEdges {
	rIds: string[];
	out: string[];
}

/**
 * The last graph's edges per page, by the page's digest, valid for one list of files and page ids:
 * `astro dev` builds the graph again after every save, and resolving every link of every page again
 * (43,000 at 5,000 docs, ~0.5 s of CPU) was most of it. A page whose text is unchanged, in a tree
 * with the same files and pages, leads to the same pages, so only the saved page is resolved again.
 */
let edgesBefore: { site: string; byPage: Map<string, PageEdges> } | undefined;

export function buildDocGraph(entries: GraphEntry[], docsRoot: string): DocGraph {
	const tree = new DocTree(docsRoot);
	const byId = new Map(entries.map((e) => [e.id, e]));
	const site = `${[...tree.files].join('\n')}\0${[...byId.keys()].join('\n')}`;
	const reusable = edgesBefore?.site === site ? edgesBefore.byPage : undefined;
	const byPage = new Map<string, PageEdges>();
	const ref = (id: string): DocRef => {
		const e = byId.get(id)!;
		return { id, title: e.data.title, url: urlForId(id), description: e.data.description };
	};
	const related = new Map<string, string[]>();
	const outbound = new Map<string, Set<string>>();
	const inbound = new Map<string, Set<string>>();
	for (const e of entries) {
		if (!e.filePath) continue;
		const rel = relative(docsRoot, resolve(e.filePath)).split('\\').join('/');
		const key = e.digest === undefined ? undefined : `${e.id}\0${rel}\0${e.digest}`;
		let edges = key === undefined ? undefined : reusable?.get(key);
		if (!edges) {
			const rIds = (e.data.related ?? []).map((r) => tree.findDoc(r)).filter((t): t is string => !!t).map(docIdFromPath).filter((id) => id !== e.id && byId.has(id));
			const out = new Set<string>();
			for (const href of linkTargets(e.body ?? '')) {
				// The page a link leads to, not its #anchor: checking an anchor means parsing the target page
				// for its headings, every page of the site on each graph (2 s of CPU before the first page of
				// `astro dev` at 1,000 docs, again after every save), and a broken anchor fails the page's own
				// compile (src/plugins/doc-links.ts) and the check anyway, so no site that builds differs.
				const hashAt = href.indexOf('#');
				const r = tree.resolveLink(rel, hashAt === -1 ? href : href.slice(0, hashAt));
				if (r.kind === 'doc' && r.id !== e.id && byId.has(r.id)) out.add(r.id);
			}
			edges = { rIds, out: [...out] };
		}
		if (key !== undefined) byPage.set(key, edges);
		const { rIds } = edges;
		const out = new Set(edges.out);
		related.set(e.id, [...new Set(rIds)]);
		outbound.set(e.id, out);
		for (const target of [...out, ...rIds]) {
			if (!inbound.has(target)) inbound.set(target, new Set());
			inbound.get(target)!.add(e.id);
		}
	}
	edgesBefore = { site, byPage };
	const byTitle = (a: DocRef, b: DocRef) => a.title.localeCompare(b.title);
	return {
		tree,
		has: (id) => related.has(id),
		related: (id) => (related.get(id) ?? []).map(ref),
		backlinks: (id) => [...(inbound.get(id) ?? [])].map(ref).sort(byTitle),
		outbound: (id) => [...(outbound.get(id) ?? [])].sort(),
	};
}
