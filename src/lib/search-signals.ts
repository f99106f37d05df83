/**
 * Puts each alert name that links to a section of this page (src/lib/alert-runbooks.ts) right after
 * that section's heading, hidden and weighted, so Pagefind counts it for the section: the search
 * result for the alert then shows the section the alert's own runbook link opens. Runs on the
 * sanitised content HTML, like the diagrams (src/lib/mermaid-svg.ts).
 */
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import type { AlertLink } from './alert-runbooks.ts';
import { RUNBOOK_SECTIONS } from '../../schemas/kind.ts';
import { MAX_PHRASES } from './search-ranking.ts';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/** A deprecated or archived page: a pointer to its replacement, never a search answer (issue 19). */
export const isRetired = (status: string | undefined): boolean => status === 'deprecated' || status === 'archived';

/**
 * The page's ranking-only metadata fields (src/lib/search-ranking.ts explains how Pagefind weighs
 * them), as `data-pagefind-meta` values. Empty fields are left out.
 *  - Section headings are the `##` and `###` ones (deeper ones are steps within a section), less the
 *    five every runbook must have: "Rollback", on every runbook, says nothing about any of them, and in
 *    one field with "Flux deploy key" it made Secrets Rotation "cover" *rollback deployment*.
 *  - Symptoms are what its Symptom tables and paragraphs state (search-symptoms.ts `weighSymptoms`).
 *  - Headings, keywords and symptoms are also given phrase by phrase (`headings-1` …), and the
 *    description as a field (search-ranking.ts says why).
 *  - A retired page gets none: src/route-data.ts leaves it out of the index (isRetired), and should a
 *    route ever index it, it must not compete with its replacement for the words its author chose.
 */
export function searchMeta(page: { headings: Array<{ depth: number; text: string }>; keywords: string[]; alerts: string[]; status: string; symptoms?: string[]; description?: string }): string[] {
	if (isRetired(page.status)) return [];
	const structural = new Set<string>(RUNBOOK_SECTIONS);
	const fields: Array<[string, string[]]> = [
		['headings', page.headings.filter((h) => (h.depth === 2 || h.depth === 3) && !structural.has(h.text)).map((h) => h.text)],
		['keywords', page.keywords],
		['alerts', page.alerts],
		['symptoms', page.symptoms ?? []],
	];
	const whole = fields.filter(([, values]) => values.length > 0).map(([key, values]) => `${key}:${values.join(' · ')}`);
	// Each phrase on its own as well (search-ranking.ts PHRASED says why); past MAX_PHRASES only in the whole field.
	const phrased = fields.filter(([key]) => key !== 'alerts').flatMap(([key, values]) => values.slice(0, MAX_PHRASES).map((v, i) => `${key}-${i + 1}:${v}`));
	return [...whole, ...phrased, ...(page.description ? [`description:${page.description}`] : [])];
}

/**
 * The page's `search_keywords` that search weighs for it: those that are not the title of a page it
 * lists as related. A keyword that names another page is that page's: the Maintenance Guide keeps
 * `k3s upgrade` and `postgresql minor upgrade` as keywords, the titles of the runbooks it sends the
 * reader to, and with them it outranked K3s Upgrade for *upgrade k3s minor version*; the title already
 * ranks the page it names. Compared as words (case and punctuation aside).
 */
export function ownKeywords(keywords: string[], relatedTitles: string[]): string[] {
	const words = (t: string) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
	const named = new Set(relatedTitles.map(words));
	return keywords.filter((k) => !named.has(words(k)));
}

/** A hidden paragraph of text for search alone, weighted if `weight` is given. */
function hiddenText(text: string, weight: number | undefined, parent: Element): Element {
	const p = parseFragment(weight === undefined ? '<p hidden></p>' : `<p hidden data-pagefind-weight="${weight}"></p>`).childNodes[0] as Element;
	p.childNodes = [{ nodeName: '#text', value: text, parentNode: p } as DefaultTreeAdapterMap['textNode']];
	p.parentNode = parent;
	return p;
}

/**
 * What search is given for a group of alerts (those of a section, or those of the whole page): their
 * names, hidden and weighted, and their rules' summaries, hidden at body weight (withAlertSections says
 * why). Empty strings where there are none.
 */
export const alertTexts = (alerts: AlertLink[]) => ({
	names: alerts.map((a) => a.alert).join(' · '),
	summaries: alerts.flatMap((a) => (a.summary ? [a.summary] : [])).join(' · '),
});

/** Pagefind's largest weight: the alert name is exactly what the reader typed. */
export const ALERT_WEIGHT = 10;

/**
 * After each section heading a rule links to: the alert names, hidden and weighted, and the rules'
 * summaries, hidden at body weight. Slack shows `[P2] BackupStale` and the summary under it, and a
 * reader pastes both; with only the name here, the rule list (the one page holding name and summary)
 * was the only page that held the paste (held-out 8). The summary's words are the rule's, so they
 * count as what the page says, not above it.
 */
export function withAlertSections(html: string, links: AlertLink[]): string {
	const byAnchor = new Map<string, AlertLink[]>();
	for (const l of links) if (l.anchor) byAnchor.set(l.anchor, [...(byAnchor.get(l.anchor) ?? []), l]);
	if (byAnchor.size === 0) return html;
	const fragment = parseFragment(html);
	const walk = (parent: Element | DefaultTreeAdapterMap['documentFragment']) => {
		for (let i = 0; i < parent.childNodes.length; i++) {
			const node = parent.childNodes[i] as Node;
			if (!('tagName' in node)) continue;
			const id = /^h[1-6]$/.test(node.tagName) ? node.attrs.find((a) => a.name === 'id')?.value : undefined;
			const alerts = id ? byAnchor.get(id) : undefined;
			if (alerts) {
				const { names, summaries } = alertTexts(alerts);
				const added = [hiddenText(names, ALERT_WEIGHT, parent as Element), ...(summaries ? [hiddenText(summaries, undefined, parent as Element)] : [])];
				parent.childNodes.splice(i + 1, 0, ...added);
				i += added.length;
			} else walk(node);
		}
	};
	walk(fragment);
	return serialize(fragment);
}
