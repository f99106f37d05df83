/**
 * The NeoTool docs frontmatter: the one schema the Astro content collection, the authors' check
 * and the agents' index all import. Every field carries `.describe()` so the generated JSON Schema
 * doubles as the authors' reference (hover text in editors).
 */
import { z } from 'astro/zod';
import { categorySchema } from './category.ts';
import { lastReviewedSchema, lastUpdatedSchema } from './dates.ts';
import { docTypeSchema } from './doc-type.ts';
import { kindSchema } from './kind.ts';
import { relatedSchema } from './related.ts';
import { ownerSchema, reviewFrequencySchema } from './review.ts';
import { statusSchema } from './status.ts';
import { tagsSchema } from './tags.ts';
import { versionSchema } from './version.ts';

const required = (field: string, example: string) => ({
	error: (iss: { input?: unknown }) =>
		iss.input === undefined ? `Missing required field \`${field}\`, expected ${example}` : `Unexpected ${JSON.stringify(iss.input)} as ${field}, expected ${example}`,
});

export const frontmatterShape = {
	title: z.string(required('title', 'a short page title')).min(1).describe('Page title, shown as the H1 and in search results.'),
	description: z
		.string(required('description', 'one sentence of at most 200 characters'))
		.min(1)
		.max(200, { error: (iss) => `Unexpected description of ${String((iss.input as string)?.length)} characters, expected at most 200` })
		.describe('One sentence saying what the page is for; used in search results, link previews and llms.txt. At most 200 characters.'),
	type: docTypeSchema,
	category: categorySchema,
	kind: kindSchema,
	status: statusSchema,
	version: versionSchema,
	tags: tagsSchema,
	related: relatedSchema,
	last_updated: lastUpdatedSchema,
	last_reviewed: lastReviewedSchema.optional(),
	owner: ownerSchema,
	review_frequency: reviewFrequencySchema,
	search_keywords: z
		.array(z.string().min(1))
		.default([])
		.describe('Extra words people type when looking for this page (synonyms, error messages, tool names); weighted in search.'),
	ai_optimized: z.boolean().default(false).describe('True when the page is written for agents too: self-contained sections, explicit commands, no meaning carried only by layout.'),
} as const;

/** The project's own fields; Starlight's (`sidebar`, `template`, …) are merged in by `docsSchema({ extend })`. */
export const frontmatterSchema = z.object(frontmatterShape);

export type Frontmatter = z.output<typeof frontmatterSchema>;
export const FRONTMATTER_FIELDS = Object.keys(frontmatterShape) as (keyof typeof frontmatterShape)[];
