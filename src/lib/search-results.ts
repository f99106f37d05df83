/**
 * How a search result's sections are grouped under its page, shared by the search dialog
 * (src/components/Search.astro, Pagefind UI's `processResult`) and the search evaluation.
 *
 * - Starlight's page title is `<h1 id="_top">`, so Pagefind makes the title a sub-result of its own:
 *   the card showed the page once as itself and again as "its" first section. That sub-result now
 *   points at the page URL, which Pagefind's UI treats as the page's root and leaves out.
 * - Of more sections than the card shows, Pagefind's UI keeps those with the most matching words,
 *   so a long "Prerequisites" outranked the section whose heading is the question. Sections are
 *   ranked by their weighted matches instead — a word in a heading counts as Pagefind weighs
 *   headings — and the best `limit` are kept, in page order.
 */
export interface SearchSubResult {
	url: string;
	locations?: number[];
	weighted_locations?: Array<{ weight: number }>;
}

export const SECTIONS_SHOWN = 3;

const score = (s: SearchSubResult) => s.weighted_locations?.reduce((n, l) => n + l.weight, 0) ?? s.locations?.length ?? 0;

export function groupSubResults<T extends SearchSubResult>(pageUrl: string, subResults: T[], limit = SECTIONS_SHOWN): T[] {
	const subs = subResults.map((s) => (s.url === `${pageUrl}#_top` ? { ...s, url: pageUrl } : s));
	const root = subs[0]?.url === pageUrl ? subs.slice(0, 1) : [];
	const sections = subs.slice(root.length);
	if (sections.length <= limit) return subs;
	const best = new Set([...sections].sort((a, b) => score(b) - score(a)).slice(0, limit));
	return [...root, ...sections.filter((s) => best.has(s))];
}
