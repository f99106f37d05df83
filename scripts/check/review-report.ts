/**
 * `npm run check -- --report review`: the pages due for review on a given day, grouped by owner,
 * most overdue first. Reads only frontmatter; prints a report, never fails the run.
 */
import type { DocTree } from '../../src/lib/doc-tree.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { checkLastUpdated, readGitHistory, type DateSource, type GitHistory } from '../../src/lib/git-dates.ts';
import { reviewDue, reviewedOn } from './rules/stale.ts';

export interface DueItem {
	owner: string;
	title: string;
	path: string;
	last_updated: string;
	/** Where last_updated came from: the frontmatter, the last commit (`git`, `git-shallow` when the clone cannot tell), or today for a page with uncommitted changes (`working-tree`). */
	last_updated_source: Exclude<DateSource, 'build-stamp'>;
	last_reviewed: string | null;
	review_frequency: string;
	due: string;
	days_overdue: number;
}

export function dueForReview(tree: DocTree, targets: { rel: string; display: string }[], today: string): DueItem[] {
	const items: DueItem[] = [];
	// Read once, and only if a page leaves last_updated to Git.
	let history: GitHistory | undefined;
	for (const { rel, display } of targets) {
		let data;
		try {
			data = readFrontmatter(tree.read(rel)).data;
		} catch {
			continue; // Unreadable files are the check's business, not the report's.
		}
		if (!data) continue;
		const updated = data.last_updated ? { date: data.last_updated, source: 'frontmatter' as const } : checkLastUpdated(undefined, rel, (history ??= readGitHistory(tree.root)), today);
		// Outside Git a page without the date is the check's error, and has no due date to report.
		if (!updated || updated.source === 'build-stamp') continue;
		const { due, daysOverdue } = reviewDue(reviewedOn({ ...data, last_updated: updated.date }).date, data.review_frequency, today);
		if (daysOverdue < 0) continue;
		items.push({ owner: data.owner, title: data.title, path: display, last_updated: updated.date, last_updated_source: updated.source, last_reviewed: data.last_reviewed ?? null, review_frequency: data.review_frequency, due, days_overdue: daysOverdue });
	}
	return items.sort((a, b) => a.owner.localeCompare(b.owner) || b.days_overdue - a.days_overdue || a.path.localeCompare(b.path));
}

export function formatReview(items: DueItem[], today: string): string {
	if (items.length === 0) return `Nothing due for review on ${today}.`;
	const owners = [...new Set(items.map((i) => i.owner))];
	const out = [`Due for review on ${today}: ${items.length} page${items.length === 1 ? '' : 's'}, ${owners.length} owner${owners.length === 1 ? '' : 's'}`];
	for (const owner of owners) {
		const mine = items.filter((i) => i.owner === owner);
		out.push('', `${owner} (${mine.length})`);
		for (const i of mine) {
			out.push(`  ${i.title} — ${i.path}`, `    ${i.last_reviewed ? `last_reviewed ${i.last_reviewed}` : `last_updated ${i.last_updated}${i.last_updated_source === 'frontmatter' ? '' : ' (last commit)'}, never reviewed`}, ${i.review_frequency}, due ${i.due}, ${i.days_overdue} day${i.days_overdue === 1 ? '' : 's'} overdue`);
		}
	}
	return out.join('\n');
}
