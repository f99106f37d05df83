/**
 * How a search result's sections are grouped under its page, shared by the search dialog
 * (src/components/Search.astro, Pagefind UI's `processResult`) and the search evaluation.
 *
 * - Starlight's page title is `<h1 id="_top">`, so Pagefind makes the title a sub-result of its own:
 *   the card showed the page once as itself and again as "its" first section. That sub-result now
 *   points at the page URL, which Pagefind's UI treats as the page's root and leaves out.
 * - Of more sections than the card shows, Pagefind's UI keeps those with the most matching words,
 *   so a long "Prerequisites" outranked the section whose heading is the question. Sections are
 *   ranked ({@link SectionEvidence}) by how much of the query they quote word for word (a pasted error
 *   shows the section quoting it), then by how many of the query's words their heading holds when it
 *   holds two or more, then by how many they hold at all, then by the weight of their matches in the
 *   heading, then by all their weighted matches; the best `limit` are kept, in page order. "rotate jwt
 *   signing key" shows *Key rotation*, whose heading holds two of the words, rather than *Scheduled
 *   rotation*, a longer section; "url-lost renamed page" shows *redirect_from*, which holds all three,
 *   rather than the standards page's sections whose headings say "page".
 */
import { SEARCH_ONLY_META } from './search-ranking.ts';

export interface SearchSubResult {
	url: string;
	/** The section's heading, as Pagefind gives it. */
	title?: string;
	locations?: number[];
	/** `location`: the word's position in the page's text, as in `locations`. */
	weighted_locations?: Array<{ weight: number; location?: number }>;
}

export const SECTIONS_SHOWN = 3;

const total = (s: SearchSubResult) => s.weighted_locations?.reduce((n, l) => n + l.weight, 0) ?? s.locations?.length ?? 0;
/** Body text weighs 1 (less in code); Pagefind weighs headings 2 (h6) to 7 (h1). */
const inHeading = (s: SearchSubResult) => s.weighted_locations?.reduce((n, l) => n + (l.weight > 1 ? l.weight : 0), 0) ?? 0;

/** Fewest query words, next to each other, that make a quote rather than words in passing. */
export const QUOTE_WORDS = 4;

/** What a section holds of a query, read from the page's text at the section's match locations. */
export interface SectionEvidence {
	/**
	 * The query's words (their indices) the section holds. A word counts as held when a matched word
	 * starts with its stem (the word less up to three letters: Pagefind stems "backups" and "backup"
	 * alike).
	 */
	held(s: SearchSubResult): Set<number>;
	/** The query's words its heading holds: matches weighted above body text (the heading, or an alert name indexed under it). */
	inHeading(s: SearchSubResult): Set<number>;
	/**
	 * How many of the query's words the section holds next to each other, as a quote of what was
	 * pasted (0 under {@link QUOTE_WORDS}): matches at most two words apart (a dropped stop word, a lone
	 * `-`) chain, and the longest chain's distinct query words count. A pasted error
	 * (`HikariPool-1 - Connection is not available, request timed out`) must show the section that
	 * quotes it, not the sections whose headings say "connection" once.
	 */
	quoted(s: SearchSubResult): number;
	/** Whether every word of the section's heading is a word of the query ("### related" for "related field in frontmatter"). */
	headingIsQuery(s: SearchSubResult): boolean;
	/** How many words the query has. */
	words: number;
}

export function sectionEvidence(content: string, query: string): SectionEvidence {
	// Pagefind's locations index the content split at white space.
	const words = content.split(/[^\S\uFEFF]+/);
	const stems = query.toLowerCase().split(' ').filter(Boolean).map((q) => q.slice(0, Math.max(3, q.length - 3)));
	const wordAt = (at: number) => (words[at] ?? '').toLowerCase().replace(/[^\p{L}\p{N}_.-]/gu, '');
	const wordsAt = (locations: number[]) => {
		const held = new Set<number>();
		for (const at of locations) stems.forEach((stem, i) => wordAt(at).startsWith(stem) && held.add(i));
		return held;
	};
	const inQuery = (word: string) => stems.some((stem) => word.startsWith(stem));
	return {
		words: stems.length,
		headingIsQuery: (s) => {
			// Numbers ("3. Unseal") and short words ("a", "of") are not what a heading says.
			const said = (s.title ?? '').toLowerCase().split(/[^\p{L}\p{N}_-]+/u).filter((w) => w.length > 2 && !/^\d+$/.test(w));
			return said.length > 0 && said.every(inQuery);
		},
		held: (s) => wordsAt(s.locations ?? []),
		inHeading: (s) => wordsAt((s.weighted_locations ?? []).flatMap((l) => (l.weight > 1 && l.location !== undefined ? [l.location] : []))),
		quoted: (s) => {
			if (stems.length < QUOTE_WORDS) return 0;
			let best = 0;
			let chain = new Set<number>();
			let last = -Infinity;
			for (const at of [...(s.locations ?? [])].sort((x, y) => x - y)) {
				if (at - last > 2) chain = new Set();
				stems.forEach((stem, i) => wordAt(at).startsWith(stem) && chain.add(i));
				best = Math.max(best, chain.size);
				last = at;
			}
			return best >= QUOTE_WORDS ? best : 0;
		},
	};
}

/** Whether a page quotes the query word for word, read from its text at its match locations. */
export const pageQuotes = (content: string, locations: number[], query: string): boolean => sectionEvidence(content, query).quoted({ url: '', locations }) > 0;

/** Without the page's text: only Pagefind's weights rank the sections. */
const NO_EVIDENCE: SectionEvidence = { held: () => new Set(), inHeading: () => new Set(), quoted: () => 0, headingIsQuery: () => false, words: 0 };

/**
 * How much of the query a section says, weighing each word it holds by how few of the page's matching
 * sections hold it (an inverse document frequency within the page), once more when its heading holds
 * it. A word every section of the page says ("page" on the standards page, "runbook" on a runbook)
 * tells its sections apart no more than it told the page apart from others; the rare word does:
 * "add flowchart runbook" shows *Diagrams*, the one section that says flowchart, not *Fields*, which
 * says add and runbook. "rpo rto postgres" shows *Recovery objectives*, which holds all three, before
 * a long *Backup* section that says PostgreSQL twenty times.
 */
export function sectionScores(sections: SearchSubResult[], evidence: SectionEvidence): Map<SearchSubResult, number> {
	const held = new Map(sections.map((s) => [s, evidence.held(s)]));
	const holding = new Map<number, number>();
	for (const words of held.values()) for (const w of words) holding.set(w, (holding.get(w) ?? 0) + 1);
	// Zero for a word every section holds: it tells none of them apart.
	const idf = (w: number) => Math.log(sections.length / (holding.get(w) ?? 1));
	const scores = new Map<SearchSubResult, number>();
	for (const s of sections) {
		let score = 0;
		for (const w of held.get(s)!) score += idf(w);
		for (const w of evidence.inHeading(s)) score += idf(w);
		scores.set(s, score);
	}
	return scores;
}

export function groupSubResults<T extends SearchSubResult>(pageUrl: string, subResults: T[], limit = SECTIONS_SHOWN, evidence: SectionEvidence = NO_EVIDENCE): T[] {
	const subs = subResults.map((s) => (s.url === `${pageUrl}#_top` ? { ...s, url: pageUrl } : s));
	const root = subs[0]?.url === pageUrl ? subs.slice(0, 1) : [];
	const sections = subs.slice(root.length);
	if (sections.length <= limit) return subs;
	const { quoted } = evidence;
	const says = sectionScores(sections, evidence);
	const score = (s: SearchSubResult) => says.get(s) ?? 0;
	// A heading that says two of the query's words (one, for a query of one or two) names the section
	// asked for: "rotate jwt signing key" shows *Key rotation*, not its longer *Scheduled rotation*.
	// One word of a longer query in a heading does not: every heading of the standards page says "page".
	// So does a heading the query says all of: "### related", "### status", "3. Unseal".
	const named = (s: SearchSubResult) => {
		const n = evidence.inHeading(s).size;
		return n >= Math.min(2, evidence.words) || (n > 0 && evidence.headingIsQuery(s)) ? n : 0;
	};
	const byRelevance = (a: SearchSubResult, b: SearchSubResult) => quoted(b) - quoted(a) || named(b) - named(a) || score(b) - score(a) || inHeading(b) - inHeading(a) || total(b) - total(a);
	const best = new Set([...sections].sort(byRelevance).slice(0, limit));
	return [...root, ...sections.filter((s) => best.has(s))];
}

/** The result as the card shows it: ranking-only metadata (search-ranking.ts) is not a tag to show. */
export function withoutSearchOnlyMeta<T extends { meta?: Record<string, string> }>(result: T): T {
	if (result.meta) for (const key of SEARCH_ONLY_META) delete result.meta[key];
	return result;
}
