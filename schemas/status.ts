import { registryEnum } from './suggest.ts';

/** Lifecycle of a page. Readers see it as a badge; `deprecated` adds a warning banner. */
export const STATUSES = {
	draft: 'Being written; may be incomplete or wrong.',
	current: 'Reviewed and in force.',
	deprecated: 'Still published but superseded; follow the replacement it names.',
	archived: 'Kept for history only; do not follow.',
} as const satisfies Record<string, string>;

export type Status = keyof typeof STATUSES;
export const statusSchema = registryEnum(STATUSES, 'status', 'Lifecycle state');
