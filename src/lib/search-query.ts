/**
 * What the search dialog does to a query before Pagefind sees it (Pagefind UI's `processTerm`), and
 * the search evaluation does the same. Pagefind returns only pages that contain every word of the
 * query, with no tolerance for typing slips, so:
 *  - words that carry no meaning in a question ("how do I", "does", "the") are dropped, as long as
 *    something is left: "service name does not resolve" must not miss the page that says "do not";
 *  - a word the site never uses, and that is not the start of one (the reader may still be typing),
 *    is replaced by the site's most frequent word one edit away (two, for words of 8 letters or
 *    more): "kafak" → "kafka", "unseel" → "unseal". The vocabulary is the site's own words
 *    (src/integrations/search-vocabulary.ts), so nothing is corrected towards a word no page has;
 *  - a plain word that no page has and that nothing corrects is dropped, as long as something is
 *    left: with it, every page misses ("pod pending unbound pvc" found nothing while no page said
 *    "unbound"); without it, the other words still find the pages about them. Words with digits,
 *    `_`, `.` or `-` are kept: the vocabulary splits them, so "not in it" says nothing about them;
 *  - a pasted JVM class name loses its package (`java.net.UnknownHostException` → the class);
 *  - a pasted line loses its leading bracketed tags: Alertmanager's `[FIRING:2]` / `[RESOLVED]`, the
 *    severity this site's Slack title starts with (`[P2] BackupStale`: the `sre-chat` receiver's
 *    `title` on the Alert Routing Runbook), a log level (`[ERROR] plugin/errors: …`, CoreDNS). The
 *    runbook the alert links to need not say "firing" or "P2": with the tag kept, "[FIRING:2]
 *    BackupStale" found the rule list, not the runbook, and so did "[P2] BackupStale …" (held-out 8).
 * A word the answering page does not use, but other pages do, is search-relax.ts's part.
 */

const STOP_WORDS = new Set([
	'a', 'an', 'the', 'is', 'are', 'was', 'be', 'do', 'does', 'did', 'to', 'of', 'for', 'on', 'in', 'at', 'my', 'our', 'i', 'we', 'how', 'what', 'why', 'when', 'where', 'can', 'it', 'its', 'this', 'that', 'with', 'from', 'up', 'and', 'or',
	// The rest of a question's frame: modal verbs, the other wh-words and the pronouns a reader asks
	// with. A page answers "when should I write an ADR" under *When to write an ADR*; "should" is
	// on pages that say what one should do, and kept the home page first.
	'should', 'must', 'would', 'could', 'will', 'shall', 'might', 'which', 'who', 'whom', 'whose', 'me', 'you', 'your', 'us', 'there', 'if',
]);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), with an early exit
 * above `max`. Written here because the Levenshtein library the project has (fastest-levenshtein)
 * counts a transposition — the commonest slip, "kafak" — as two edits.
 */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev2: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
			row.push(d);
			best = Math.min(best, d);
		}
		if (best > max) return max + 1;
		prev2 = prev;
		prev = row;
	}
	return prev[b.length]!;
}

export interface Vocabulary {
	/** The site's words, most frequent first. */
	words: string[];
}

/**
 * A JVM class named with its package, as a pasted stack trace has it (`java.net.UnknownHostException`,
 * `org.postgresql.util.PSQLException`): lower-case package segments, then the class. Pages name the
 * class; the package is the runtime's, and as one token with it the class matched no page.
 */
const QUALIFIED_CLASS = /^(?:[a-z][a-z0-9]*\.)+([A-Z][\p{L}\p{N}]*)$/u;

/** Leading tags of a pasted line, as Slack and logs show them: `[FIRING:2]`, `[P2]`, `[ERROR]`, one or more. */
const LEADING_TAGS = /^\s*(?:\[[\p{L}\p{N}]+(?::\d+)?\]\s*)+/iu;

/** Splits as Pagefind does for English: letters and digits; `pg_wal`, `cert-manager` stay one token here. */
const tokens = (query: string) =>
	query
		.replace(LEADING_TAGS, '')
		.split(/[^\p{L}\p{N}_.-]+/u)
		.filter(Boolean)
		.map((t) => (t.match(QUALIFIED_CLASS)?.[1] ?? t).toLowerCase());

export function makeQueryRewriter(vocabulary: Vocabulary | null) {
	const known = new Set(vocabulary?.words ?? []);
	const correct = (word: string): string => {
		if (!vocabulary || word.length < 4 || known.has(word) || /\d/.test(word)) return word;
		if (vocabulary.words.some((w) => w.startsWith(word))) return word;
		const max = word.length >= 8 ? 2 : 1;
		// Most frequent first, so the first word within the distance is the likeliest one.
		for (const w of vocabulary.words) if (editDistance(word, w, max) <= max) return w;
		return word;
	};
	/**
	 * A word no page has in any form, and that was not corrected: Pagefind would find nothing with it.
	 * "In any form" without a stemmer: no site word starts with the word less a suffix of up to four
	 * letters, so "restarting" is kept on a site that only says "restarted" (Pagefind stems both).
	 */
	const unknown = (word: string) => {
		if (vocabulary === null || word.length < 4 || !/^\p{L}+$/u.test(word) || known.has(word)) return false;
		const stem = word.slice(0, Math.max(4, word.length - 4));
		return !vocabulary.words.some((w) => w.startsWith(stem));
	};
	const keepSome = (words: string[], drop: (w: string) => boolean) => {
		const kept = words.filter((w) => !drop(w));
		return kept.length > 0 ? kept : words;
	};
	return (query: string): string => keepSome(keepSome(tokens(query), (w) => STOP_WORDS.has(w)).map(correct), unknown).join(' ');
}
