/**
 * The docs as an MCP server: four read-only tools over a built site's index, chunks and twins.
 * Every tool returns `structuredContent` matching its output schema, plus the same as text for
 * clients that only read `content`.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'astro/zod';
import { docsChunkSchema } from '../../schemas/docs-chunk.ts';
import { indexedDocSchema, type IndexedDoc } from '../../schemas/docs-index.ts';
import { findDocId, type BuiltDocs } from '../../src/lib/agents/dist.ts';
import { movedDoc } from '../../src/lib/agents/moved.ts';
import { createSearch, matchesFilters, MAX_SEARCH_LIMIT, type DocFilters } from '../../src/lib/agents/search.ts';

const READ_ONLY = { readOnlyHint: true, idempotentHint: true, destructiveHint: false, openWorldHint: false } as const;

const filterShape = {
	type: z.string().optional().describe('Documentation family, e.g. `infrastructure`, `security`, `architecture`.'),
	category: z.string().optional().describe('Operational concern, e.g. `troubleshooting`, `disaster-recovery`, `scaling`.'),
	kind: z.string().optional().describe('Page shape: `runbook`, `guide`, `reference`, `overview` or `adr`.'),
	status: z.string().optional().describe('`current`, `draft`, `deprecated` or `archived`.'),
	section: z.string().optional().describe('Top-level folder, e.g. `11-infrastructure`.'),
	tags: z.array(z.string()).optional().describe('Only pages carrying every one of these tags.'),
};

const docSummary = z.object({
	id: z.string(),
	title: z.string(),
	description: z.string(),
	url: z.string(),
	mdUrl: z.string(),
	type: z.string(),
	category: z.string(),
	kind: z.string(),
	status: z.string(),
	section: z.string().nullable(),
	tags: z.array(z.string()),
	last_updated: z.string(),
});

const summarise = (d: IndexedDoc): z.output<typeof docSummary> => ({
	id: d.id,
	title: d.frontmatter.title,
	description: d.frontmatter.description,
	url: d.url,
	mdUrl: d.mdUrl,
	type: d.frontmatter.type,
	category: d.frontmatter.category,
	kind: d.frontmatter.kind,
	status: d.frontmatter.status,
	section: d.section,
	tags: [...d.frontmatter.tags],
	last_updated: d.frontmatter.last_updated,
});

const searchOutput = {
	query: z.string(),
	total: z.number().int().describe('Matching sections before limit/offset.'),
	offset: z.number().int(),
	hits: z.array(
		z.object({
			chunkId: z.string(),
			docId: z.string(),
			title: z.string(),
			url: z.string().describe('Absolute URL of the section, with its anchor.'),
			mdUrl: z.string().describe('Markdown twin of the whole page.'),
			headingPath: z.array(z.string()),
			kind: z.string(),
			status: z.string(),
			score: z.number(),
			snippet: z.string(),
			tokens: z.number().int(),
		}),
	),
};

const getDocOutput = {
	doc: indexedDocSchema,
	markdown: z.string().optional().describe('The Markdown twin (format `markdown`).'),
	chunks: z.array(docsChunkSchema).optional().describe('The page sections (format `json`).'),
};

const relation = z.enum(['related', 'links-to', 'related-from', 'linked-from']);
const relatedOutput = {
	id: z.string(),
	depth: z.number().int(),
	docs: z.array(docSummary.extend({ distance: z.number().int(), relations: z.array(relation).describe('How the nearest doc on the path reaches this one.') })),
};

type Relation = z.output<typeof relation>;

const text = (value: unknown) => [{ type: 'text' as const, text: typeof value === 'string' ? value : JSON.stringify(value, null, 1) }];
const fail = (message: string) => ({ isError: true, content: text(message) });

export function createDocsServer(built: BuiltDocs, version: string): McpServer {
	const server = new McpServer({ name: 'neotool-docs', title: 'NeoTool Operations Docs', version }, { instructions: `Search and read the ${built.index.site.title} docs (${built.index.counts.docs} pages). Start with search_docs; open a page with get_doc (Markdown). Runbooks have Prerequisites, Steps, Expected outcome, Troubleshooting and Rollback. Prefer status "current".` });
	const { search } = createSearch(built);

	server.registerTool(
		'search_docs',
		{
			title: 'Search the docs',
			description: 'Full-text search over every section of the NeoTool operations docs (BM25, title/headings/keywords boosted). Returns sections with their URL, heading path and a snippet; read the page with get_doc.',
			inputSchema: {
				query: z.string().min(1).describe('What you are looking for, in plain words, e.g. "restore the database from WAL".'),
				...filterShape,
				limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).default(10).describe(`At most ${MAX_SEARCH_LIMIT}.`),
				offset: z.number().int().min(0).default(0),
			},
			outputSchema: searchOutput,
			annotations: { title: 'Search the docs', ...READ_ONLY },
		},
		async ({ query, limit, offset, ...filters }) => {
			const result = search(query, filters as DocFilters, limit, offset);
			const structured = { query, total: result.total, offset, hits: result.hits };
			const lines = result.hits.map((h, i) => `${offset + i + 1}. ${h.headingPath.join(' › ')} — ${h.url}\n   ${h.snippet}`);
			return { structuredContent: structured, content: text(lines.length ? `${result.total} matching sections\n${lines.join('\n')}` : `No section matches "${query}".`) };
		},
	);

	server.registerTool(
		'get_doc',
		{
			title: 'Read a doc',
			description: 'One page by id (e.g. `11-infrastructure/k3s-setup`) or URL (page, twin or section URL). `markdown` returns the clean Markdown twin; `json` returns the index entry with the page sections.',
			inputSchema: {
				id: z.string().optional().describe('Doc id, e.g. `11-infrastructure/disaster-recovery`.'),
				url: z.string().optional().describe('Page URL, Markdown twin URL or section URL; used when id is not given.'),
				format: z.enum(['markdown', 'json']).default('markdown'),
			},
			outputSchema: getDocOutput,
			annotations: { title: 'Read a doc', ...READ_ONLY },
		},
		async ({ id, url, format }) => {
			const ref = id ?? url;
			if (!ref) return fail('Missing `id` or `url`, expected one of them, e.g. {"id": "11-infrastructure/k3s-setup"}');
			// An old URL of a moved page (its redirect_from) answers with the page it moved to.
			const docId = findDocId(built, ref) ?? movedDoc(built.index, ref)?.id;
			if (!docId) return fail(`Unknown doc \`${ref}\`, expected a doc id or URL from search_docs or list_docs`);
			const doc = built.docs.get(docId)!;
			if (format === 'json') {
				const chunks = doc.chunks.map((c) => built.chunksById.get(c)!);
				return { structuredContent: { doc, chunks }, content: text({ doc, chunks }) };
			}
			const markdown = built.markdown(docId);
			return { structuredContent: { doc, markdown }, content: text(markdown) };
		},
	);

	server.registerTool(
		'list_docs',
		{
			title: 'List docs',
			description: 'Every page matching the filters (all pages without filters), sorted by id, with title, description, URLs and metadata.',
			inputSchema: filterShape,
			outputSchema: { total: z.number().int(), docs: z.array(docSummary) },
			annotations: { title: 'List docs', ...READ_ONLY },
		},
		async (filters) => {
			const docs = built.index.docs.filter((d) => matchesFilters(d, filters as DocFilters)).map(summarise);
			return { structuredContent: { total: docs.length, docs }, content: text(docs.map((d) => `- ${d.id} (${d.kind}, ${d.status}): ${d.title} — ${d.description}`).join('\n') || 'No doc matches these filters.') };
		},
	);

	server.registerTool(
		'related_docs',
		{
			title: 'Related docs',
			description: 'Docs connected to one page through `related` frontmatter and body links, both directions, up to `depth` hops (1 or 2).',
			inputSchema: {
				id: z.string().describe('Doc id or URL.'),
				depth: z.number().int().min(1).max(2).default(1),
			},
			outputSchema: relatedOutput,
			annotations: { title: 'Related docs', ...READ_ONLY },
		},
		async ({ id, depth }) => {
			const start = findDocId(built, id);
			if (!start) return fail(`Unknown doc \`${id}\`, expected a doc id or URL from search_docs or list_docs`);
			const found = neighbours(built, start, depth);
			const docs = [...found].map(([docId, v]) => ({ ...summarise(built.docs.get(docId)!), distance: v.distance, relations: [...v.relations].sort() }));
			docs.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1));
			return { structuredContent: { id: start, depth, docs }, content: text(docs.map((d) => `- ${d.id} [${d.distance}: ${d.relations.join(', ')}]: ${d.title}`).join('\n') || 'No related doc.') };
		},
	);

	return server;
}

/** Breadth-first over the index's link graph, both directions, up to `depth` hops. */
function neighbours(built: BuiltDocs, start: string, depth: number) {
	const adjacent = new Map<string, { to: string; relation: Relation }[]>();
	const add = (from: string, to: string, relation: Relation) => adjacent.set(from, [...(adjacent.get(from) ?? []), { to, relation }]);
	for (const e of built.index.graph.edges) {
		add(e.from, e.to, e.kind === 'related' ? 'related' : 'links-to');
		add(e.to, e.from, e.kind === 'related' ? 'related-from' : 'linked-from');
	}
	const found = new Map<string, { distance: number; relations: Set<Relation> }>();
	let frontier = [start];
	for (let distance = 1; distance <= depth; distance++) {
		const next: string[] = [];
		for (const from of frontier) {
			for (const { to, relation } of adjacent.get(from) ?? []) {
				if (to === start) continue;
				const seen = found.get(to);
				if (!seen) {
					found.set(to, { distance, relations: new Set([relation]) });
					next.push(to);
				} else if (seen.distance === distance) seen.relations.add(relation);
			}
		}
		frontier = next;
	}
	return found;
}
