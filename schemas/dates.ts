import { z } from 'astro/zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
let day: { iso: string; until: number } | undefined;

/**
 * Today as YYYY-MM-DD in UTC, from the real clock: a date that was not in the future when committed
 * never becomes so, so rebuilding an old commit still passes (SOURCE_DATE_EPOCH is not used here).
 */
export function today(): string {
	const now = Date.now();
	// Asked once per page checked: the date is worked out again only when the UTC day changes.
	if (!day || now >= day.until || now < day.until - DAY_MS) day = { iso: new Date(now).toISOString().slice(0, 10), until: (Math.floor(now / DAY_MS) + 1) * DAY_MS };
	return day.iso;
}

/**
 * YAML turns an unquoted `2026-01-02` into a Date and a quoted one into a string; both are accepted
 * and normalised to the ISO string, which is what every consumer (badge, index, staleness) wants.
 */
function isoDateSchema(field: string, description: string) {
	return z
		.union([z.date(), z.string()], { error: (iss) => iss.input === undefined ? `Missing required field \`${field}\`, expected an ISO date such as 2026-01-02` : `Unexpected ${JSON.stringify(iss.input)} as ${field}, expected an ISO date such as 2026-01-02` })
		.transform((value, ctx) => {
			const iso = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : value;
			if (!ISO_DATE.test(iso) || Number.isNaN(Date.parse(iso))) {
				ctx.addIssue({ code: 'custom', message: `Unexpected ${field} \`${String(value)}\`, expected an ISO date YYYY-MM-DD such as 2026-01-02` });
				return z.NEVER;
			}
			if (iso > today()) {
				ctx.addIssue({ code: 'custom', message: `Unexpected future ${field} \`${iso}\`, expected today (${today()}) or earlier` });
				return z.NEVER;
			}
			return iso;
		})
		.describe(description);
}

/**
 * Optional: the date lives in Git already, and a field every edit must remember to bump is one that
 * goes stale. The default is worked out where the file path is known (src/lib/git-dates.ts), not here.
 */
export const lastUpdatedSchema = isoDateSchema(
	'last_updated',
	'Date of the last substantive review or change, ISO YYYY-MM-DD, not in the future. Optional: when unset, the date (UTC) of the last Git commit that touched the file is used; `npm run check` counts a page with uncommitted changes as changed today. Set it to pin a date, or when the repository has no Git history (it is then required).',
).optional();

/**
 * Optional because most guides and references have no procedure to review; a runbook records here
 * the day an expert last read it against the review checklist, and review is due from this date.
 */
export const lastReviewedSchema = isoDateSchema(
	'last_reviewed',
	'Date an expert last read the page line by line against the runbook review checklist (documentation standards), ISO YYYY-MM-DD, not in the future. Review falls due `review_frequency` after it (after `last_updated` when unset).',
);
