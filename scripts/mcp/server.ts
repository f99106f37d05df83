/**
 * The docs as an MCP server: four read-only tools over a built site's index, chunks and twins.
 * Every tool returns `structuredContent` matching its output schema, plus the same as text for
 * clients that only read `content`. The same server runs over stdio and over HTTP (scripts/mcp/http.ts):
 * `prepareDocs` does the expensive part (the search index) once; `createDocsServer` is cheap enough
 * to run per HTTP request, as a stateless transport needs.
 *
 * Every request's work is bounded: the query by QUERY_LIMITS, fuzzy/prefix expansion by EXPANSION,
 * each response by MAX_RESPONSE_CHARS (long pages are read in parts with `offset`) and list sizes.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { z } from 'astro/zod';
import { CATEGORIES } from '../../schemas/category.ts';
import { DOC_TYPES } from '../../schemas/doc-type.ts';
import { docsChunkSchema } from '../../schemas/docs-chunk.ts';
import { indexedDocSchema, type IndexedDoc } from '../../schemas/docs-index.ts';
import { KINDS } from '../../schemas/kind.ts';
import { STATUSES } from '../../schemas/status.ts';
import { unexpectedValue } from '../../schemas/suggest.ts';
import { TAGS } from '../../schemas/tags.ts';
import { findDocId, type BuiltDocs } from '../../src/lib/agents/dist.ts';
import { movedDoc } from '../../src/lib/agents/moved.ts';
import { createSearch, DEFAULT_PER_DOC, matchesFilters, MAX_SEARCH_LIMIT, QUERY_LIMITS, queryProblem, type DocFilters } from '../../src/lib/agents/search.ts';

const READ_ONLY = { readOnlyHint: true, idempotentHint: true, destructiveHint: false, openWorldHint: false } as const;

/** Characters of page text one response carries at most; a longer page is read in parts with `offset`. */
export const MAX_RESPONSE_CHARS = 60_000;
/** Docs one list_docs/related_docs response carries at most. */
export const MAX_LIST = 200;

/**
 * A filter's allowed values are the frontmatter schema's (schemas/), so a value the docs cannot carry
 * is refused with the list instead of answering an empty result; the JSON Schema lists them too.
 */
const oneOf = (values: readonly string[], what: string) =>
	z.enum(values as [string, ...string[]], { error: (issue: { input?: unknown }) => unexpectedValue(issue.input, values, what) });

function filterShape(built: BuiltDocs) {
	const sections = built.index.sections.map((s) => s.dir);
	return {
		type: oneOf(Object.keys(DOC_TYPES), 'type').optional().describe('Documentation family, e.g. `infrastructure`, `security`, `architecture`.'),
		category: oneOf(Object.keys(CATEGORIES), 'category').optional().describe('Operational concern, e.g. `troubleshooting`, `disaster-recovery`, `scaling`.'),
		kind: oneOf(Object.keys(KINDS), 'kind').optional().describe('Page shape: `runbook`, `guide`, `reference`, `overview` or `adr`.'),
		status: oneOf(Object.keys(STATUSES), 'status').optional().describe('`current`, `draft`, `deprecated` or `archived`.'),
		// Sections are the built site's top-level folders (the index lists them), not a frontmatter field.
		section: (sections.length ? oneOf(sections, 'section') : z.never()).optional().describe('Top-level folder, e.g. `11-infrastructure`.'),
		tags: z.array(oneOf(TAGS, 'tag')).max(TAGS.length).optional().describe('Only pages carrying every one of these tags.'),
	};
}

const listPage = {
	limit: z.number().int().min(1).max(MAX_LIST).default(100).describe(`At most ${MAX_LIST}.`),
	offset: z.number().int().min(0).default(0),
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
	total: z.number().int().describe('Matching sections after collapsing (at most `perDoc` per page), before limit/offset.'),
	collapsed: z.number().int().describe('Matching sections hidden by the collapse; raise `perDoc` to see them.'),
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
			docSections: z.number().int().describe('Matching sections of this page, shown or collapsed.'),
		}),
	),
};

const getDocOutput = {
	doc: indexedDocSchema,
	markdown: z.string().optional().describe(`The Markdown twin (format \`markdown\`), from \`offset\`, at most ${MAX_RESPONSE_CHARS} characters.`),
	chunks: z.array(docsChunkSchema).optional().describe('The page sections (format `json`), from `offset`.'),
	nextOffset: z.number().int().nullable().describe('Where the next part starts (pass it as `offset`), null when this is the end of the page.'),
};

const relation = z.enum(['related', 'links-to', 'related-from', 'linked-from']);
const relatedOutput = {
	id: z.string(),
	depth: z.number().int(),
	total: z.number().int(),
	docs: z.array(docSummary.extend({ distance: z.number().int(), relations: z.array(relation).describe('How the nearest doc on the path reaches this one.') })),
};

type Relation = z.output<typeof relation>;

const text = (value: unknown) => [{ type: 'text' as const, text: typeof value === 'string' ? value : JSON.stringify(value, null, 1) }];
const fail = (message: string) => ({ isError: true, content: text(message) });

/**
 * Every tool's input and output schema, built once: zod schemas are costly to construct (most of a
 * small call's CPU when built per HTTP request) and cheap to reuse.
 */
function toolSchemas(built: BuiltDocs) {
	const filters = filterShape(built);
	return {
		search: {
			input: z.object({
				query: z
					.string()
					.max(QUERY_LIMITS.chars, { error: (issue) => queryProblem(String(issue.input))! })
					.superRefine((query, ctx) => {
						const problem = query.length <= QUERY_LIMITS.chars ? queryProblem(query) : undefined;
						if (problem) ctx.addIssue({ code: 'custom', message: problem });
					})
					.describe(`What you are looking for, in plain words (at most ${QUERY_LIMITS.chars} characters, ${QUERY_LIMITS.terms} words), e.g. "restore the database from WAL".`),
				...filters,
				limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).default(10).describe(`At most ${MAX_SEARCH_LIMIT}.`),
				offset: z.number().int().min(0).default(0),
				perDoc: z.number().int().min(1).max(MAX_SEARCH_LIMIT).default(DEFAULT_PER_DOC).describe('Sections of one page shown at most; raise it to expand a page whose `docSections` is larger.'),
			}),
			output: z.object(searchOutput),
		},
		getDoc: {
			input: z.object({
				id: z.string().optional().describe('Doc id, e.g. `11-infrastructure/disaster-recovery`.'),
				url: z.string().optional().describe('Page URL, Markdown twin URL or section URL; used when id is not given.'),
				format: z.enum(['markdown', 'json']).default('markdown'),
				offset: z.number().int().min(0).default(0).describe('Where to start: a character offset into the Markdown (format `markdown`) or a section index (format `json`); use the `nextOffset` of the previous part.'),
			}),
			output: z.object(getDocOutput),
		},
		list: {
			input: z.object({ ...filters, ...listPage }),
			output: z.object({ total: z.number().int(), offset: z.number().int(), docs: z.array(docSummary) }),
		},
		related: {
			input: z.object({
				id: z.string().describe('Doc id or URL.'),
				depth: z.number().int().min(1).max(2).default(1),
			}),
			output: z.object(relatedOutput),
		},
	};
}

/** The work every server instance shares: the search index, the link graph and the tool schemas, built once. */
export function prepareDocs(built: BuiltDocs) {
	// The SDK makes a new Ajv instance per server unless given one (7% of a call's CPU over HTTP, where
	// every request is a new server); this server never asks the client for input, so one is plenty.
	return { built, search: createSearch(built).search, adjacency: adjacencyOf(built), schemas: toolSchemas(built), jsonSchemaValidator: new AjvJsonSchemaValidator() };
}
export type PreparedDocs = ReturnType<typeof prepareDocs>;

export function createDocsServer(prepared: PreparedDocs, version: string): McpServer {
	const { built, search, adjacency, schemas, jsonSchemaValidator } = prepared;
	const server = new McpServer({ name: 'neotool-docs', title: 'NeoTool Operations Docs', version }, { jsonSchemaValidator, instructions: `Search and read the ${built.index.site.title} docs (${built.index.counts.docs} pages). Start with search_docs; open a page with get_doc (Markdown). Runbooks have Prerequisites, Steps, Expected outcome, Troubleshooting and Rollback. Prefer status "current".` });

	server.registerTool(
		'search_docs',
		{
			title: 'Search the docs',
			description: `Full-text search over every section of the NeoTool operations docs (BM25, title/headings/keywords boosted). Returns sections with their page title, section URL, Markdown URL, heading path and a snippet, at most \`perDoc\` (default ${DEFAULT_PER_DOC}) per page; read the page with get_doc.`,
			inputSchema: schemas.search.input,
			outputSchema: schemas.search.output,
			annotations: { title: 'Search the docs', ...READ_ONLY },
		},
		async ({ query, limit, offset, perDoc, ...filters }) => {
			const result = search(query, filters as DocFilters, limit, offset, perDoc);
			const structured = { query, total: result.total, collapsed: result.collapsed, offset, hits: result.hits };
			const lines = result.hits.map((h, i) => `${offset + i + 1}. ${h.headingPath.join(' › ')} — ${h.url}\n   ${h.snippet}`);
			const more = result.collapsed ? ` (${result.collapsed} more sections of the same pages hidden; raise perDoc to see them)` : '';
			return { structuredContent: structured, content: text(lines.length ? `${result.total} matching sections${more}\n${lines.join('\n')}` : `No section matches "${query}".`) };
		},
	);

	server.registerTool(
		'get_doc',
		{
			title: 'Read a doc',
			description: 'One page by id (e.g. `11-infrastructure/k3s-setup`) or URL (page, twin or section URL). `markdown` returns the clean Markdown twin; `json` returns the index entry with the page sections.',
			inputSchema: schemas.getDoc.input,
			outputSchema: schemas.getDoc.output,
			annotations: { title: 'Read a doc', ...READ_ONLY },
		},
		async ({ id, url, format, offset }) => {
			const ref = id ?? url;
			if (!ref) return fail('Missing `id` or `url`, expected one of them, e.g. {"id": "11-infrastructure/k3s-setup"}');
			// An old URL of a moved page (its redirect_from) answers with the page it moved to.
			const docId = findDocId(built, ref) ?? movedDoc(built.index, ref)?.id;
			if (!docId) return fail(`Unknown doc \`${ref}\`, expected a doc id or URL from search_docs or list_docs`);
			const doc = built.docs.get(docId)!;
			if (format === 'json') {
				const chunks: z.output<typeof docsChunkSchema>[] = [];
				let size = 0;
				let next = offset;
				for (; next < doc.chunks.length; next++) {
					const chunk = built.chunksById.get(doc.chunks[next]!)!;
					size += JSON.stringify(chunk).length;
					// At least one section per part, so a caller always moves forward.
					if (chunks.length > 0 && size > MAX_RESPONSE_CHARS) break;
					chunks.push(chunk);
				}
				const structured = { doc, chunks, nextOffset: next < doc.chunks.length ? next : null };
				return { structuredContent: structured, content: text(structured) };
			}
			let whole: string;
			try {
				whole = await built.markdown(docId);
			} catch (error) {
				return fail(`Could not read \`${docId}\`: ${(error as Error).message}`);
			}
			const { part, nextOffset } = slicePart(whole, offset);
			return { structuredContent: { doc, markdown: part, nextOffset }, content: text(nextOffset === null ? part : `${part}\n\n[… page continues: call get_doc with offset ${nextOffset}]`) };
		},
	);

	server.registerTool(
		'list_docs',
		{
			title: 'List docs',
			description: 'Every page matching the filters (all pages without filters), sorted by id, with title, description, URLs and metadata.',
			inputSchema: schemas.list.input,
			outputSchema: schemas.list.output,
			annotations: { title: 'List docs', ...READ_ONLY },
		},
		async ({ limit, offset, ...filters }) => {
			const matching = built.index.docs.filter((d) => matchesFilters(d, filters as DocFilters));
			const docs = matching.slice(offset, offset + limit).map(summarise);
			return { structuredContent: { total: matching.length, offset, docs }, content: text(docs.map((d) => `- ${d.id} (${d.kind}, ${d.status}): ${d.title} — ${d.description}`).join('\n') || 'No doc matches these filters.') };
		},
	);

	server.registerTool(
		'related_docs',
		{
			title: 'Related docs',
			description: 'Docs connected to one page through `related` frontmatter and body links, both directions, up to `depth` hops (1 or 2).',
			inputSchema: schemas.related.input,
			outputSchema: schemas.related.output,
			annotations: { title: 'Related docs', ...READ_ONLY },
		},
		async ({ id, depth }) => {
			const start = findDocId(built, id);
			if (!start) return fail(`Unknown doc \`${id}\`, expected a doc id or URL from search_docs or list_docs`);
			const found = neighbours(adjacency, start, depth);
			const all = [...found].map(([docId, v]) => ({ ...summarise(built.docs.get(docId)!), distance: v.distance, relations: [...v.relations].sort() }));
			all.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1));
			const docs = all.slice(0, MAX_LIST);
			return { structuredContent: { id: start, depth, total: all.length, docs }, content: text(docs.map((d) => `- ${d.id} [${d.distance}: ${d.relations.join(', ')}]: ${d.title}`).join('\n') || 'No related doc.') };
		},
	);

	return server;
}

/**
 * Up to MAX_RESPONSE_CHARS of the Markdown from `offset`, cut at the last line break inside the part
 * (a line is never split unless it alone is longer than a part).
 */
export function slicePart(markdown: string, offset: number): { part: string; nextOffset: number | null } {
	if (offset >= markdown.length) return { part: '', nextOffset: null };
	let end = Math.min(markdown.length, offset + MAX_RESPONSE_CHARS);
	if (end < markdown.length) {
		const lineEnd = markdown.lastIndexOf('\n', end - 1);
		if (lineEnd > offset) end = lineEnd + 1;
	}
	return { part: markdown.slice(offset, end), nextOffset: end < markdown.length ? end : null };
}

type Adjacency = Map<string, { to: string; relation: Relation }[]>;

function adjacencyOf(built: BuiltDocs): Adjacency {
	const adjacent: Adjacency = new Map();
	const add = (from: string, to: string, relation: Relation) => {
		const list = adjacent.get(from) ?? [];
		list.push({ to, relation });
		adjacent.set(from, list);
	};
	for (const e of built.index.graph.edges) {
		add(e.from, e.to, e.kind === 'related' ? 'related' : 'links-to');
		add(e.to, e.from, e.kind === 'related' ? 'related-from' : 'linked-from');
	}
	return adjacent;
}

/** Breadth-first over the index's link graph, both directions, up to `depth` hops. */
function neighbours(adjacent: Adjacency, start: string, depth: number) {
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
