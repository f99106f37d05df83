/** The committed JSON Schema is exactly what the zod schema generates, and it judges frontmatter as zod does. */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { frontmatterJsonSchema, SCHEMA_PATH } from '../../scripts/json-schema.ts';

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
});
