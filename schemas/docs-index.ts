/**
 * The agents' index, /docs-index.json: the single source of its shape. The build validates its
 * output against this schema, publishes it as JSON Schema (/docs-index.schema.json) and writes the
 * keys in the order declared here. Frontmatter pieces come from the frontmatter schema itself, in
 * their normalised form (dates as ISO strings, `related` as doc ids, tags as the registry's enum).
 */
import { z } from 'astro/zod';
import { chunkIdSchema, docIdSchema } from './docs-chunk.ts';
import { frontmatterShape } from './frontmatter.ts';
import { REDIRECT_PATH } from './redirect-from.ts';
import { TAGS } from './tags.ts';

/** Bump MAJOR when a field is removed or changes meaning, MINOR when one is added. */
export const DOCS_INDEX_SCHEMA_VERSION = '1.2.0';

const tagEnum = z.enum(TAGS).describe('A tag from the registry (schemas/tag-registry.ts).');
const url = (what: string) => z.url().describe(what);
/** A field's description: zod 4 keeps it on the schema `.describe()` was called on, not on an `.optional()` wrapped around it. */
const descriptionOf = (schema: z.ZodType): string =>
	schema.description ?? (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? descriptionOf(schema.unwrap() as z.ZodType) : '');

/** Every project frontmatter field, normalised. test/build/agents-index.test.ts keeps its keys equal to FRONTMATTER_FIELDS. */
export const indexedFrontmatterSchema = z
	.object({
		title: frontmatterShape.title,
		description: frontmatterShape.description,
		type: frontmatterShape.type,
		category: frontmatterShape.category,
		kind: frontmatterShape.kind,
		status: frontmatterShape.status,
		version: frontmatterShape.version,
		tags: z.array(tagEnum).min(1).describe(descriptionOf(frontmatterShape.tags)),
		related: z.array(docIdSchema).describe('The `related` frontmatter resolved to doc ids, in the order the page lists them.'),
		redirect_from: z.array(z.string().regex(REDIRECT_PATH)).describe(descriptionOf(frontmatterShape.redirect_from)),
		last_updated: z.iso.date().describe('Date of the last substantive change, YYYY-MM-DD: the page\'s `last_updated` when it sets one, else the date (UTC) of the last Git commit that touched its file (for a file with no commit yet, the build\'s date).'),
		last_reviewed: z.iso.date().nullable().describe(descriptionOf(frontmatterShape.last_reviewed)),
		owner: frontmatterShape.owner,
		review_frequency: frontmatterShape.review_frequency,
		search_keywords: z.array(z.string().min(1)).describe(descriptionOf(frontmatterShape.search_keywords)),
		ai_optimized: z.boolean().describe(descriptionOf(frontmatterShape.ai_optimized)),
		print_binder: z.boolean().describe(descriptionOf(frontmatterShape.print_binder)),
	})
	.strict();

export const indexedHeadingSchema = z
	.object({
		depth: z.int().min(1).max(6),
		text: z.string(),
		anchor: z.string().min(1).describe('The heading id in the page HTML.'),
		url: url('Absolute URL of the heading.'),
	})
	.strict();

export const indexedDocSchema = z
	.object({
		id: docIdSchema,
		url: url('Absolute URL of the page.'),
		mdUrl: url('Absolute URL of the Markdown twin: the page URL + `index.md`.'),
		sourcePath: z.string().min(1).describe('Source file, relative to the repository root.'),
		editUrl: url('Where to edit the source on the repository host.'),
		section: z.string().nullable().describe('Top-level folder the page belongs to (see `sections`), null for pages at the docs root.'),
		frontmatter: indexedFrontmatterSchema,
		headings: z.array(indexedHeadingSchema).describe('Every heading of the body, in order (the title H1 is not in the body).'),
		wordCount: z.int().nonnegative().describe('Words in the plain text of the body.'),
		tokens: z.int().nonnegative().describe('Token estimate of the Markdown twin (characters / 4, rounded up).'),
		contentHash: z.string().regex(/^[a-f0-9]{64}$/).describe('sha256 (hex) of the Markdown twin; changes whenever what an agent reads changes.'),
		links: z.array(docIdSchema).describe('Docs this page links to in its body.'),
		backlinks: z.array(docIdSchema).describe('Docs that link to this page or list it as related.'),
		chunks: z.array(chunkIdSchema).describe('Ids of the page chunks in /docs-chunks.jsonl, in reading order.'),
	})
	.strict();

export const docsIndexSchema = z
	.object({
		$schema: url('The JSON Schema of this file.'),
		schemaVersion: z.literal(DOCS_INDEX_SCHEMA_VERSION).describe('Semver of this format.'),
		generatedAt: z.iso.datetime().describe('SOURCE_DATE_EPOCH, else the time of the last commit: the same source always gives the same index.'),
		site: z
			.object({
				title: z.string(),
				description: z.string(),
				url: url('Site root.'),
				llmsTxt: url('/llms.txt'),
				llmsFullTxt: url('/llms-full.txt: every Markdown twin in one file.'),
				chunks: url('/docs-chunks.jsonl'),
				schema: url('JSON Schema of this index.'),
				chunkSchema: url('JSON Schema of one chunk record.'),
			})
			.strict(),
		counts: z
			.object({ docs: z.int().nonnegative(), chunks: z.int().nonnegative(), words: z.int().nonnegative(), tokens: z.int().nonnegative() })
			.strict()
			.describe('Totals over all docs (tokens: of the Markdown twins).'),
		sections: z
			.array(
				z
					.object({
						dir: z.string(),
						label: z.string(),
						url: url('Section front page.').nullable(),
						docs: z.array(docIdSchema),
					})
					.strict(),
			)
			.describe('Top-level sections in reading order (src/lib/sections.ts, then any other folder).'),
		docs: z.array(indexedDocSchema).describe('Every page built from a source file, sorted by id.'),
		redirects: z
			.array(
				z
					.object({
						from: url('Absolute URL a page was published at before it moved; it redirects (HTTP 301) to `to`.'),
						to: url('Absolute URL of the page now.'),
						id: docIdSchema.describe('Doc id of the page now.'),
					})
					.strict(),
			)
			.describe('Old URLs of moved pages (their `redirect_from`), sorted by `from`: resolve a cached URL here before reporting it gone.'),
		tags: z
			.array(
				z
					.object({
						id: tagEnum,
						description: z.string(),
						url: url('Tag page.').nullable().describe('Tag page, null when no page carries the tag.'),
						docs: z.array(docIdSchema),
					})
					.strict(),
			)
			.describe('Every registered tag, with the docs that carry it.'),
		graph: z
			.object({
				edges: z.array(z.object({ from: docIdSchema, to: docIdSchema, kind: z.enum(['link', 'related']) }).strict()),
			})
			.strict()
			.describe('Doc-to-doc edges: `link` from a body link, `related` from frontmatter. Sorted by from, to, kind.'),
	})
	.strict()
	.describe('Machine-readable index of the NeoTool operations docs, for AI agents and tools.');

export type DocsIndex = z.output<typeof docsIndexSchema>;
export type IndexedDoc = z.output<typeof indexedDocSchema>;
