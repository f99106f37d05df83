/**
 * A page whose `last_updated` is older than its `review_frequency` is due for review (`stale`,
 * a warning: the page may still be right, but nobody has said so lately). The same arithmetic feeds
 * `npm run check -- --report review`.
 */
import { REVIEW_FREQUENCIES, type ReviewFrequency } from '../../../schemas/review.ts';
import { checkLastUpdated, readGitHistory, SHALLOW_FIX, type GitHistory, type ResolvedDate } from '../../../src/lib/git-dates.ts';
import type { Position } from '../../../src/lib/position.ts';
import type { FileAnalysis, Problem, Report } from '../types.ts';

const DAY = 86_400_000;

export interface ReviewDue {
	due: string;
	daysOverdue: number;
}

/** When a page is next due, and how many days late it is on `today` (negative: not yet due). */
export function reviewDue(lastUpdated: string, frequency: ReviewFrequency, today: string): ReviewDue {
	const due = new Date(Date.parse(lastUpdated) + REVIEW_FREQUENCIES[frequency] * DAY).toISOString().slice(0, 10);
	return { due, daysOverdue: Math.round((Date.parse(today) - Date.parse(due)) / DAY) };
}

/** The date review counts from: the last expert review when recorded, else the last update. */
export function reviewedOn(data: { last_updated: string; last_reviewed?: string | undefined }): { field: 'last_reviewed' | 'last_updated'; date: string } {
	return data.last_reviewed ? { field: 'last_reviewed', date: data.last_reviewed } : { field: 'last_updated', date: data.last_updated };
}

/**
 * `at` finds the key review counts from; asked only for a page that is due. `fromGit`: last_updated
 * was not written and is the last commit's date, which the message names as such.
 */
export function checkStale(data: { last_updated: string; last_reviewed?: string | undefined; review_frequency: ReviewFrequency } | undefined, at: (key: 'last_reviewed' | 'last_updated') => { line: number; column: number }, today: string, report: Report, fromGit = false): void {
	if (!data) return;
	const { field, date } = reviewedOn(data);
	const { due, daysOverdue } = reviewDue(date, data.review_frequency, today);
	if (daysOverdue <= 0) return;
	const what = field === 'last_updated' && fromGit ? `last commit ${date} (no last_updated set, so review counts from the last commit that touched the file)` : `${field} ${date}`;
	report('stale', 'warning', at(field), `Unexpected ${what}, older than its ${data.review_frequency} review (due ${due}, ${daysOverdue} day${daysOverdue === 1 ? '' : 's'} overdue); expected a review: re-read the page against the review checklist, fix what changed, then set last_reviewed to today`);
}

/**
 * What the stale rule needs from a page that does not set last_updated: its date comes from Git,
 * which is not in the file's bytes, so it is judged after the (cached) per-file analysis, by
 * checkUndated. `at`: the review_frequency key, where a finding about the unwritten date points.
 */
export interface Undated {
	review_frequency: ReviewFrequency;
	last_reviewed?: string | undefined;
	at: Position;
	/** Where last_reviewed is written, when it is. */
	reviewedAt?: Position | undefined;
}

/**
 * The pages without last_updated: the field defaulted from one read of the Git history (only when
 * there is such a page), then the stale rule on that date. Outside Git the field is required. In a
 * shallow clone, the pages whose date is a boundary commit's get one warning line between them.
 */
export function checkUndated(docsRoot: string, analyses: FileAnalysis[], today: string, history: () => GitHistory = () => readGitHistory(docsRoot)): Problem[] {
	const pages = analyses.filter((a): a is FileAnalysis & { undated: Undated } => Boolean(a.undated));
	if (pages.length === 0) return [];
	const problems: Problem[] = [];
	const git = history();
	const shallow: { display: string; date: string }[] = [];
	for (const page of pages) {
		const report: Report = (rule, severity, at, message) => problems.push({ file: page.display, line: at.line, column: at.column, rule, severity, message });
		const { undated } = page;
		const resolved: ResolvedDate | undefined = checkLastUpdated(undefined, page.rel, git, today);
		if (!resolved) {
			report('frontmatter-schema', 'error', { line: 1, column: 1 }, 'Missing field `last_updated`, expected an ISO date such as 2026-01-02 (it defaults to the last commit\'s date only in a Git work tree, and this folder is not in one) (field `last_updated`)');
			continue;
		}
		if (resolved.source === 'git-shallow') shallow.push({ display: page.display, date: resolved.date });
		const at = (key: 'last_reviewed' | 'last_updated') => (key === 'last_reviewed' && undated.reviewedAt) || undated.at;
		checkStale({ last_updated: resolved.date, last_reviewed: undated.last_reviewed, review_frequency: undated.review_frequency }, at, today, report, resolved.source !== 'working-tree');
	}
	if (shallow.length) {
		shallow.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
		const first = shallow[0]!;
		const others = shallow.length > 1 ? ` and ${shallow.length - 1} other page${shallow.length === 2 ? '' : 's'} that set no last_updated` : ', which sets no last_updated';
		problems.push({ file: first.display, line: 1, column: 1, rule: 'last-updated-shallow', severity: 'warning', message: `Unexpected date from a shallow clone's boundary commit (${first.date}) for this page${others}: the clone holds no older history, so it need not be when they last changed; expected the real date: ${SHALLOW_FIX}` });
	}
	return problems;
}
