// @ts-check
/**
 * A tall diagram is shown scaled to a bounded height (src/styles/docs.css) so the steps after it stay
 * near the top of the page; a button shows it at full size. Only diagrams that were shrunk get one.
 *
 * The one piece of diagram script a page needs once its SVGs come from the build, imported by the
 * module pages with build-time SVGs load (src/components/DiagramExpand.astro: a file the browser
 * caches, not text repeated in every diagram page). Plain JavaScript rather than TypeScript because
 * the client fallback (src/components/MermaidLoader.astro) inlines this file's text as it is.
 * @param {Element} figure
 * @param {HTMLElement} target
 */
export function boundHeight(figure, target) {
	const svg = target.querySelector('svg');
	const box = svg?.viewBox?.baseVal;
	if (!svg || !box || !box.width || figure.querySelector(':scope > .mermaid-expand')) return;
	// In a folded section (src/lib/runbook-fold.ts) the diagram has no size yet: measure it when shown.
	if (target.clientWidth === 0) {
		figure.closest('details')?.addEventListener('toggle', () => boundHeight(figure, target), { once: true });
		return;
	}
	const fullHeight = (Math.min(box.width, target.clientWidth) * box.height) / box.width;
	if (fullHeight <= svg.getBoundingClientRect().height + 1) return;
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'mermaid-expand';
	button.setAttribute('aria-expanded', 'false');
	button.textContent = 'Show the diagram at full size';
	button.addEventListener('click', () => {
		const expanded = figure.toggleAttribute('data-expanded');
		button.setAttribute('aria-expanded', String(expanded));
		button.textContent = expanded ? 'Shrink the diagram' : 'Show the diagram at full size';
	});
	target.after(button);
}
