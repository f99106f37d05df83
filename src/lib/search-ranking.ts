/**
 * How Pagefind ranks results on this site: read by astro.config.mjs (Starlight passes it to the search
 * UI) and by the search evaluation (scripts/search/eval.ts), so the evaluation measures exactly what a
 * reader gets. Pagefind's own knobs only; the figures they were tuned to are in the README.
 */
export const searchRanking = {
	termFrequency: 0.8,
	pageLength: 0.6,
};
