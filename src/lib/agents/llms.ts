/**
 * /llms.txt (https://llmstxt.org): H1, a blockquote summary, instructions for agents, then one H2
 * per section in src/lib/sections.ts order listing each page's Markdown twin; drafts, deprecated and
 * archived pages go under `## Optional`, which the format reserves for what a short context can skip.
 * /llms-full.txt is every twin in the same order.
 */
import type { DocsIndex, IndexedDoc } from '../../../schemas/docs-index.ts';
import { RUNBOOK_SECTIONS } from '../../../schemas/kind.ts';
import { SECTIONS } from '../sections.ts';
import { AGENT_PATHS } from './urls.ts';

/** llms.txt is read whole into a context window; past this it has stopped being a summary. */
export const LLMS_TXT_MAX_CHARS = 50_000;
const OPTIONAL_STATUSES = new Set(['draft', 'deprecated', 'archived']);
export const START_HERE = 'Start here';

export interface SectionGroup {
	dir: string;
	label: string;
	docs: string[];
}

/**
 * Top-level folders in reading order: the known sections first, then any other folder (a fixture
 * tree, a new section not yet in sections.ts) by name. A folder's README/index page comes first.
 */
export function groupSections(docs: { id: string; rel: string; title: string }[]): SectionGroup[] {
	const byDir = new Map<string, { id: string; title: string }[]>();
	for (const d of docs) {
		const slash = d.rel.indexOf('/');
		if (slash === -1) continue;
		const dir = d.rel.slice(0, slash).toLowerCase();
		byDir.set(dir, [...(byDir.get(dir) ?? []), d]);
	}
	const known = SECTIONS.map((s) => s.dir as string);
	const dirs = [...known.filter((d) => byDir.has(d)), ...[...byDir.keys()].filter((d) => !known.includes(d)).sort()];
	return dirs.map((dir) => {
		const members = byDir.get(dir)!;
		const overview = members.find((m) => m.id === dir);
		const label = SECTIONS.find((s) => s.dir === dir)?.label ?? overview?.title ?? dir;
		const ids = members.map((m) => m.id).sort((a, b) => (a === dir ? -1 : b === dir ? 1 : a < b ? -1 : a > b ? 1 : 0));
		return { dir, label, docs: ids };
	});
}

const entry = (d: IndexedDoc, note = '') => `- [${d.frontmatter.title}](${d.mdUrl}): ${note}${d.frontmatter.description}`;

export function renderLlmsTxt(index: DocsIndex): string {
	const byId = new Map(index.docs.map((d) => [d.id, d]));
	const optional = (d: IndexedDoc) => OPTIONAL_STATUSES.has(d.frontmatter.status);
	const abs = (p: string) => index.site.url.replace(/\/$/, '') + p;
	const example = index.docs.find((d) => d.id !== 'index') ?? index.docs[0];
	const lines = [
		`# ${index.site.title}`,
		'',
		`> ${index.site.description}`,
		'',
		'Instructions for agents:',
		'',
		`- Every page has a clean Markdown twin at its URL + \`index.md\`${example ? ` (${example.url} → ${example.mdUrl})` : ''}; the links below point to the twins, and each twin starts with a YAML header (title, url, type, kind, status, version, last_updated, tags).`,
		`- Index of every page (metadata, headings with anchors, links, backlinks, content hashes): ${abs(AGENT_PATHS.index)}, described by the JSON Schema ${abs(AGENT_PATHS.schema)}.`,
		`- Section-sized chunks for retrieval, one JSON object per line: ${abs(AGENT_PATHS.chunks)} (schema ${abs(AGENT_PATHS.chunkSchema)}).`,
		`- All pages in one file: ${abs(AGENT_PATHS.llmsFull)}.`,
		'- MCP server with the tools search_docs, get_doc, list_docs and related_docs: `npm run build && npm run mcp` in a checkout of the docs repository (stdio transport).',
		`- Pages of kind \`runbook\` are procedures with the sections ${RUNBOOK_SECTIONS.join(', ')}. Prefer \`status: current\` pages; drafts and deprecated pages are listed under Optional.`,
	];
	const rootDocs = index.docs.filter((d) => d.section === null && !optional(d));
	if (rootDocs.length) lines.push('', `## ${START_HERE}`, '', ...rootDocs.map((d) => entry(d)));
	for (const section of index.sections) {
		const docs = section.docs.map((id) => byId.get(id)!).filter((d) => !optional(d));
		if (docs.length) lines.push('', `## ${section.label}`, '', ...docs.map((d) => entry(d)));
	}
	const rest = llmsOrder(index).filter(optional);
	if (rest.length) lines.push('', '## Optional', '', ...rest.map((d) => entry(d, `(${d.frontmatter.status}) `)));
	const text = `${lines.join('\n')}\n`;
	if (text.length > LLMS_TXT_MAX_CHARS) {
		throw new Error(`llms.txt is ${text.length} characters, expected at most ${LLMS_TXT_MAX_CHARS}: shorten the longest page descriptions (it lists one line per page)`);
	}
	return text;
}

/** Docs in llms.txt order: root pages, then each section's, drafts and deprecated pages last. */
export function llmsOrder(index: DocsIndex): IndexedDoc[] {
	const byId = new Map(index.docs.map((d) => [d.id, d]));
	const ordered = [...index.docs.filter((d) => d.section === null), ...index.sections.flatMap((s) => s.docs.map((id) => byId.get(id)!))];
	const optional = (d: IndexedDoc) => OPTIONAL_STATUSES.has(d.frontmatter.status);
	return [...ordered.filter((d) => !optional(d)), ...ordered.filter(optional)];
}

export function renderLlmsFullTxt(index: DocsIndex, twins: Map<string, string>): string {
	const head = `# ${index.site.title}: all pages\n\n> ${index.site.description} Every page's Markdown twin, in the order of ${index.site.llmsTxt}; each begins with its YAML header.\n`;
	return [head, ...llmsOrder(index).map((d) => twins.get(d.id)!)].join('\n');
}
