/** The committed JSON Schema is exactly what the zod schema generates, and it judges frontmatter as zod does. */
import { readFileSync } from 'node:fs';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { frontmatterJsonSchema, SCHEMA_PATH } from '../../scripts/json-schema.ts';
import { frontmatterSchema } from '../../schemas/frontmatter.ts';

const frontmatterOf = (path: string) => parse(readFileSync(path, 'utf8').split('---')[1]!, { schema: 'core' }) as Record<string, unknown>;

describe('schemas/frontmatter.schema.json', () => {
	it('equals a fresh generation (run `npm run schema` after changing schemas/)', () => {
		expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(frontmatterJsonSchema());
	});

	it('accepts a valid page and rejects a wrong enum value, like the zod schema', () => {
		const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
		expect(validate(frontmatterOf('test/fixtures/check/frontmatter-schema/ok.mdx'))).toBe(true);
		expect(validate(frontmatterOf('test/fixtures/check/frontmatter-schema/not-ok.mdx'))).toBe(false);
		expect(validate.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual(['/type must be equal to one of the allowed values']);
	});

	/** The ok fixture with a misspelt key (`review_frequncy` for `review_frequency`) and a tag no registry entry has. */
	const misspelt = () => {
		const { review_frequency, ...rest } = frontmatterOf('test/fixtures/check/frontmatter-schema/ok.mdx');
		return { ...rest, review_frequncy: review_frequency, tags: ['operations', 'kubernets'] };
	};
	/** What any editor validating with the schema must flag, written from the two slips (plus the required key the misspelling leaves out). */
	const SLIPS = [
		' must have required property \'review_frequency\'',
		' must NOT have additional properties (review_frequncy)',
		'/tags/1 must be equal to one of the allowed values',
	];
	const errorsOf = (schema: object, data: unknown) => {
		const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
		expect(validate(data)).toBe(false);
		return validate.errors!.map((e) => `${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`).sort();
	};

	it('rejects a misspelt key and an unknown tag (what the YAML language server shows for *.frontmatter.yaml)', () => {
		expect(errorsOf(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')), misspelt())).toEqual([...SLIPS].sort());
	});

	it('rejects them in the content-collection schema Astro generates for its VS Code extension (.astro/collections/docs.schema.json), which checks the pages themselves', () => {
		// As src/content.config.ts declares the collection and Astro's types generator turns it into JSON Schema.
		const collection = (docsSchema({ extend: frontmatterSchema }) as unknown as (ctx: { image: () => z.ZodType }) => z.ZodType)({ image: () => z.string() });
		const schema = z.toJSONSchema(collection, { io: 'input', unrepresentable: 'any' });
		expect(errorsOf(schema, misspelt())).toEqual([...SLIPS].sort());
		// …and each tag's meaning rides along for completion and hover.
		const tagItems = (schema as unknown as { properties: { tags: { items: { enum: string[]; enumDescriptions: string[] } } } }).properties.tags.items;
		expect(tagItems.enumDescriptions).toHaveLength(tagItems.enum.length);
	});
});
