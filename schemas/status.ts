import { z } from 'astro/zod';
import { describedEnum } from './suggest.ts';

/** Lifecycle of a page. Readers see it as a badge; `deprecated` adds a warning banner. */
export const STATUSES = {
	draft: 'Being written; may be incomplete or wrong.',
	current: 'Reviewed and in force.',
	deprecated: 'Still published but superseded; follow the replacement it names.',
	archived: 'Kept for history only; do not follow.',
} as const satisfies Record<string, string>;

export type Status = keyof typeof STATUSES;
const values = Object.keys(STATUSES) as [Status, ...Status[]];
const { error } = describedEnum(values, 'status');

export const statusSchema = z
	.enum(values, { error })
	.describe(`Lifecycle state: ${values.map((v) => `\`${v}\` — ${STATUSES[v]}`).join(' ')}`);
