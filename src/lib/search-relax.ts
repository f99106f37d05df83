/**
 * What the search does when a question's words are not all on the page that answers it. Pagefind
 * returns only pages that hold every word of the query, so one word the answering page does not use
 * ("give a new engineer a kubeconfig", where the page says "issuing a personal kubeconfig"; "x509:
 * certificate has expired or is not yet valid" against a page that quotes only the first half) left
 * the reader with a page that mentions all the words in passing, or with nothing.
 *
 * The rule, shared by the search dialog (src/lib/search-ui.ts) and the search evaluation
 * (scripts/search/eval.ts): the query is searched again without each of its words, then without each
 * two of them ({@link MOST_DROPPED}), and the query whose best page scores highest, each dropped word
 * costing a factor {@link MARGIN}, replaces it. Scores of queries that share words are comparable in Pagefind
 * (a sum over the words a page holds, plus its metadata bonus), so a page missing a word wins only
 * where it matches the others far better — by its title, headings or keywords — than the pages that
 * hold them all. A query that finds nothing goes on a word shorter until one finds something.
 * Every query is tried so, however many pages hold all its words: until the fourth round only a query
 * that fewer than five pages answered was, and a question's frame then decided whether its answer was
 * found ("what should I do when a node goes NotReady" found Stateful Pod on a Lost Node as
 * "node NotReady" only because "should" left too few pages; five weak pages holding "node goes
 * notready" all passed as a screenful). MARGIN alone keeps a query whose words co-occur on its answer.
 * A query the best page quotes word for word is left as it is (`quoted`, search-results.ts `sectionEvidence`): a pasted
 * error the page quotes ("Error acquiring the state lock") is answered there, however well a page
 * holding three of its words in its keywords scores without the fourth.
 *
 * A word written as an identifier (with a digit, `_`, `.`, `:` or `-`: `url-lost`, `cl_waiting`,
 * `HikariPool-1`) is copied from a terminal, a log or the docs themselves: it is the rarest and surest
 * word of the query, and is kept while the query still finds something. Without it "url-lost renamed
 * page" became "renamed", whose best page renames Terraform resources.
 *
 * Written here, not taken from a library: it is a policy over Pagefind's own scores, and Pagefind
 * has no OR query or "minimum should match" option to delegate it to.
 */
import { QUOTE_WORDS } from './search-results.ts';

/** Pagefind's result list for a query, best first: the scores, and the pages' ids where known. */
export type ScoreSearch = (query: string) => Promise<Array<{ score: number; id?: string }>>;

/**
 * How much better the best page without a word must score than the best page with all of them, for
 * each word dropped. A page that holds all but one word and merely ties ("pgbouncer pool exhausted": 34.3 against 34.2;
 * "mermaid diagram": 9.8 against 9.0) is no reason to overrule the page that holds them all; where a
 * word really was the wrong one, the page that answers scored 1.5 to 4.4 times higher (held-out 2).
 * 1.2 (the first value) let "restart statefulset safely" drop statefulset for a page that says
 * "restart" and "safe" about disk clean-ups (9.6 against 7.8): 1.4 keeps it, and moves no query of the
 * evaluation or held-out sets the other way.
 */
export const MARGIN = 1.4;

/**
 * Past this many queries of one length, a query that finds nothing is left as it is. 128 reaches three
 * dropped words of a nine-word paste (84 queries): `dial tcp: lookup pgbouncer on 10.43.0.10:53: no such
 * host` needs three (dial, lookup, the address), and at 64 it found nothing once a new page made
 * "dial" a site word the rewriter keeps. Only a query that nothing answers goes that far.
 */
const MOST_TRIED = 128;

/**
 * Words dropped at most from a query that finds something. A second drop reaches a page that lacks two
 * of a long question's words (a "let … into" the page does not say), where no single drop pays.
 */
export const MOST_DROPPED = 2;

/**
 * Whether a shorter query's best page is the full query's own (sixth round): a shorter query replaces
 * the longer only if its best page is another one. Relaxing is for reaching the page that lacks a word; when the page
 * that holds every word also wins without one, dropping the word changes nothing at the top but throws
 * away the reader's most telling word for every page below it. A shorter query always scores its pages
 * higher (its fields cover more of it, Pagefind's `coverage²`), so "tail logs of a pod in loki" became
 * "logs pod loki" on the strength of the same first page (15.4 / 1.4 against 9.4), and the pages that
 * say `logcli query --tail` fell from second to fourth; "grafana dashboards defined" lost "defined" and
 * with it Scrape Targets and Dashboards, the page whose provisioning section says where they are
 * defined. Measured on all seven sets: those two up, none down.
 */
export const sameBestPage = (full: Array<{ id?: string }>, shorter: Array<{ id?: string }>): boolean => shorter[0]?.id !== undefined && shorter[0].id === full[0]?.id;

/** Whether the best page for the query quotes it word for word. */
export type QuotedSearch = (query: string) => Promise<boolean>;

/** A word copied rather than typed: never dropped while the query finds something (see above). */
export const isIdentifier = (word: string) => /[\d_.:-]/.test(word);

/**
 * A pasted message that no page quotes whole, but one quotes but for one word: the words of that
 * query, the best-scoring such one if several. A message pasted from a terminal holds values the page
 * writes as placeholders or not at all (`no matches for kind "ServiceMonitor" in version
 * "monitoring.coreos.com/v1"`: the runbook quotes `no matches for kind "ServiceMonitor"`, and only a
 * manifest page holds `v1` beside the rest), so every page holding all its words may be the wrong
 * one; the page that quotes the message is where it is answered, whatever a page scores holding its
 * words apart. Only for queries longer than a quote ({@link QUOTE_WORDS}), so that one dropped word
 * still leaves a quote to find; an identifier may be the word dropped, since the quote is surer.
 */
async function quotedWithoutOne(words: string[], search: ScoreSearch, quoted: QuotedSearch): Promise<string[] | null> {
	if (words.length <= QUOTE_WORDS) return null;
	let best: { words: string[]; score: number } | null = null;
	for (let i = 0; i < words.length; i++) {
		const ws = words.filter((_, j) => j !== i);
		const r = await search(ws.join(' '));
		if (r.length > 0 && (!best || r[0]!.score > best.score) && (await quoted(ws.join(' ')))) best = { words: ws, score: r[0]!.score };
	}
	return best?.words ?? null;
}

/**
 * A paste that no page holds even {@link MOST_DROPPED} words short, and too long to try more drops
 * ({@link MOST_TRIED}): a scheduler event, a cert-manager or CoreDNS line, with the reader's own
 * addresses, ports, counts and names in it (held-out 8: four such pastes found nothing at all). Each
 * word is searched alone, and the page holding the most of the message counts each word as 1 / the
 * number of pages that hold it, so a word few pages say (`preemption`, `victims`) outweighs many
 * that every page says (`found`, `pod`); the query becomes the words that page holds, in order, and
 * so finds it. Null when no page holds any word. Ties go to the page searched first, so the same
 * query always gives the same answer.
 */
async function wordsOfBestHolder(words: string[], search: ScoreSearch): Promise<string[] | null> {
	const holders = new Map<string, Set<string>>();
	for (const word of new Set(words)) {
		const ids = (await search(word)).flatMap((r) => (r.id === undefined ? [] : [r.id]));
		if (ids.length > 0) holders.set(word, new Set(ids));
	}
	const weight = new Map<string, number>();
	for (const ids of holders.values()) for (const id of ids) weight.set(id, (weight.get(id) ?? 0) + 1 / ids.size);
	let best: string | undefined;
	for (const [id, w] of weight) if (best === undefined || w > weight.get(best)!) best = id;
	return best === undefined ? null : words.filter((w) => holders.get(w)?.has(best));
}

export async function relaxQuery(query: string, search: ScoreSearch, quoted: QuotedSearch = async () => false): Promise<string> {
	const words = query.split(' ').filter(Boolean);
	const found = await search(words.join(' '));
	if (found.length > 0 && (await quoted(query))) return query;
	const quotedShorter = await quotedWithoutOne(words, search, quoted);
	if (quotedShorter) return quotedShorter.join(' ');
	let best = { words, score: found.length > 0 ? found[0]!.score : 0 };
	let round = new Map([[query, words]]);
	for (let drops = 1; drops < words.length; drops++) {
		const next = new Map<string, string[]>();
		for (const ws of round.values()) for (let i = 0; i < ws.length; i++) if (!(best.score > 0 && isIdentifier(ws[i]!))) next.set(ws.filter((_, j) => j !== i).join(' '), ws.filter((_, j) => j !== i));
		if (next.size > MOST_TRIED) break;
		for (const [key, ws] of next) {
			const r = await search(key);
			// Each word dropped costs MARGIN: the shorter query must do that much better to replace the longer.
			// Winning with the same best page is no reason to drop a word (sameBestPage).
			const score = r.length > 0 && !sameBestPage(found, r) ? r[0]!.score / MARGIN ** drops : 0;
			if (score > best.score) best = { words: ws, score };
		}
		if (best.score > 0 && drops >= MOST_DROPPED) break;
		round = next;
	}
	if (best.score === 0) return ((await wordsOfBestHolder(words, search)) ?? words).join(' ');
	return best.words.join(' ');
}
