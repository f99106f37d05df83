/**
 * Everything the agents' interface publishes, computed from the validated content in one pure
 * pass: the index (/docs-index.json), the chunks (/docs-chunks.jsonl), the Markdown twins and
 * llms.txt / llms-full.txt. The Astro endpoints in src/pages only serialise what this returns.
 * Order is fixed everywhere (docs by id, edges by from/to/kind, keys as the schemas declare them),
 * so the same source always gives the same bytes.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { createHash } from 'node:crypto';
import { visit } from 'unist-util-visit';
import { docsChunkSchema, type DocsChunk } from '../../../schemas/docs-chunk.ts';
import { docsIndexSchema, DOCS_INDEX_SCHEMA_VERSION, type DocsIndex, type IndexedDoc } from '../../../schemas/docs-index.ts';
import type { Frontmatter } from '../../../schemas/frontmatter.ts';
import type { Dated } from '../page-dates.ts';
import { TAG_REGISTRY, type Tag } from '../../../schemas/tag-registry.ts';
import { TAGS } from '../../../schemas/tags.ts';
import type { DocGraph } from '../doc-graph.ts';
import type { DocTree } from '../doc-tree.ts';
import type { Redirect } from '../redirects.ts';
import { chunkDoc, countWords, estimateTokens, plainText } from './chunks.ts';
import { cleanTree } from './clean-tree.ts';
import { groupSections, renderLlmsFullTxt, renderLlmsTxt } from './llms.ts';
import { renderTwin } from './twin.ts';
import { siteUrls } from './urls.ts';

export interface AgentDocSource {
	id: string;
	/** Source file relative to the repository root, as Starlight's edit link has it. */
	sourcePath: string;
	/** Source file relative to the docs root (what DocTree and link resolution use). */
	rel: string;
	/** The whole file, frontmatter included. */
	source: string;
	/** Frontmatter as the content collection validated it, last_updated resolved (src/lib/page-dates.ts). */
	data: Dated<Frontmatter>;
}

export interface SiteInfo {
	title: string;
	description: string;
	url: string;
	repoUrl: string;
	editBaseUrl: string;
}

export interface AgentBuildInput {
	docs: AgentDocSource[];
	graph: DocGraph;
	tree: DocTree;
	site: SiteInfo;
	generatedAt: string;
	/** Old paths of moved pages (src/lib/redirects.ts). */
	redirects?: Redirect[];
}

export interface AgentFiles {
	index: DocsIndex;
	chunks: DocsChunk[];
	/** Markdown twin per doc id. */
	twins: Map<string, string>;
	llmsTxt: string;
	llmsFullTxt: string;
}

/** Thrown when the output does not match its own schema: the build stops with these lines. */
export class AgentSchemaError extends Error {}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function buildAgentFiles({ docs, graph, tree, site, generatedAt, redirects = [] }: AgentBuildInput): AgentFiles {
	const urls = siteUrls(site.url);
	const sorted = [...docs].sort((a, b) => byString(a.id, b.id));
	const ids = new Set(sorted.map((d) => d.id));
	const twins = new Map<string, string>();
	const allChunks: DocsChunk[] = [];
	const indexed: IndexedDoc[] = [];
	const sections = groupSections(sorted.map((d) => ({ id: d.id, rel: d.rel, title: d.data.title })));
	const sectionOfDoc = new Map(sections.flatMap((s) => s.docs.map((id) => [id, s.dir] as const)));

	for (const doc of sorted) {
		const fm = doc.data;
		const docsRootInRepo = doc.sourcePath.slice(0, doc.sourcePath.length - doc.rel.length);
		const body = cleanTree({
			rel: doc.rel,
			source: doc.source,
			tree,
			absolute: urls.absolute,
			assetUrl: (target) => `${site.repoUrl}/blob/main/${docsRootInRepo}${target}`,
		});
		const related = graph.related(doc.id).map((r) => r.id);
		const twin = renderTwin(
			{
				title: fm.title,
				description: fm.description,
				url: urls.page(doc.id),
				type: fm.type,
				category: fm.category,
				kind: fm.kind,
				status: fm.status,
				version: fm.version,
				last_updated: fm.last_updated,
				tags: [...fm.tags],
				related: related.map(urls.page),
			},
			body,
		);
		twins.set(doc.id, twin);
		const chunks = chunkDoc(doc.id, fm.title, urls.page(doc.id), body).map(validateChunk);
		allChunks.push(...chunks);
		indexed.push({
			id: doc.id,
			url: urls.page(doc.id),
			mdUrl: urls.twin(doc.id),
			sourcePath: doc.sourcePath,
			editUrl: `${site.editBaseUrl}${doc.sourcePath}`,
			section: sectionOfDoc.get(doc.id) ?? null,
			frontmatter: {
				title: fm.title,
				description: fm.description,
				type: fm.type,
				category: fm.category,
				kind: fm.kind,
				status: fm.status,
				version: fm.version,
				// Registered tags (the content schema checked them); the index types them as the registry's enum.
				tags: [...fm.tags] as Tag[],
				related,
				redirect_from: [...(fm.redirect_from ?? [])],
				last_updated: fm.last_updated,
				last_reviewed: fm.last_reviewed ?? null,
				owner: fm.owner,
				review_frequency: fm.review_frequency,
				search_keywords: [...(fm.search_keywords ?? [])],
				ai_optimized: fm.ai_optimized ?? false,
				print_binder: fm.print_binder ?? false,
			},
			headings: headingsWithAnchors(body).map((h) => ({ ...h, url: `${urls.page(doc.id)}#${h.anchor}` })),
			wordCount: countWords(body.children.map(plainText).join('\n')),
			tokens: estimateTokens(twin),
			contentHash: sha256(twin),
			links: graph.outbound(doc.id).filter((id) => ids.has(id)).sort(byString),
			backlinks: graph.backlinks(doc.id).map((r) => r.id).filter((id) => ids.has(id)).sort(byString),
			chunks: chunks.map((c) => c.id),
		});
	}

	const edges = indexed
		.flatMap((d) => [...d.links.map((to) => ({ from: d.id, to, kind: 'link' as const })), ...d.frontmatter.related.map((to) => ({ from: d.id, to, kind: 'related' as const }))])
		.sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to) || byString(a.kind, b.kind));

	const tagged = new Map<Tag, string[]>();
	for (const d of indexed) for (const tag of d.frontmatter.tags) tagged.set(tag, [...(tagged.get(tag) ?? []), d.id]);

	const index = validateIndex({
		$schema: urls.file('schema'),
		schemaVersion: DOCS_INDEX_SCHEMA_VERSION,
		generatedAt,
		site: {
			title: site.title,
			description: site.description,
			url: urls.root,
			llmsTxt: urls.file('llms'),
			llmsFullTxt: urls.file('llmsFull'),
			chunks: urls.file('chunks'),
			schema: urls.file('schema'),
			chunkSchema: urls.file('chunkSchema'),
		},
		counts: {
			docs: indexed.length,
			chunks: allChunks.length,
			words: indexed.reduce((n, d) => n + d.wordCount, 0),
			tokens: indexed.reduce((n, d) => n + d.tokens, 0),
		},
		sections: sections.map((s) => ({ dir: s.dir, label: s.label, url: ids.has(s.dir) ? urls.page(s.dir) : null, docs: s.docs })),
		docs: indexed,
		redirects: redirects.filter((r) => ids.has(r.id)).map((r) => ({ from: urls.absolute(r.from), to: urls.page(r.id), id: r.id })),
		tags: TAGS.map((tag) => ({ id: tag, description: TAG_REGISTRY[tag], url: tagged.has(tag) ? urls.absolute(`/tags/${tag}/`) : null, docs: tagged.get(tag) ?? [] })),
		graph: { edges },
	});

	const llmsTxt = renderLlmsTxt(index);
	const llmsFullTxt = renderLlmsFullTxt(index, twins);
	return { index, chunks: allChunks, twins, llmsTxt, llmsFullTxt };
}

/** Headings of the clean tree with the ids cleanTree attached (the site's ids). */
function headingsWithAnchors(tree: Root): { depth: number; text: string; anchor: string }[] {
	const out: { depth: number; text: string; anchor: string }[] = [];
	visit(tree, 'heading', (h: Heading) => {
		out.push({ depth: h.depth, text: toString(h), anchor: (h.data as { anchor: string }).anchor });
	});
	return out;
}

/** The index through its schema: proves it valid and puts keys in the schema's order. */
export function validateIndex(candidate: unknown): DocsIndex {
	const result = docsIndexSchema.safeParse(candidate);
	if (!result.success) {
		const lines = result.error.issues.slice(0, 20).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
		throw new AgentSchemaError(`docs-index.json does not match schemas/docs-index.ts (${result.error.issues.length} problem(s)); fix the builder in src/lib/agents/ or the schema:\n${lines.join('\n')}`);
	}
	return result.data;
}

/** A chunk through its schema, like the index: valid, keys in the schema's order. */
export function validateChunk(candidate: unknown): DocsChunk {
	const result = docsChunkSchema.safeParse(candidate);
	if (!result.success) {
		const id = (candidate as { id?: string }).id ?? '(no id)';
		const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
		throw new AgentSchemaError(`docs-chunks.jsonl record ${id} does not match schemas/docs-chunk.ts; fix the chunker in src/lib/agents/chunks.ts or the schema:\n${lines.join('\n')}`);
	}
	return result.data;
}

/** One chunk record per line, keys in schema order. */
export const renderChunksJsonl = (chunks: DocsChunk[]) => chunks.map((c) => JSON.stringify(c)).join('\n') + (chunks.length ? '\n' : '');
export const renderIndexJson = (index: DocsIndex) => `${JSON.stringify(index)}\n`;
