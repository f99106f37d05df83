import { registryEnum } from './suggest.ts';

/** Operational concern a page addresses; drives the category filter in search and the agents' index. */
export const CATEGORIES = {
	deployment: 'Shipping a release to an environment.',
	operations: 'Day-to-day running of the platform.',
	troubleshooting: 'Diagnosing and fixing a fault.',
	'incident-response': 'Handling an outage from page to post-mortem.',
	'disaster-recovery': 'Backups, restores and failover.',
	scaling: 'Changing capacity, horizontally or vertically.',
	security: 'Access, secrets, hardening and audit.',
	maintenance: 'Routine upkeep: certificates, upgrades, patches.',
	monitoring: 'Metrics, logs, dashboards and alerts.',
	setup: 'First-time installation and configuration.',
	design: 'Architecture and the reasons behind it.',
	development: 'Writing and shipping code.',
	standards: 'Conventions every contributor follows.',
} as const satisfies Record<string, string>;

export type Category = keyof typeof CATEGORIES;
export const categorySchema = registryEnum(CATEGORIES, 'category', 'Operational concern of the page');
