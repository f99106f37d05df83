/**
 * Work a page may cost the check (and the build) before it is refused, so no page can make either
 * slow: its bytes (MAX_PAGE_BYTES, ./files.ts) and the number of Markdown elements it parses into.
 * Every tree rule walks every element, and remark-lint's rules walk them once each, so a page of
 * 100,000 emphasis markers costs seconds however linear each rule is. The largest page today has
 * ~1,350 elements; the budget is fifteen times that. Rule id `page-budget`.
 */
import type { Root } from 'mdast';
import type { Report } from '../types.ts';

export const MAX_PAGE_NODES = 20_000;

/** Counts the tree's nodes, stopping as soon as the budget is passed (the count of a huge tree costs no more than the budget). */
export function overNodeBudget(root: Root, limit = MAX_PAGE_NODES): boolean {
	let count = 0;
	const stack: { children?: unknown[] }[] = [root];
	while (stack.length) {
		const node = stack.pop()!;
		if (++count > limit) return true;
		if (node.children) for (const child of node.children) stack.push(child as { children?: unknown[] });
	}
	return false;
}

export function reportNodeBudget(report: Report): void {
	report('page-budget', 'error', { line: 1, column: 1 }, `Unexpected page of more than ${MAX_PAGE_NODES.toLocaleString('en')} Markdown elements, expected at most ${MAX_PAGE_NODES.toLocaleString('en')} (split the page; its other rules were not run)`);
}
