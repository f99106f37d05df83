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
 *  - `symptoms`: what its Symptom tables and paragraphs state (search-symptoms.ts).
 *  - `description`: its frontmatter description, the sentence that sums it up (weight 1: it is also
 *    body text at weight 5; as a field it tells a page that says the question in its summary).
 *  - `headings-N`, `keywords-N`, `symptoms-N`: each phrase of those three on its own (PHRASED below).
 * They are search signals, not card content: the dialog removes them before a result is shown
 * (SEARCH_ONLY_META).
 */
/**
 * The fields whose every phrase is also a field of its own (`headings-1` … `headings-N`, search-signals.ts
 * `searchMeta`), beside the whole field. Pagefind matches a field as a whole, so the whole field lets
 * a page "say" a question no one phrase of it says: Secrets Rotation's headings *Secrets-at-rest
 * encryption key* and *SOPS age key* together held *encrypt a secret with sops*, and Vault Bootstrap's
 * *3. Unseal* and *5. Put the R2 credentials into Vault* held *unseal vault*. A phrase that says the
 * whole question now adds to the page that has it, so the page whose one heading or keyword says it
 * (SOPS Bootstrap Secrets' `sops encrypt`, Vault Operations' *Unsealing* with `vault unseal`) comes
 * first. Splitting alone (no whole field) lost more than it won: the whole field carries real
 * evidence, as *restore postgres from backup* across a runbook's headings.
 * Measured together with `description` 1 and `symptoms` 2 → 1.5 (README, docs/search.md): six
 * questions up over four sets, one down.
 */
const PHRASED = ['headings', 'keywords', 'symptoms'] as const;

/** Phrases past this many share no field of their own (the longest list on the site has 25). */
export const MAX_PHRASES = 32;

function phraseFields(field: string): string[] {
	return Array.from({ length: MAX_PHRASES }, (_, i) => `${field}-${i + 1}`);
}

function phraseWeights(weight: number): Record<string, number> {
	return Object.fromEntries(PHRASED.flatMap((f) => phraseFields(f).map((k) => [k, weight])));
}

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
	metaWeights: { title: 5, headings: 3, keywords: 3, alerts: 5, symptoms: 1.5, description: 1, ...phraseWeights(1) },
};

/** The meta fields that only rank (see above): never shown on a result card. */
export const SEARCH_ONLY_META = ['headings', 'keywords', 'alerts', 'symptoms', 'description', ...PHRASED.flatMap((f) => phraseFields(f))] as const;
