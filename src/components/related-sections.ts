import type { DocRef } from '../lib/doc-graph.ts';

export interface RelatedSection {
	/** `related` / `referenced-by`, or with a `-1`, `-2`… suffix when the page has a heading by that id. */
	id: string;
	title: string;
	docs: DocRef[];
	/** Descriptions are shown for Related (chosen by the author) but not for backlinks (a long list). */
	withDescriptions: boolean;
}

/**
 * The non-empty lists under a page body, in order; the component and the TOC both read this.
 * `taken` holds the ids of the page's own headings: a page with a `## Related` heading of its own
 * already has `id="related"`, so the list's heading is numbered on as github-slugger numbers a
 * repeated heading (`related-1`), and the page keeps one element per id.
 */
export function relatedSections(related: DocRef[], backlinks: DocRef[], taken: Iterable<string> = []): RelatedSection[] {
	const used = new Set(taken);
	const unique = (id: string) => {
		let n = 0;
		while (used.has(n ? `${id}-${n}` : id)) n++;
		const free = n ? `${id}-${n}` : id;
		used.add(free);
		return free;
	};
	const sections = [
		{ id: 'related', title: 'Related', docs: related, withDescriptions: true },
		{ id: 'referenced-by', title: 'Referenced by', docs: backlinks, withDescriptions: false },
	].filter((s) => s.docs.length > 0);
	return sections.map((s) => ({ ...s, id: unique(s.id) }));
}
