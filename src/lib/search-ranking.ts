/**
 * How Pagefind ranks results on this site: read by astro.config.mjs (Starlight passes it to the search
 * UI) and by the search evaluation (scripts/search/eval.ts), so the evaluation measures exactly what a
 * reader gets. Pagefind's own knobs only; the figures they were tuned to are in the README.
 *
 * `metaWeights` (Pagefind 1.5+): a query's words found in a page's metadata field add
 * `weight × IDF matched × coverage²` to the page's score, coverage being the share of the query's IDF
 * the field holds, so a field that says the whole question lifts a page far more than one that shares
 * a common word. Besides the title, each page carries three such fields, written by
 * src/components/MarkdownContent.astro (src/lib/search-signals.ts `searchMeta`):
 *  - `headings`: its section headings. "runbook review checklist" is a heading of the standards page,
 *    while Security Operations only mentions a checklist; body text alone ranked it second.
 *  - `keywords`: its `search_keywords`, the words the author expects on-call engineers to type.
 *  - `alerts`: the alerts whose rules name this page as their runbook (src/lib/alert-runbooks.ts), so
 *    the runbook outranks the reference page that lists the rule.
 * They are search signals, not card content: the dialog removes them before a result is shown
 * (SEARCH_ONLY_META).
 */
export const searchRanking = {
	termFrequency: 0.8,
	pageLength: 0.6,
	// Every knob is set, even where it keeps a default: Starlight fills the ones left out with its own
	// defaults (termSaturation 2, termSimilarity 9) and Pagefind's API with others (1.4, 1.0), so an
	// evaluation that passed only the two above measured a ranking no reader had (50/60 top-1 where
	// the site gave 53/60).
	termSaturation: 2,
	termSimilarity: 9,
	diacriticSimilarity: 0.8,
	metaWeights: { title: 5, headings: 3, keywords: 3, alerts: 5, symptoms: 2 },
};

/** The meta fields that only rank (see above): never shown on a result card. */
export const SEARCH_ONLY_META = ['headings', 'keywords', 'alerts', 'symptoms'] as const;
