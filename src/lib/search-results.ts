/**
 * How a search result's sections are grouped under its page, shared by the search dialog
 * (src/components/Search.astro, Pagefind UI's `processResult`) and the search evaluation.
 *
 * - Starlight's page title is `<h1 id="_top">`, so Pagefind makes the title a sub-result of its own:
 *   the card showed the page once as itself and again as "its" first section. That sub-result now
 *   points at the page URL, which Pagefind's UI treats as the page's root and leaves out.
 * - Of more sections than the card shows, Pagefind's UI keeps those with the most matching words,
 *   so a long "Prerequisites" outranked the section whose heading is the question. Sections are
 *   ranked first by the weight of their matches in the heading (any match weighted above body text:
 *   the heading, or an alert name indexed under it), then by how many of the query's words they hold
 *   ({@link queryWordsHeld}), then by all their weighted matches, and the
 *   best `limit` are kept, in page order. "rotate jwt signing key" shows *Key rotation*, whose
 *   heading holds two of the words, rather than *Scheduled rotation*, a longer section with one.
 */
import { SEARCH_ONLY_META } from './search-ranking.ts';

export interface SearchSubResult {
	url: string;
	locations?: number[];
	weighted_locations?: Array<{ weight: number }>;
}

export const SECTIONS_SHOWN = 3;

const total = (s: SearchSubResult) => s.weighted_locations?.reduce((n, l) => n + l.weight, 0) ?? s.locations?.length ?? 0;
/** Body text weighs 1 (less in code); Pagefind weighs headings 2 (h6) to 7 (h1). */
const inHeading = (s: SearchSubResult) => s.weighted_locations?.reduce((n, l) => n + (l.weight > 1 ? l.weight : 0), 0) ?? 0;

/**
 * How many of the query's words a section holds, read from the page's text at the section's match
 * locations (Pagefind's locations index the content split as Pagefind splits it). A word counts as
 * held when a matched word starts with its stem (the word less up to three letters: Pagefind stems
 * "backups" and "backup" alike). "rpo rto postgres" must show *Recovery objectives*, which holds all
 * three, before a long *Backup* section that says PostgreSQL twenty times.
 */
export function queryWordsHeld(content: string, query: string): (s: SearchSubResult) => number {
	const words = content.split(/[^\S\uFEFF]+/);
	const stems = query.toLowerCase().split(' ').filter(Boolean).map((q) => q.slice(0, Math.max(3, q.length - 3)));
	return (s) => {
		const held = new Set<number>();
		for (const at of s.locations ?? []) {
			const w = (words[at] ?? '').toLowerCase().replace(/[^\p{L}\p{N}_.-]/gu, '');
			stems.forEach((stem, i) => w.startsWith(stem) && held.add(i));
		}
		return held.size;
	};
}

export function groupSubResults<T extends SearchSubResult>(pageUrl: string, subResults: T[], limit = SECTIONS_SHOWN, held: (s: SearchSubResult) => number = () => 0): T[] {
	const subs = subResults.map((s) => (s.url === `${pageUrl}#_top` ? { ...s, url: pageUrl } : s));
	const root = subs[0]?.url === pageUrl ? subs.slice(0, 1) : [];
	const sections = subs.slice(root.length);
	if (sections.length <= limit) return subs;
	const byRelevance = (a: SearchSubResult, b: SearchSubResult) => inHeading(b) - inHeading(a) || held(b) - held(a) || total(b) - total(a);
	const best = new Set([...sections].sort(byRelevance).slice(0, limit));
	return [...root, ...sections.filter((s) => best.has(s))];
}

/** The result as the card shows it: ranking-only metadata (search-ranking.ts) is not a tag to show. */
export function withoutSearchOnlyMeta<T extends { meta?: Record<string, string> }>(result: T): T {
	if (result.meta) for (const key of SEARCH_ONLY_META) delete result.meta[key];
	return result;
}
