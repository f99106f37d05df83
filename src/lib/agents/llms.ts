/**
 * /llms.txt (https://llmstxt.org): H1, a blockquote summary, instructions for agents, then one H2
 * per section in src/lib/sections.ts order listing each page's Markdown twin; drafts, deprecated and
 * archived pages go under `## Optional`, which the format reserves for what a short context can skip.
 * /llms-full.txt is every twin in the same order.
 */
import type { DocsIndex, IndexedDoc } from '../../../schemas/docs-index.ts';
import { RUNBOOK_SECTIONS } from '../../../schemas/kind.ts';
import { SECTIONS } from '../sections.ts';
import { markdownHeading, markdownLink, markdownText } from './markdown-text.ts';
import { AGENT_PATHS } from './urls.ts';

/** llms.txt is read whole into a context window; past this it has stopped being a summary. */
export const LLMS_TXT_MAX_CHARS = 50_000;
const OPTIONAL_STATUSES = new Set(['draft', 'deprecated', 'archived']);
export const START_HERE = 'Start here';
export const MOVED_PAGES = 'Moved pages';

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

// Titles and descriptions are authors' text: escaped, so none can forge a link or a section here.
const entry = (d: IndexedDoc, note = '') => `- ${markdownLink(d.frontmatter.title, d.mdUrl)}: ${note}${markdownText(d.frontmatter.description)}`;

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
	const groups: { label: string; docs: IndexedDoc[]; note?: (d: IndexedDoc) => string }[] = [
		{ label: START_HERE, docs: rootDocs },
		...index.sections.map((section) => ({ label: section.label, docs: section.docs.map((id) => byId.get(id)!).filter((d) => !optional(d)) })),
		{ label: 'Optional', docs: llmsOrder(index).filter(optional), note: (d: IndexedDoc) => `(${d.frontmatter.status}) ` },
	];
	// Old URLs of moved pages (the index's `redirects`), so an agent holding one finds where it went;
	// before Optional, which the format keeps last. Each line starts with the old URL, not a link:
	// the page itself is listed once, in its section.
	const moved = index.redirects.map((r) => `- ${r.from} moved to ${markdownLink(byId.get(r.id)!.frontmatter.title, byId.get(r.id)!.mdUrl)}`);
	const render = (perSection: number) => {
		const out = [...lines];
		for (const group of groups) {
			if (group.label === 'Optional' && moved.length) out.push('', markdownHeading(2, MOVED_PAGES), '', ...moved);
			if (group.docs.length === 0) continue;
			out.push('', markdownHeading(2, group.label), '', ...shortlist(group.docs, perSection).map((d) => entry(d, group.note?.(d))));
			const more = group.docs.length - perSection;
			if (more > 0) {
				const overview = group.docs.find((d) => d.frontmatter.kind === 'overview');
				out.push(`- …and ${more} more pages${overview ? `, listed by ${markdownLink(overview.frontmatter.title, overview.mdUrl)}` : ''}; every page is in ${abs(AGENT_PATHS.index)}`);
			}
		}
		return `${out.join('\n')}\n`;
	};
	// Every page when it fits; a large site gets the most useful pages of each section (overviews,
	// then runbooks) and a pointer to the rest, so llms.txt stays a summary at any size.
	const longest = Math.max(...groups.map((g) => g.docs.length));
	let text = render(longest);
	for (let perSection = longest; text.length > LLMS_TXT_MAX_CHARS && perSection > 1; ) {
		perSection = Math.max(1, Math.floor(perSection * 0.8));
		text = render(perSection);
	}
	if (text.length > LLMS_TXT_MAX_CHARS) {
		throw new Error(`llms.txt is ${text.length} characters even with one page per section, expected at most ${LLMS_TXT_MAX_CHARS}: shorten the site description or the section overviews' descriptions`);
	}
	return text;
}

const KIND_ORDER: Record<string, number> = { overview: 0, runbook: 1, guide: 2, reference: 3, adr: 4 };

/** The first `count` docs by usefulness to an agent (overview, runbook, guide, …), in their listed order. */
function shortlist(docs: IndexedDoc[], count: number): IndexedDoc[] {
	if (docs.length <= count) return docs;
	const keep = new Set([...docs].map((d, i) => ({ d, i })).sort((a, b) => (KIND_ORDER[a.d.frontmatter.kind] ?? 9) - (KIND_ORDER[b.d.frontmatter.kind] ?? 9) || a.i - b.i).slice(0, count).map(({ d }) => d));
	return docs.filter((d) => keep.has(d));
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
