/**
 * What the search does when a question's words are not all on the page that answers it. Pagefind
 * returns only pages that hold every word of the query, so one word the answering page does not use
 * ("give a new engineer a kubeconfig", where the page says "issuing a personal kubeconfig"; "x509:
 * certificate has expired or is not yet valid" against a page that quotes only the first half) left
 * the reader with a page that mentions all the words in passing, or with nothing.
 *
 * The rule, shared by the search dialog (src/lib/search-ui.ts) and the search evaluation
 * (scripts/search/eval.ts): when fewer pages than a screenful ({@link ENOUGH}) hold every word, the
 * query is searched again without each of its words in turn, and the query whose best page scores
 * highest replaces it if that page scores {@link MARGIN} times better than the best page holding
 * every word; then the same again from the shorter query while it still finds too little. Scores of
 * queries that share words are comparable in Pagefind (a sum over the words a page holds, plus its
 * metadata bonus), so a page missing a word wins only where it matches the others far better — by
 * its title, headings or keywords — than the pages that hold them all. A query that finds nothing
 * goes on a word shorter until one finds something. A query that finds a screenful is left as it
 * is: its words do co-occur, and the ranking tuned for it stands.
 *
 * Written here, not taken from a library: it is a policy over Pagefind's own scores, and Pagefind
 * has no OR query or "minimum should match" option to delegate it to.
 */

/** Pagefind's result list for a query, best first: only the scores are needed. */
export type ScoreSearch = (query: string) => Promise<Array<{ score: number }>>;

/** A screenful of results: the evaluation reads five, the dialog shows five before "Load more". */
export const ENOUGH = 5;

/**
 * How much better the best page without a word must score than the best page with all of them, at
 * each word dropped. A page that holds all but one word and merely ties ("pgbouncer pool exhausted": 34.3 against 34.2;
 * "mermaid diagram": 9.8 against 9.0) is no reason to overrule the page that holds them all; where a
 * word really was the wrong one, the page that answers scored 1.5 to 4.4 times higher (held-out 2).
 */
export const MARGIN = 1.2;

/** Past this many queries of one length, a query that finds nothing is left as it is. */
const MOST_TRIED = 64;

export async function relaxQuery(query: string, search: ScoreSearch, enough = ENOUGH): Promise<string> {
	let words = query.split(' ').filter(Boolean);
	let found = await search(words.join(' '));
	// The queries one word shorter are made from each query of `round`: the current query, or, while
	// nothing is found, every query of the last round.
	let round = [words];
	while (found.length < enough && round[0]!.length > 1) {
		const next = new Map<string, string[]>();
		for (const ws of round) for (let i = 0; i < ws.length; i++) next.set(ws.filter((_, j) => j !== i).join(' '), ws.filter((_, j) => j !== i));
		if (next.size > MOST_TRIED) break;
		let best: { words: string[]; found: Array<{ score: number }> } | null = null;
		for (const [key, ws] of next) {
			const r = await search(key);
			if (r.length > 0 && (!best || r[0]!.score > best.found[0]!.score)) best = { words: ws, found: r };
		}
		if (best && (found.length === 0 || best.found[0]!.score > found[0]!.score * MARGIN)) ({ words, found } = best);
		else if (best || found.length > 0) break;
		round = found.length > 0 ? [words] : [...next.values()];
	}
	return words.join(' ');
}
