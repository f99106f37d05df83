/**
 * `npm run schema`: the frontmatter's JSON Schema, generated from THE zod schema (schemas/), written
 * to schemas/frontmatter.schema.json for editors (YAML language server) and other tools. Committed
 * and deterministic: a test regenerates it and compares, so it cannot drift from the zod schema.
 * `--check` compares without writing and exits 1 when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'astro/zod';
import { CATEGORIES } from '../schemas/category.ts';
import { DOC_TYPES } from '../schemas/doc-type.ts';
import { frontmatterSchema } from '../schemas/frontmatter.ts';
import { KINDS } from '../schemas/kind.ts';
import { STATUSES } from '../schemas/status.ts';
import { TAG_REGISTRY } from '../schemas/tag-registry.ts';
import { TAGS } from '../schemas/tags.ts';
import { REFUSED_THEME_FIELDS } from '../schemas/theme.ts';

export const SCHEMA_PATH = resolve(import.meta.dirname, '../schemas/frontmatter.schema.json');

export function frontmatterJsonSchema(): string {
	// `input`: what an author writes (defaults optional, a YAML date accepted); `any` for the YAML
	// Date branch of last_updated, which JSON cannot express (the string branch keeps its description).
	const { $schema, ...schema } = z.toJSONSchema(frontmatterSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };
	// last_updated is `Date | string` plus a transform in zod (YAML parses an unquoted date as a Date),
	// which comes out as "anything"; editors' YAML language server sees the unquoted date as text, so
	// the useful shape for them is the ISO string the transform requires.
	for (const field of ['last_updated', 'last_reviewed']) {
		const date = schema.properties[field]!;
		schema.properties[field] = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-01-02'], description: date.description };
	}
	// Each closed vocabulary as an enum with one description per value (`enumDescriptions`, which
	// VS Code's JSON and YAML language servers show on completion). Tags are checked in zod by a
	// refinement (for its kebab-case hint), which JSON Schema cannot express: the enum stands in.
	const withDescriptions = (registry: Record<string, string>, values: readonly string[] = Object.keys(registry)) => ({ type: 'string', enum: [...values], enumDescriptions: values.map((v) => registry[v]!) });
	for (const [field, registry] of [['type', DOC_TYPES], ['category', CATEGORIES], ['kind', KINDS], ['status', STATUSES]] as const) {
		schema.properties[field] = { ...schema.properties[field], ...withDescriptions(registry) };
	}
	const tags = schema.properties.tags!;
	tags.items = { ...(tags.items as object), ...withDescriptions(TAG_REGISTRY, TAGS) };
	tags.uniqueItems = true;
	// A refused theme field is never valid; its description says why (editors show it on hover).
	for (const field of Object.keys(REFUSED_THEME_FIELDS)) schema.properties[field] = { not: {}, description: schema.properties[field]!.description };
	const document = {
		$schema,
		$id: 'https://docs.neotool.io/schemas/frontmatter.schema.json',
		title: 'NeoTool docs frontmatter',
		description: 'Frontmatter of a page under src/content/docs. Generated from schemas/frontmatter.ts by `npm run schema`; do not edit.',
		...schema,
		// Closed, as the zod schema is: a misspelt key is an error in the editor too.
		additionalProperties: false,
	};
	return `${JSON.stringify(document, null, '\t')}\n`;
}

if (import.meta.main) {
	const fresh = frontmatterJsonSchema();
	const current = (() => {
		try {
			return readFileSync(SCHEMA_PATH, 'utf8');
		} catch {
			return '';
		}
	})();
	if (process.argv.includes('--check')) {
		if (current !== fresh) {
			console.error('schemas/frontmatter.schema.json is out of date with schemas/frontmatter.ts; run `npm run schema`');
			process.exit(1);
		}
	} else if (current !== fresh) {
		writeFileSync(SCHEMA_PATH, fresh);
		console.log('wrote schemas/frontmatter.schema.json');
	} else console.log('schemas/frontmatter.schema.json is up to date');
}
