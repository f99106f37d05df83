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
	/** The nearest existing pages (`nearestRelated`), written into `related` for the author to prune. */
	related?: string[];
}

/** An existing page as `npm run new` sees it: its `related` path, title, tags and search keywords. */
export interface PageTags {
	path: string;
	title: string;
	tags: readonly string[];
	keywords: readonly string[];
}

const words = (text: string) => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 4));

/**
 * The pages a new page most likely relates to: those whose title, tags or search keywords share a
 * word with the new title, rare words counting most (inverse document frequency, so "Restart Kafka
 * brokers" ranks the Kafka pages above every page that mentions restarting), then shared tags, then
 * the same folder; ties by path, so the same tree always gives the same list. The standards ask for
 * 3–7 related pages: the scaffold offers up to 7 and the author prunes.
 */
export function nearestRelated(pages: readonly PageTags[], title: string, tags: readonly string[], dir: string, max = 7): string[] {
	const folder = `${dir.replace(/\/+$/, '')}/`;
	const wanted = words(title);
	// A word in a page's title or tags says what the page is about; one among its keywords, less.
	const named = pages.map((p) => words([p.title, ...p.tags].join(' ')));
	const vocab = pages.map((p, i) => new Set([...named[i]!, ...words(p.keywords.join(' '))]));
	const weight = new Map([...wanted].map((w) => [w, Math.log((pages.length + 1) / (vocab.filter((v) => v.has(w)).length + 0.5))]));
	return pages
		.map((p, i) => {
			const byWords = [...wanted].reduce((sum, w) => sum + (named[i]!.has(w) ? 3 : vocab[i]!.has(w) ? 1 : 0) * weight.get(w)!, 0);
			const sharedTags = p.tags.filter((t) => tags.includes(t)).length;
			return { path: p.path, score: byWords * 4 + sharedTags + (p.path.startsWith(folder) ? 0.5 : 0), shared: byWords > 0 || sharedTags > 0 };
		})
		.filter((p) => p.shared)
		.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
		.slice(0, max)
		.map((p) => p.path);
}

/** The folder's default tag, which `scaffold` gives a new page; `npm run new` ranks related pages by it. */
export const defaultTagFor = (dir: string): Tag => (FOLDER_DEFAULTS[dir.split('/')[0]!] ?? FALLBACK).tag;

/** A runbook's Steps open with one worked step, so the shape (action, command, expected output) is shown, not described. */
const SAMPLE_STEP = [
	`1. ${SCAFFOLD_MARKER} Say what this step does and why, then give its exact command:`,
	'',
	'   ```bash',
	'   kubectl -n neotool-app get pods',
	'   ```',
	'',
	`   ${SCAFFOLD_MARKER} Expected output: what the command prints when all is well, e.g. every pod \`Running\` with \`READY 1/1\`.`,
	'',
];

export function scaffold({ kind, title, dir, related = [] }: ScaffoldInput): string {
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
		related,
		// No last_updated: the page's date is its last commit's (src/lib/git-dates.ts). A date typed
		// today is already wrong on merge day, and later edits would have to remember to bump it.
		owner: 'SRE Team',
		review_frequency: 'monthly',
		// What an engineer types to find the page; the title's words are the first guess.
		search_keywords: [title.toLowerCase()],
	};
	const doc = new Document(frontmatter);
	// `tags: [a, b]` as in every page, so adding a second tag is a one-word edit.
	const tags = doc.get('tags', true);
	if (isSeq(tags)) tags.flow = true;
	const keywords = doc.get('search_keywords', true);
	if (isSeq(keywords)) keywords.flow = true;
	const relatedNode = doc.get('related', true);
	if (isSeq(relatedNode) && related.length > 0) relatedNode.commentBefore = ' The nearest pages by title and tags: keep the 3–7 a reader of this page needs next.';
	const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
	const body = [`${SCAFFOLD_MARKER} Say in one or two sentences what this page achieves and when to use it.`, ''];
	for (const [heading, hint] of SECTIONS[kind]) {
		body.push(`## ${heading}`, '', `${SCAFFOLD_MARKER} ${hint}`, '');
		if (kind === 'runbook' && heading === 'Steps') body.push(...SAMPLE_STEP);
	}
	return `---\n${yaml}---\n\n${body.join('\n')}`;
}
