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

export function buildDocGraph(entries: GraphEntry[], docsRoot: string): DocGraph {
	const tree = new DocTree(docsRoot);
	const byId = new Map(entries.map((e) => [e.id, e]));
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
		const rIds = (e.data.related ?? []).map((r) => tree.findDoc(r)).filter((t): t is string => !!t).map(docIdFromPath).filter((id) => id !== e.id && byId.has(id));
		related.set(e.id, [...new Set(rIds)]);
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
		outbound.set(e.id, out);
		for (const target of [...out, ...rIds]) {
			if (!inbound.has(target)) inbound.set(target, new Set());
			inbound.get(target)!.add(e.id);
		}
	}
	const byTitle = (a: DocRef, b: DocRef) => a.title.localeCompare(b.title);
	return {
		tree,
		has: (id) => related.has(id),
		related: (id) => (related.get(id) ?? []).map(ref),
		backlinks: (id) => [...(inbound.get(id) ?? [])].map(ref).sort(byTitle),
		outbound: (id) => [...(outbound.get(id) ?? [])].sort(),
	};
}
