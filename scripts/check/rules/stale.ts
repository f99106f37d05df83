/**
 * A page whose `last_updated` is older than its `review_frequency` is due for review (`stale`,
 * a warning: the page may still be right, but nobody has said so lately). The same arithmetic feeds
 * `npm run check -- --report review`.
 */
import { REVIEW_FREQUENCIES, type ReviewFrequency } from '../../../schemas/review.ts';
import type { Report } from '../types.ts';

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

/** `at` finds the key review counts from; asked only for a page that is due. */
export function checkStale(data: { last_updated: string; last_reviewed?: string | undefined; review_frequency: ReviewFrequency } | undefined, at: (key: 'last_reviewed' | 'last_updated') => { line: number; column: number }, today: string, report: Report): void {
	if (!data) return;
	const { field, date } = reviewedOn(data);
	const { due, daysOverdue } = reviewDue(date, data.review_frequency, today);
	if (daysOverdue <= 0) return;
	report('stale', 'warning', at(field), `Unexpected ${field} ${date}, older than its ${data.review_frequency} review (due ${due}, ${daysOverdue} day${daysOverdue === 1 ? '' : 's'} overdue); expected a review: re-read the page against the review checklist, fix what changed, then set last_reviewed to today`);
}
