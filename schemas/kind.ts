import { registryEnum } from './suggest.ts';

/** What shape of page this is. Procedure rules apply to `runbook`; the agents' index filters on it. */
export const KINDS = {
	runbook: 'A procedure someone follows step by step; must have Prerequisites, Steps, Expected outcome, Troubleshooting and Rollback.',
	guide: 'Explains how to do or understand something, without a strict procedure.',
	reference: 'Facts to look up: tables, commands, specifications.',
	overview: "A section's front page: what is here and where to go.",
	adr: 'An architecture decision record: context, decision, consequences.',
} as const satisfies Record<string, string>;

export type Kind = keyof typeof KINDS;
export const kindSchema = registryEnum(KINDS, 'kind', 'Shape of the page');

/** Headings (level 2) every runbook carries, in this order. */
export const RUNBOOK_SECTIONS = ['Prerequisites', 'Steps', 'Expected outcome', 'Troubleshooting', 'Rollback'] as const;
