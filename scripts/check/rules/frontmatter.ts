import type { FrontmatterResult } from '../../../src/lib/frontmatter.ts';
import type { DocTree } from '../../../src/lib/doc-tree.ts';
import type { RuleContext } from '../types.ts';

/** Schema violations and YAML syntax errors, at the offending key. */
export function checkFrontmatter(ctx: RuleContext, fm: FrontmatterResult): void {
	for (const p of fm.problems) ctx.report(p.rule, 'error', p, p.message);
}

/** `related` entries name existing docs other than the page itself. */
export function checkRelated(ctx: RuleContext, fm: FrontmatterResult, tree: DocTree): void {
	const related = fm.raw?.related;
	if (!Array.isArray(related)) return;
	related.forEach((entry, index) => {
		if (typeof entry !== 'string') return;
		const at = fm.locate(['related', index]);
		const target = tree.findDoc(entry);
		if (!target) {
			ctx.report('related-target', 'error', at, `Unexpected related entry \`${entry}\` that matches no doc, expected a path from the docs root to an existing page`);
		} else if (target === ctx.rel) {
			ctx.report('related-target', 'error', at, `Unexpected related entry \`${entry}\` naming this page itself, expected another doc`);
		}
	});
}
