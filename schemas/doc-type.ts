import { registryEnum } from './suggest.ts';

/** Documentation families of the NeoTool docs tree; each maps to a numbered top-level section. */
export const DOC_TYPES = {
	overview: 'Orientation and getting started (01-overview).',
	architecture: 'System and infrastructure design (02-architecture).',
	workflow: 'How work moves from a change to production (08-workflows).',
	security: 'Security practices and mechanisms (09-security).',
	observability: 'Metrics, logs, traces and dashboards (10-observability).',
	infrastructure: 'Operating the platform: deployment, runbooks, recovery (11-infrastructure, infra/).',
	specification: 'Specification-driven development and documentation standards (12-specification-driven-dev).',
	adr: 'Architecture decision records (92-adr).',
} as const satisfies Record<string, string>;

export type DocType = keyof typeof DOC_TYPES;
export const docTypeSchema = registryEnum(DOC_TYPES, 'type', 'Documentation family the page belongs to');
