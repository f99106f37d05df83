/**
 * One line of /docs-chunks.jsonl: a section of a page (h2/h3, or the lead before the first one),
 * sized for retrieval. Published as /docs-chunk.schema.json; the build validates every record.
 */
import { z } from 'astro/zod';

export const docIdSchema = z
	.string()
	.regex(/^(?:index|[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*)$/)
	.describe('Doc id: the page path without the slashes around it, e.g. `11-infrastructure/k3s-setup`; the home page is `index`.');

export const chunkIdSchema = z
	.string()
	.regex(/^[^#\s]+#[^#\s~]+(?:~[0-9]+)?$/)
	.describe('Chunk id: `<doc id>#<heading anchor>`, with `~2`, `~3` … for the further parts of a long section; the lead before the first heading is `#_top`.');

export const codeBlockSchema = z
	.object({
		lang: z.string().nullable().describe('Language of the fence (`bash`, `yaml`, `mermaid`, …), null when none was given.'),
		value: z.string().describe('The code, verbatim.'),
	})
	.strict();

export const docsChunkSchema = z
	.object({
		id: chunkIdSchema,
		docId: docIdSchema,
		url: z.url().describe('Absolute URL of the section on the site, with its anchor.'),
		anchor: z.string().min(1).describe('Id of the section heading in the page HTML (`_top` for the lead).'),
		part: z.int().min(1).describe('1 for a whole section or its first part; a section over ~800 tokens is split between blocks, never inside a code block.'),
		headingPath: z.array(z.string()).min(1).describe('Page title, then the h2 and h3 the section sits under.'),
		text: z.string().describe('Plain text of the section in reading order: prose without markup, lists as `- item`, tables as `a | b` rows, code blocks verbatim.'),
		code: z.array(codeBlockSchema).describe('The code blocks of the section, in order.'),
		tokens: z.int().nonnegative().describe('Token estimate of `text` (characters / 4, rounded up).'),
		prev: chunkIdSchema.nullable().describe('Previous chunk of the same page, null for the first.'),
		next: chunkIdSchema.nullable().describe('Next chunk of the same page, null for the last.'),
	})
	.strict()
	.describe('One section of a NeoTool operations doc, for retrieval (one JSON object per line of /docs-chunks.jsonl).');

export type DocsChunk = z.output<typeof docsChunkSchema>;
