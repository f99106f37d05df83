/**
 * The page `npm run new` writes: valid frontmatter and, per kind, the sections to fill in, each
 * holding one SCAFFOLD_MARKER line. The check reports any marker still there (`runbook-scaffold`),
 * so a scaffold cannot be published unfinished. Pure: the CLI in scripts/new.ts does the I/O.
 */
import { Document, isSeq } from 'yaml';
import type { Category } from '../../schemas/category.ts';
import type { DocType } from '../../schemas/doc-type.ts';
import { RUNBOOK_SECTIONS, type Kind } from '../../schemas/kind.ts';
import type { Tag } from '../../schemas/tag-registry.ts';
import { SCAFFOLD_MARKER } from './marker.ts';

/** Defaults per top-level docs folder: the doc family, the usual concern and one registered tag. */
const FOLDER_DEFAULTS: Record<string, { type: DocType; category: Category; tag: Tag }> = {
	'01-overview': { type: 'overview', category: 'setup', tag: 'operations' },
	'02-architecture': { type: 'architecture', category: 'design', tag: 'architecture' },
	'08-workflows': { type: 'workflow', category: 'development', tag: 'workflow' },
	'09-security': { type: 'security', category: 'security', tag: 'security' },
	'10-observability': { type: 'observability', category: 'monitoring', tag: 'observability' },
	'11-infrastructure': { type: 'infrastructure', category: 'operations', tag: 'infrastructure' },
	infra: { type: 'infrastructure', category: 'deployment', tag: 'gitops' },
	'12-specification-driven-dev': { type: 'specification', category: 'standards', tag: 'documentation' },
	'92-adr': { type: 'adr', category: 'design', tag: 'adr' },
};
const FALLBACK = FOLDER_DEFAULTS['11-infrastructure']!;

/** Sections (H2) each kind starts with, and what to write in each. */
const SECTIONS: Record<Kind, [string, string][]> = {
	runbook: RUNBOOK_SECTIONS.map((s) => [
		s,
		{
			Prerequisites: 'List the access, tools and state needed before the first step.',
			Steps: 'Number the steps; give each its exact command and what it prints.',
			'Expected outcome': 'Say how the reader knows it worked: a command and its expected output.',
			Troubleshooting: 'List the likely failures, their symptoms and the fix for each.',
			Rollback: 'Explain how to undo the steps, or why nothing needs undoing.',
		}[s],
	]),
	guide: [['Overview', 'Explain what the reader will understand or be able to do.']],
	reference: [['Reference', 'Give the facts to look up: tables, commands, settings.']],
	overview: [['What is here', 'List the pages of this section and when to read each.']],
	adr: [
		['Context', 'Describe the forces and the problem that needed a decision.'],
		['Decision', 'State the decision in one paragraph.'],
		['Consequences', 'List what becomes easier and what becomes harder.'],
	],
};

export const slugify = (title: string) =>
	title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');

export interface ScaffoldInput {
	kind: Kind;
	title: string;
	dir: string;
	today: string;
}

export function scaffold({ kind, title, dir, today }: ScaffoldInput): string {
	const defaults = FOLDER_DEFAULTS[dir.split('/')[0]!] ?? FALLBACK;
	const frontmatter = {
		title,
		description: `${SCAFFOLD_MARKER} one sentence, at most 200 characters, saying what this page is for.`,
		type: kind === 'adr' ? 'adr' : defaults.type,
		category: defaults.category,
		kind,
		status: 'draft',
		version: '1.0.0',
		tags: [defaults.tag],
		related: [],
		last_updated: today,
		owner: 'SRE Team',
		review_frequency: 'monthly',
	};
	const doc = new Document(frontmatter);
	// `tags: [a, b]` as in every page, so adding a second tag is a one-word edit.
	const tags = doc.get('tags', true);
	if (isSeq(tags)) tags.flow = true;
	const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
	const body = [`${SCAFFOLD_MARKER} Say in one or two sentences what this page achieves and when to use it.`, ''];
	for (const [heading, hint] of SECTIONS[kind]) body.push(`## ${heading}`, '', `${SCAFFOLD_MARKER} ${hint}`, '');
	return `---\n${yaml}---\n\n${body.join('\n')}`;
}
