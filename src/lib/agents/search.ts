/**
 * Section search over the built chunks: BM25 (MiniSearch) with the page title, headings, search
 * keywords, tags and description as boosted fields next to the section text, light English
 * stemming, and drafts/deprecated pages ranked down. Used by the MCP server's search_docs.
 */
import MiniSearch from 'minisearch';
import type { DocsChunk } from '../../../schemas/docs-chunk.ts';
import type { IndexedDoc } from '../../../schemas/docs-index.ts';
import type { BuiltDocs } from './dist.ts';

export interface DocFilters {
	type?: string;
	category?: string;
	kind?: string;
	status?: string;
	section?: string;
	/** Every one of these tags. */
	tags?: string[];
}

export interface SearchHit {
	chunkId: string;
	docId: string;
	title: string;
	url: string;
	mdUrl: string;
	headingPath: string[];
	kind: string;
	status: string;
	score: number;
	snippet: string;
	tokens: number;
	/** Matching sections of this page, shown or collapsed. */
	docSections: number;
}

export const MAX_SEARCH_LIMIT = 20;
/** Sections of one page a result list shows before it moves on to the next page (`perDoc` expands it). */
export const DEFAULT_PER_DOC = 2;
/**
 * A query is a question, not a document: beyond these it is refused before any work. A 100 KB query
 * once took 40 s, each long word walking the index with a large edit budget.
 */
export const QUERY_LIMITS = { chars: 512, terms: 32 } as const;
/**
 * Fuzzy and prefix matching, bounded: MiniSearch's fuzzy walk visits every index node within the edit
 * budget of the term, so the budget is capped (2 edits) and long words (no real word in these docs is
 * longer than 24 letters; a hash or a token is) are matched exactly, as is every word after the
 * first 8 distinct ones (a fuzzy lookup costs ~10 times an exact one). A repeated word is searched
 * once. Measured on the real index by
 * test/build/agents-search.test.ts: no query within QUERY_LIMITS costs more than ~50 ms.
 */
export const EXPANSION = { prefixMin: 5, fuzzyMin: 6, fuzziness: 0.15, maxFuzzy: 2, maxLength: 24, maxExpandedTerms: 8 } as const;

/** Field weights: where a word appears says more than how often (tuned on test/build/agents-search.test.ts). */
export const FIELD_BOOSTS = { title: 3, headings: 2.5, keywords: 3, tags: 1.5, description: 1.5, text: 1 } as const;
/** A superseded or unfinished page should not outrank the page that replaced it. */
const STATUS_WEIGHT: Record<string, number> = { current: 1, draft: 0.8, deprecated: 0.4, archived: 0.3 };
/** Overview pages are link tables that mention every task once; the page that does the task should win. */
const KIND_WEIGHT: Record<string, number> = { overview: 0.7 };

const STOP_WORDS = new Set(
	'a an and are as at be by can do does for from how i if in into is it its me my of on or our so that the their then this to up use using via was we what when where which who why will with you your'.split(' '),
);

/**
 * Light suffix stripping, enough to meet `restore`/`restoring`, `pods`/`pod`, `rotate`/`rotation`,
 * `scaling`/`scale`, `certificates`/`certificate`, `horizontally`/`horizontal` (a full Porter stemmer
 * buys little on runbooks).
 */
export function stem(term: string): string {
	let w = term.toLowerCase();
	if (w.length <= 3 || /\d/.test(w)) return w;
	// Adverbs meet their adjective (`horizontally` → `horizontal`); short ones (`only`, `weekly`) stay.
	if (w.endsWith('ly') && w.length >= 9) return w.slice(0, -2);
	for (const suffix of ['ings', 'ing', 'ions', 'ion', 'ies', 'ied', 'ed', 'es', 's']) {
		if (w.endsWith(suffix) && w.length - suffix.length >= 3 && !(suffix === 's' && /(ss|us|is)$/.test(w))) {
			w = w.slice(0, -suffix.length) + (suffix === 'ies' || suffix === 'ied' ? 'y' : '');
			break;
		}
	}
	return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

export function processTerm(term: string): string | null {
	const t = term.toLowerCase();
	return STOP_WORDS.has(t) ? null : stem(t);
}

// Words are letters and digits; `-`, `/`, `.`, `_` split them too, so `kube-system` finds `kube system`.
const tokenize = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Why a query is refused before searching, or undefined when it is within QUERY_LIMITS. */
export function queryProblem(query: string): string | undefined {
	if (query.trim() === '') return 'Unexpected empty `query`, expected a few words, e.g. "restore the database from WAL"';
	if (query.length > QUERY_LIMITS.chars) return `Unexpected \`query\` of ${query.length} characters, expected at most ${QUERY_LIMITS.chars}: ask in a few words, e.g. "rotate vault jwt keys"`;
	const terms = tokenize(query).length;
	if (terms > QUERY_LIMITS.terms) return `Unexpected \`query\` of ${terms} words, expected at most ${QUERY_LIMITS.terms}: keep the words that name the problem`;
	return undefined;
}

interface ChunkDoc {
	id: string;
	docId: string;
	title: string;
	headings: string;
	keywords: string;
	tags: string;
	description: string;
	text: string;
}

export function matchesFilters(doc: IndexedDoc, f: DocFilters): boolean {
	const fm = doc.frontmatter;
	return (
		(!f.type || fm.type === f.type) &&
		(!f.category || fm.category === f.category) &&
		(!f.kind || fm.kind === f.kind) &&
		(!f.status || fm.status === f.status) &&
		(!f.section || doc.section === f.section) &&
		(!f.tags || f.tags.every((t) => (fm.tags as string[]).includes(t)))
	);
}

export function createSearch(built: BuiltDocs) {
	const engine = new MiniSearch<ChunkDoc>({
		fields: ['title', 'headings', 'keywords', 'tags', 'description', 'text'],
		storeFields: ['docId'],
		tokenize,
		processTerm,
	});
	engine.addAll(
		built.chunks.map((c) => {
			const fm = built.docs.get(c.docId)!.frontmatter;
			return {
				id: c.id,
				docId: c.docId,
				title: fm.title,
				headings: c.headingPath.slice(1).join(' '),
				keywords: fm.search_keywords.join(' '),
				tags: fm.tags.join(' '),
				description: fm.description,
				text: c.text,
			};
		}),
	);

	/**
	 * Ranked sections, at most `perDoc` of each page (the best ones), so the next-best page is not pushed
	 * off by five sections of one. `total` counts what is left after that collapse; `collapsed` what it hid.
	 */
	function search(query: string, filters: DocFilters = {}, limit = 10, offset = 0, perDoc = DEFAULT_PER_DOC): { total: number; collapsed: number; hits: SearchHit[] } {
		const problem = queryProblem(query);
		if (problem) throw new RangeError(problem);
		const distinct = [...new Set(tokenize(query).map((t) => t.toLowerCase()))].join(' ');
		const expand = (term: string, i: number, min: number) => i < EXPANSION.maxExpandedTerms && term.length >= min && term.length <= EXPANSION.maxLength;
		const results = engine.search(distinct, {
			boost: FIELD_BOOSTS,
			prefix: (term, i) => expand(term, i, EXPANSION.prefixMin),
			fuzzy: (term, i) => (expand(term, i, EXPANSION.fuzzyMin) ? EXPANSION.fuzziness : false),
			maxFuzzy: EXPANSION.maxFuzzy,
			boostDocument: (_id, _term, stored) => {
				const fm = built.docs.get(stored!.docId as string)!.frontmatter;
				return (STATUS_WEIGHT[fm.status] ?? 1) * (KIND_WEIGHT[fm.kind] ?? 1);
			},
			filter: (r) => matchesFilters(built.docs.get(r.docId as string)!, filters),
		});
		// Ties (the same score as shown, to 3 decimals) fall back to the chunk id, so the order never
		// depends on insertion order or on float noise below what the client sees.
		const shown = (score: number) => Math.round(score * 1000) / 1000;
		results.sort((a, b) => shown(b.score) - shown(a.score) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		const perDocCount = new Map<string, number>();
		for (const r of results) perDocCount.set(r.docId as string, (perDocCount.get(r.docId as string) ?? 0) + 1);
		const seen = new Map<string, number>();
		const kept = results.filter((r) => {
			const n = (seen.get(r.docId as string) ?? 0) + 1;
			seen.set(r.docId as string, n);
			return n <= perDoc;
		});
		const page = kept.slice(offset, offset + Math.min(limit, MAX_SEARCH_LIMIT));
		return {
			total: kept.length,
			collapsed: results.length - kept.length,
			hits: page.map((r) => {
				const chunk = built.chunksById.get(r.id)!;
				const doc = built.docs.get(chunk.docId)!;
				return {
					chunkId: chunk.id,
					docId: doc.id,
					title: doc.frontmatter.title,
					url: chunk.url,
					mdUrl: doc.mdUrl,
					headingPath: chunk.headingPath,
					kind: doc.frontmatter.kind,
					status: doc.frontmatter.status,
					score: shown(r.score),
					snippet: snippet(chunk, r.terms),
					tokens: chunk.tokens,
					docSections: perDocCount.get(doc.id)!,
				};
			}),
		};
	}

	return { search };
}

/** Up to ~240 characters of the section around the first matched word. */
function snippet(chunk: DocsChunk, terms: string[]): string {
	const text = chunk.text.replace(/\s+/g, ' ').trim();
	const lower = text.toLowerCase();
	const at = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
	const start = Math.max(0, at - 80);
	const cut = text.slice(start, start + 240);
	return `${start > 0 ? '…' : ''}${cut}${start + 240 < text.length ? '…' : ''}`;
}
