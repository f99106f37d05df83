import type { FrontmatterResult } from '../../../src/lib/frontmatter.ts';
import { suggestDoc, type DocTree } from '../../../src/lib/doc-tree.ts';
import type { Position } from '../../../src/lib/position.ts';
import type { RelatedRef, Report, RuleContext } from '../types.ts';

/** Schema violations and YAML syntax errors, at the offending key. */
export function checkFrontmatter(ctx: RuleContext, fm: FrontmatterResult): void {
	for (const p of fm.problems) ctx.report(p.rule, 'error', p, p.message);
}

/** The `related` entries, checked against the tree once every file is known. */
export function collectRelated(fm: FrontmatterResult): RelatedRef[] {
	const related = fm.raw?.related;
	if (!Array.isArray(related)) return [];
	return related.flatMap((entry, index) => (typeof entry === 'string' ? [{ entry, index }] : []));
}

/**
 * `related` entries name existing docs other than the page itself. Where an entry is written is
 * worked out only for one that fails (`locate`, from the entry's index): positions cost a second
 * YAML parse that a passing page never needs.
 */
export function checkRelated(rel: string, related: RelatedRef[], tree: DocTree, locate: (index: number) => Position, report: Report): void {
	for (const { entry, index } of related) {
		const target = tree.findDoc(entry);
		if (!target) {
			// A one-letter slip gets the doc it most likely meant, as a body link does.
			report('related-target', 'error', locate(index), `Unexpected related entry \`${entry}\` that matches no doc, expected a path from the docs root to an existing page${suggestDoc(entry, tree.docs())}`);
		} else if (target === rel) {
			report('related-target', 'error', locate(index), `Unexpected related entry \`${entry}\` naming this page itself, expected another doc`);
		}
	}
}
