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

/**
 * The same, written as prose: a paragraph that opens with a bold "Symptom." (Troubleshooting Workloads'
 * and Troubleshooting Database's sections: `**Symptom.** … the pod's events say \`Back-off restarting
 * failed container\``). A layout is the author's choice; what the reader sees weighs the same in both.
 */
const SYMPTOM_LABEL = /^(symptoms?|what you see)[.:]?$/i;

/** The symptom cells of a table headed *Symptom*, or none. */
function symptomCells(table: Element): Element[] {
	const sections = children(table);
	const headCell = sections.find((s) => s.tagName === 'thead')?.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'tr');
	const first = headCell && children(headCell).find((c) => c.tagName === 'th');
	if (!first || !SYMPTOM_HEADER.test(textOf(first).trim())) return [];
	return sections.filter((s) => s.tagName === 'tbody').flatMap((body) => children(body).filter((r) => r.tagName === 'tr').flatMap((row) => children(row).find((c) => c.tagName === 'td') ?? []));
}

const isSymptomParagraph = (p: Element) => {
	const lead = children(p)[0];
	return p.childNodes[0] === lead && lead?.tagName === 'strong' && SYMPTOM_LABEL.test(textOf(lead).trim());
};

/** Every element of the fragment that states a symptom: the first cells of Symptom tables, and Symptom paragraphs. */
function symptomElements(fragment: Parent): Element[] {
	const found: Element[] = [];
	const walk = (parent: Parent) => {
		for (const node of children(parent)) {
			if (node.tagName === 'table') found.push(...symptomCells(node));
			else if (node.tagName === 'p' && isSymptomParagraph(node)) found.push(node);
			else walk(node);
		}
	};
	walk(fragment);
	return found;
}

const mayHoldSymptoms = (html: string) => html.includes('<table') || /<strong>\s*(symptom|what you see)/i.test(html);

/**
 * The page's symptom elements given the symptom weight, and what they state, from one parse: the
 * page component needs both (its body and its `symptoms` search field, search-signals.ts
 * `searchMeta`). A field is matched against the whole query (src/lib/search-ranking.ts), so the page
 * whose symptoms say every word of a pasted message ("Back-off restarting failed container")
 * outranks one whose keywords say "BackOff" and whose heading says "restarting".
 */
export function weighSymptoms(html: string): { html: string; symptoms: string[] } {
	if (!mayHoldSymptoms(html)) return { html, symptoms: [] };
	const fragment = parseFragment(html);
	const found = symptomElements(fragment);
	const symptoms = found.map((el) => textOf(el).replace(/^\s*(symptoms?|what you see)[.:]?\s*/i, '').replace(/\s+/g, ' ').trim()).filter(Boolean);
	for (const el of found) if (!el.attrs.some((a) => a.name === 'data-pagefind-weight')) el.attrs.push({ name: 'data-pagefind-weight', value: String(SYMPTOM_WEIGHT) });
	return { html: found.length > 0 ? serialize(fragment) : html, symptoms };
}
