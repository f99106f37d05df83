/**
 * Steps within two screens (issue 24). A runbook is read under pressure, and what comes before its
 * Steps (background, diagrams, objectives, prerequisites) pushed them 2 to 10 screens down. On a
 * runbook page this folds each H2 section before Steps, and any further intro after the lead
 * paragraph, into a disclosure whose summary is the section's heading, then opens them again in order
 * (Prerequisites first) as long as the Steps heading stays within two screens of the top. So a desktop
 * shows most of it as written, a phone shows the lead, the headings and whatever else fits, and the
 * reader opens the rest with one tap. Links to a folded heading (table of contents, #anchors) open it.
 *
 * Done in the browser rather than at build time because what fits depends on the screen. The page's
 * source and its Markdown twin are untouched; without JavaScript the page reads as written.
 */

const STEPS_ID = 'steps';
const FIRST_OPENED = 'prerequisites';

/** The block a heading lives in among the content's children (Starlight wraps headings for their anchor link). */
const blockOf = (heading: Element, content: Element): Element => {
	let node: Element = heading;
	while (node.parentElement && node.parentElement !== content) node = node.parentElement;
	return node;
};

const isH2Block = (el: Element) => el.tagName === 'H2' || (el.classList.contains('sl-heading-wrapper') && el.classList.contains('level-h2'));

/** Folds the sections before Steps, then reopens what fits above `budget` px. Returns the folds made. */
export function foldBeforeSteps(content: Element, budget: number): HTMLDetailsElement[] {
	const steps = content.querySelector(`h2#${STEPS_ID}`);
	if (!steps) return [];
	const children = [...content.children];
	const stepsAt = children.indexOf(blockOf(steps, content));
	const lead = children.findIndex((el) => el.tagName === 'P');
	if (stepsAt <= 0 || lead === -1 || lead >= stepsAt) return [];

	// Runs of blocks between the lead paragraph and Steps, split at each H2.
	const groups: Element[][] = [];
	for (const el of children.slice(lead + 1, stepsAt)) {
		if (isH2Block(el) || groups.length === 0) groups.push([el]);
		else groups.at(-1)!.push(el);
	}

	const folds = groups.map((group) => {
		const details = document.createElement('details');
		details.className = 'runbook-fold';
		const summary = document.createElement('summary');
		const first = group[0]!;
		const heading = isH2Block(first) ? (first.tagName === 'H2' ? first : first.querySelector('h2')) : null;
		if (heading) {
			summary.append(heading);
			group.shift();
			first.remove();
		} else summary.textContent = 'More context';
		if (heading?.id === FIRST_OPENED) details.classList.add('runbook-fold-prerequisites');
		// A warning is never hidden silently: the summary says there is one.
		if (group.some((el) => el.matches('aside.starlight-aside--caution, aside.starlight-aside--danger') || el.querySelector('aside.starlight-aside--caution, aside.starlight-aside--danger'))) {
			const note = document.createElement('span');
			note.className = 'runbook-fold-warning';
			note.textContent = 'includes a warning';
			summary.append(note);
		}
		const body = group[0] ?? steps;
		content.insertBefore(details, body === steps ? blockOf(steps, content) : body);
		details.append(summary, ...group);
		return details;
	});

	const stepsTop = () => steps.getBoundingClientRect().top + window.scrollY;
	const order = [...folds.filter((d) => d.classList.contains('runbook-fold-prerequisites')), ...folds.filter((d) => !d.classList.contains('runbook-fold-prerequisites'))];
	for (const details of order) {
		details.open = true;
		if (stepsTop() > budget) details.open = false;
	}
	return folds;
}

/** Opens the fold holding the element a link points at, so `#anchor` links still land on it. */
export function openFoldFor(hash: string): void {
	if (!hash || hash === '#') return;
	let target: Element | null = null;
	try {
		target = document.getElementById(decodeURIComponent(hash.slice(1)));
	} catch {
		return;
	}
	const fold = target?.closest('details.runbook-fold');
	if (fold instanceof HTMLDetailsElement && !fold.open) {
		fold.open = true;
		target!.scrollIntoView();
	}
}
