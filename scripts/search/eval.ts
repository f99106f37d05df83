/**
 * The search evaluation: every query of test/data/search-eval.yaml typed into the built site's own
 * Pagefind index, in Chromium, with the site's ranking (src/lib/search-ranking.ts). A result is what
 * the search dialog shows: a page and, under it, the sections (sub-results) Pagefind's UI picks.
 * Pure scoring here; the browser and the server are the caller's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { searchRanking } from '../../src/lib/search-ranking.ts';
import { groupSubResults, pageQuotes, sectionEvidence, type SectionEvidence } from '../../src/lib/search-results.ts';
import { makeQueryRewriter, type Vocabulary } from '../../src/lib/search-query.ts';
import { relaxQuery } from '../../src/lib/search-relax.ts';
import { VOCABULARY_PATH } from '../../src/integrations/search-vocabulary.ts';

export interface EvalQuery {
	q: string;
	/** Page URL path, optionally with `#section`. */
	expect: string;
	who: 'symptom' | 'alert' | 'task' | 'author' | 'typo';
	/** A miss measured and left as it is, and why: `#N …` (the test holds it to rank N or better) or `miss: …`. */
	known?: string;
}

export interface ShownResult {
	url: string;
	/** Anchored sub-result URLs shown under the page, in the order the UI shows them. */
	sections: string[];
}

export interface EvalOutcome extends EvalQuery {
	/** 1-based position of the expected target, or null when it is not in the first `depth` results. */
	rank: number | null;
	shown: ShownResult[];
}

export const EVAL_FILE = join(import.meta.dirname, '../../test/data/search-eval.yaml');

export function loadQueries(file = EVAL_FILE): EvalQuery[] {
	return (parse(readFileSync(file, 'utf8')) as { queries: EvalQuery[] }).queries;
}

/**
 * The sub-results the search dialog shows under a page: grouped as the dialog does
 * (src/lib/search-results.ts), then as Pagefind's default UI does (@pagefind/default-ui 1.x,
 * result.svelte `thin_sub_results`): the page's own root entry is dropped, and of more than three
 * sections the three with the most hits are kept, in page order.
 */
export function shownSections(pageUrl: string, raw: Array<{ url: string; title?: string; locations: number[]; weighted_locations: Array<{ weight: number; location: number }> }>, evidence?: SectionEvidence): string[] {
	const subs = groupSubResults(pageUrl, raw, undefined, evidence);
	const rest = subs[0]?.url === pageUrl ? subs.slice(1) : subs;
	if (rest.length <= 3) return rest.map((s) => s.url);
	const top = [...rest].sort((a, b) => b.locations.length - a.locations.length).slice(0, 3).map((s) => s.url);
	return rest.filter((s) => top.includes(s.url)).map((s) => s.url);
}

/** Where the expected target is among the results, 1-based; a section must be shown under its page. */
export function rankOf(expect: string, shown: ShownResult[]): number | null {
	const [page, anchor] = expect.split('#') as [string, string | undefined];
	const i = shown.findIndex((r) => r.url === page && (!anchor || r.sections.includes(`${page}#${anchor}`)));
	return i < 0 ? null : i + 1;
}

/**
 * In the page, as source text: a function handed to page.evaluate would be passed through the test
 * runner's transform first, which rewrites `import()` into a helper the page does not have.
 */
const SEARCH_IN_PAGE = `async ({ query, ranking, depth }) => {
	window.__pf ??= import('/pagefind/pagefind.js').then(async (pf) => (await pf.options({ ranking }), pf));
	const pf = await window.__pf;
	const found = await pf.search(query);
	return Promise.all(found.results.slice(0, depth).map(async (r) => {
		const d = await r.data();
		return { url: d.url, content: d.content, subs: d.sub_results.map((s) => ({ url: s.url, title: s.title, locations: s.locations, weighted_locations: s.weighted_locations.map((l) => ({ weight: l.weight, location: l.location })) })) };
	}));
}`;

/** Only the scores of every page Pagefind finds (no page data loaded), for search-relax.ts. */
const SCORES_IN_PAGE = `async ({ query, ranking }) => {
	window.__pf ??= import('/pagefind/pagefind.js').then(async (pf) => (await pf.options({ ranking }), pf));
	const pf = await window.__pf;
	return (await pf.search(query)).results.map((r) => ({ score: r.score, id: r.id }));
}`;

/** The best page's text and match locations, for search-relax.ts's quote check. */
const FIRST_IN_PAGE = `async ({ query, ranking }) => {
	window.__pf ??= import('/pagefind/pagefind.js').then(async (pf) => (await pf.options({ ranking }), pf));
	const pf = await window.__pf;
	const first = (await pf.search(query)).results[0];
	if (!first) return null;
	const d = await first.data();
	return { content: d.content, locations: d.locations };
}`;

/** The query the dialog searches for what was typed: rewritten (search-query.ts), then relaxed (search-relax.ts). */
export async function queryFor(page: Page, rewritten: string, ranking: object = searchRanking): Promise<string> {
	const quoted = async (query: string) => {
		const first = await page.evaluate<{ content: string; locations: number[] } | null>(`(${FIRST_IN_PAGE})(${JSON.stringify({ query, ranking })})`);
		return !!first && pageQuotes(first.content, first.locations, query);
	};
	return relaxQuery(rewritten, (query) => page.evaluate<Array<{ score: number; id: string }>>(`(${SCORES_IN_PAGE})(${JSON.stringify({ query, ranking })})`), quoted);
}

type RawResult = { url: string; content: string; subs: Array<{ url: string; title?: string; locations: number[]; weighted_locations: Array<{ weight: number; location: number }> }> };

/** Runs one query in a page already on the site; returns the first `depth` results as shown. */
export async function search(page: Page, query: string, depth = 5, ranking: object = searchRanking): Promise<ShownResult[]> {
	const raw = await page.evaluate<RawResult[]>(`(${SEARCH_IN_PAGE})(${JSON.stringify({ query, ranking, depth })})`);
	return raw.map((r) => ({ url: r.url, sections: shownSections(r.url, r.subs, sectionEvidence(r.content, query)) }));
}

/** The dialog's query rewriting (src/lib/search-query.ts) with the built site's vocabulary. */
export function rewriterFor(dist: string) {
	const file = join(dist, VOCABULARY_PATH);
	return makeQueryRewriter(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Vocabulary) : null);
}

export async function evaluate(page: Page, queries: EvalQuery[], dist: string, ranking: object = searchRanking): Promise<EvalOutcome[]> {
	const out: EvalOutcome[] = [];
	const rewrite = rewriterFor(dist);
	for (const query of queries) {
		const shown = await search(page, await queryFor(page, rewrite(query.q), ranking), 5, ranking);
		out.push({ ...query, rank: rankOf(query.expect, shown), shown });
	}
	return out;
}

export function summary(outcomes: EvalOutcome[]) {
	const n = outcomes.length;
	const top = (k: number) => outcomes.filter((o) => o.rank !== null && o.rank <= k).length;
	return { n, top1: top(1), top3: top(3), pct: (x: number) => `${((100 * x) / n).toFixed(0)} %` };
}
