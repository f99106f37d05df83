/**
 * What a reader sees, weighted as what they search: the first column of a table whose first header
 * says it lists symptoms (a runbook's Troubleshooting table: `| Symptom | Cause | Fix |`) gets
 * Pagefind's weight {@link SYMPTOM_WEIGHT}, above body text. Those cells quote the errors and states
 * readers paste (`Error acquiring the state lock`, `Back-off restarting failed container`, `wg show`
 * with no handshake); as body text they lost to a page whose `search_keywords` or headings merely
 * share a word of the message. Every page with such a table gets this, as written, with no keywords
 * to add. Runs on the sanitised content HTML, like the alert sections (search-signals.ts).
 */
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';

type Element = DefaultTreeAdapterMap['element'];
type Parent = Element | DefaultTreeAdapterMap['documentFragment'];

/**
 * Above body text (1), below the page's keywords (6) and an h2 heading (6). At 3 the cells of a
 * deploy runbook's table outranked the Flux page whose heading answers "flux not picking up new
 * commit"; at 2 nothing in the evaluation or held-out sets moves, and 3 more of 111 symptoms copied
 * from the Troubleshooting tables find their page first.
 */
export const SYMPTOM_WEIGHT = 2;

/** First header cells that say the column is what the reader sees. */
const SYMPTOM_HEADER = /^(symptoms?|errors?|messages?|message contains|service log says|what you see)$/i;

const children = (node: Parent): Element[] => node.childNodes.filter((n): n is Element => 'tagName' in n);
const textOf = (node: DefaultTreeAdapterMap['childNode']): string => ('value' in node && node.nodeName === '#text' ? node.value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '');

function weighTable(table: Element): boolean {
	const sections = children(table);
	const headCell = sections.find((s) => s.tagName === 'thead')?.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'tr');
	const first = headCell && children(headCell).find((c) => c.tagName === 'th');
	if (!first || !SYMPTOM_HEADER.test(textOf(first).trim())) return false;
	for (const body of sections.filter((s) => s.tagName === 'tbody')) {
		for (const row of children(body).filter((r) => r.tagName === 'tr')) {
			const cell = children(row).find((c) => c.tagName === 'td');
			if (cell && !cell.attrs.some((a) => a.name === 'data-pagefind-weight')) cell.attrs.push({ name: 'data-pagefind-weight', value: String(SYMPTOM_WEIGHT) });
		}
	}
	return true;
}

export function withWeightedSymptoms(html: string): string {
	if (!html.includes('<table')) return html;
	const fragment = parseFragment(html);
	let changed = false;
	const walk = (parent: Parent) => {
		for (const node of children(parent)) {
			if (node.tagName === 'table') changed = weighTable(node) || changed;
			else walk(node);
		}
	};
	walk(fragment);
	return changed ? serialize(fragment) : html;
}
