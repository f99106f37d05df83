/**
 * Markup a page may contain: the allow-list in src/lib/markup-policy.ts, applied by
 * src/lib/markup-check.ts (the build runs the same function, src/plugins/page-policy.ts, and
 * sanitises what it renders with the same list). Rule id `markup-unsafe`.
 */
import type { Root } from 'mdast';
import { checkMarkupTree, MARKUP_RULE } from '../../../src/lib/markup-check.ts';
import type { Report } from '../types.ts';

export function checkMarkup(root: Root, source: string, report: Report): void {
	checkMarkupTree(root, (problem) => report(MARKUP_RULE, 'error', problem, problem.message), source);
}
