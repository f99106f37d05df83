import { z } from 'astro/zod';
import { unexpectedValue } from './suggest.ts';

/** How often the owner re-reads the page; `last_updated` older than this makes the page due for review. */
export const REVIEW_FREQUENCIES = { weekly: 7, monthly: 31, quarterly: 92, yearly: 366 } as const;
export type ReviewFrequency = keyof typeof REVIEW_FREQUENCIES;
const values = Object.keys(REVIEW_FREQUENCIES) as [ReviewFrequency, ...ReviewFrequency[]];

export const reviewFrequencySchema = z
	.enum(values, { error: (issue) => unexpectedValue(issue.input, values, 'review_frequency') })
	.describe('How often the owner reviews the page: `weekly`, `monthly` (the SRE default), `quarterly` or `yearly`.');

export const ownerSchema = z
	.string({ error: (iss) => (iss.input === undefined ? 'Missing required field `owner`, expected the team that maintains the page, e.g. "SRE Team"' : `Unexpected ${JSON.stringify(iss.input)} as owner, expected a team name such as "SRE Team"`) })
	.min(2)
	.describe('Team accountable for the page, e.g. "SRE Team"; review reports group by it.');
