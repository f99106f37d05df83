import type { FrontmatterResult } from '../../../src/lib/frontmatter.ts';
import type { DocTree } from '../../../src/lib/doc-tree.ts';
import type { RelatedRef, Report, RuleContext } from '../types.ts';

/** Schema violations and YAML syntax errors, at the offending key. */
export function checkFrontmatter(ctx: RuleContext, fm: FrontmatterResult): void {
	for (const p of fm.problems) ctx.report(p.rule, 'error', p, p.message);
}

/** The `related` entries and where each is written; checked against the tree once every file is known. */
export function collectRelated(fm: FrontmatterResult): RelatedRef[] {
	const related = fm.raw?.related;
	if (!Array.isArray(related)) return [];
	return related.flatMap((entry, index) => (typeof entry === 'string' ? [{ entry, ...fm.locate(['related', index]) }] : []));
}

/** `related` entries name existing docs other than the page itself. */
export function checkRelated(rel: string, related: RelatedRef[], tree: DocTree, report: Report): void {
	for (const { entry, line, column } of related) {
		const at = { line, column };
		const target = tree.findDoc(entry);
		if (!target) {
			report('related-target', 'error', at, `Unexpected related entry \`${entry}\` that matches no doc, expected a path from the docs root to an existing page`);
		} else if (target === rel) {
			report('related-target', 'error', at, `Unexpected related entry \`${entry}\` naming this page itself, expected another doc`);
		}
	}
}
