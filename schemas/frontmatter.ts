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
import { plainText } from './plain-text.ts';
import { printBinderSchema } from './print-binder.ts';
import { relatedSchema } from './related.ts';
import { redirectFromSchema } from './redirect-from.ts';
import { ownerSchema, reviewFrequencySchema } from './review.ts';
import { statusSchema } from './status.ts';
import { closest } from './suggest.ts';
import { tagsSchema } from './tags.ts';
import { REFUSED_THEME_FIELDS, themeShape } from './theme.ts';
import { versionSchema } from './version.ts';

export const frontmatterShape = {
	title: plainText('title', 'a short page title').describe('Page title, shown as the H1 and in search results. One line of plain text: no line breaks, HTML or Markdown links.'),
	description: plainText('description', 'one sentence of at most 200 characters', 200).describe(
		'One sentence saying what the page is for; used in search results, link previews and llms.txt. At most 200 characters, one line of plain text: no line breaks, HTML or Markdown links.',
	),
	type: docTypeSchema,
	category: categorySchema,
	kind: kindSchema,
	status: statusSchema,
	version: versionSchema,
	tags: tagsSchema,
	related: relatedSchema,
	redirect_from: redirectFromSchema,
	last_updated: lastUpdatedSchema,
	last_reviewed: lastReviewedSchema.optional(),
	owner: ownerSchema,
	review_frequency: reviewFrequencySchema,
	search_keywords: z
		.array(z.string().min(1))
		.default([])
		.describe('Extra words people type when looking for this page (synonyms, error messages, tool names); weighted in search.'),
	ai_optimized: z.boolean().default(false).describe('True when the page is written for agents too: self-contained sections, explicit commands, no meaning carried only by layout.'),
	print_binder: printBinderSchema,
} as const;

/** Every key a page may write: the project's fields and the theme's allowed ones (refused ones are declared to say why). */
export const FRONTMATTER_KEYS = [...Object.keys(frontmatterShape), ...Object.keys(themeShape).filter((k) => !(k in REFUSED_THEME_FIELDS))];

/** `Unexpected key …` for each key no field declares, with the nearest declared one. */
export function unknownKeyMessage(key: string): string {
	const hint = closest(key, FRONTMATTER_KEYS);
	return `Unexpected key \`${key}\`, expected a declared frontmatter field (schemas/frontmatter.ts)${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
}

/**
 * Closed: a key no field declares is an error (a misspelt `review_frequncy` would otherwise be
 * dropped silently, and an undeclared Starlight field would reach the theme unchecked). Starlight's
 * fields are merged in by `docsSchema({ extend })`; declaring each one here, in ./theme.ts, makes
 * this schema's decision the one that holds.
 */
export const frontmatterSchema = z.strictObject(
	{ ...frontmatterShape, ...themeShape },
	{ error: (iss) => (iss.code === 'unrecognized_keys' ? iss.keys.map(unknownKeyMessage).join('; ') : undefined) },
);

export type Frontmatter = z.output<typeof frontmatterSchema>;
export const FRONTMATTER_FIELDS = Object.keys(frontmatterShape) as (keyof typeof frontmatterShape)[];
