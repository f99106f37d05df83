/**
 * Related lists and backlinks for the whole site, computed once per build from the content
 * collection: `related` frontmatter plus every relative link in the body.
 */
import { relative, resolve } from 'node:path';
import { DocTree } from './doc-tree.ts';
import type { HeadingInfo } from './markdown.ts';
import { docIdFromPath, urlForId } from './routes.ts';

export interface GraphEntry {
	id: string;
	filePath?: string;
	body?: string;
	/** The content layer's hash of the file's text. */
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
	/** The docs tree the graph resolved links against (files, headings, titles already read). */
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

/**
 * Heading anchors of the last graph's pages, by file and the content layer's digest of its text.
 * `astro dev` builds the graph again after every save (the collection changed), and parsing every
 * linked page for its anchors was most of that: 1.4 s of CPU per save at 1,000 docs, growing with
 * the site. Reused only for the same text, so a graph built from these is the graph built from
 * scratch; only the pages of the latest graph are kept.
 */
let headingsByDigest = new Map<string, HeadingInfo[] | null>();

export function buildDocGraph(entries: GraphEntry[], docsRoot: string): DocGraph {
	const tree = new DocTree(docsRoot);
	const relOf = new Map(entries.filter((e) => e.filePath).map((e) => [e, relative(docsRoot, resolve(e.filePath!)).split('\\').join('/')]));
	const digestKeys = new Map([...relOf].filter(([e]) => e.digest).map(([e, rel]) => [rel, `${rel}\0${e.digest}`]));
	for (const [rel, key] of digestKeys) {
		const known = headingsByDigest.get(key);
		if (known !== undefined) tree.primeHeadings(rel, known);
	}
	const byId = new Map(entries.map((e) => [e.id, e]));
	const ref = (id: string): DocRef => {
		const e = byId.get(id)!;
		return { id, title: e.data.title, url: urlForId(id), description: e.data.description };
	};
	const related = new Map<string, string[]>();
	const outbound = new Map<string, Set<string>>();
	const inbound = new Map<string, Set<string>>();
	for (const e of entries) {
		const rel = relOf.get(e);
		if (rel === undefined) continue;
		const rIds = (e.data.related ?? []).map((r) => tree.findDoc(r)).filter((t): t is string => !!t).map(docIdFromPath).filter((id) => id !== e.id && byId.has(id));
		related.set(e.id, [...new Set(rIds)]);
		const out = new Set<string>();
		for (const href of linkTargets(e.body ?? '')) {
			const r = tree.resolveLink(rel, href);
			if (r.kind === 'doc' && r.id !== e.id && byId.has(r.id)) out.add(r.id);
		}
		outbound.set(e.id, out);
		for (const target of [...out, ...rIds]) {
			if (!inbound.has(target)) inbound.set(target, new Set());
			inbound.get(target)!.add(e.id);
		}
	}
	const kept = new Map<string, HeadingInfo[] | null>();
	for (const [rel, key] of digestKeys) {
		const headings = tree.knownHeadings(rel);
		if (headings !== undefined) kept.set(key, headings);
	}
	headingsByDigest = kept;
	const byTitle = (a: DocRef, b: DocRef) => a.title.localeCompare(b.title);
	return {
		tree,
		has: (id) => related.has(id),
		related: (id) => (related.get(id) ?? []).map(ref),
		backlinks: (id) => [...(inbound.get(id) ?? [])].map(ref).sort(byTitle),
		outbound: (id) => [...(outbound.get(id) ?? [])].sort(),
	};
}
