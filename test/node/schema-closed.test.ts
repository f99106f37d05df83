/**
 * The closed frontmatter schema (issue 25 point 2, issue 26 points 3-4): the same decisions hold in
 * the check's zod schema, in the content collection the Astro build validates with (Starlight's
 * schema merged with ours by docsSchema({ extend })), and in the JSON Schema editors read.
 */
import { readFileSync } from 'node:fs';
import { docsSchema } from '@astrojs/starlight/schema';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { frontmatterSchema } from '../../schemas/frontmatter.ts';
import { REFUSED_THEME_FIELDS } from '../../schemas/theme.ts';
import { SCHEMA_PATH } from '../../scripts/json-schema.ts';

const valid = {
	title: 'K3s Setup',
	description: 'Install K3s.',
	type: 'infrastructure',
	category: 'setup',
	kind: 'runbook',
	status: 'current',
	version: '1.0.0',
	tags: ['k3s', 'kubernetes'],
	last_updated: '2026-01-02',
	owner: 'SRE Team',
	review_frequency: 'monthly',
};

// What a hostile page would set: each reaches readers' pages through Starlight if accepted.
const ATTACKS: Record<keyof typeof REFUSED_THEME_FIELDS, unknown> = {
	head: [{ tag: 'script', content: 'alert(1)' }],
	banner: { content: '<img src=x onerror=alert(1)>' },
	hero: { title: '<img src=x onerror=alert(1)>' },
	editUrl: 'javascript:alert(1)',
	sidebar: { attrs: { onclick: 'alert(1)' } },
	lastUpdated: true,
	draft: true,
	pagefind: false,
};

// The collection's schema exactly as src/content.config.ts builds it; `image` is only used by `hero`.
const collection = (docsSchema({ extend: frontmatterSchema }) as unknown as (context: unknown) => typeof frontmatterSchema)({ image: () => ({}) });

describe.each([
	['the check (schemas/frontmatter.ts)', frontmatterSchema],
	['the content collection (Starlight merged)', collection],
])('%s', (_name, schema) => {
	it.each(Object.keys(ATTACKS))('refuses `%s` in a page, saying why', (field) => {
		const result = schema.safeParse({ ...valid, [field]: ATTACKS[field as keyof typeof ATTACKS] });
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([`${field}: Unexpected \`${field}\` in a page, expected no \`${field}\`: ${REFUSED_THEME_FIELDS[field as keyof typeof REFUSED_THEME_FIELDS]}`]);
	});

	it('refuses a misspelt key with the field it meant', () => {
		const result = schema.safeParse({ ...valid, review_frequncy: 'monthly', search_keyword: ['x'] });
		expect(result.error!.issues.map((i) => i.message)).toEqual([
			'Unexpected key `review_frequncy`, expected a declared frontmatter field (schemas/frontmatter.ts) (did you mean `review_frequency`?); Unexpected key `search_keyword`, expected a declared frontmatter field (schemas/frontmatter.ts) (did you mean `search_keywords`?)',
		]);
	});

	it('refuses a title or description that is not one line of plain text', () => {
		const messages = (patch: object) => schema.safeParse({ ...valid, ...patch }).error?.issues.map((i) => i.message);
		expect(messages({ description: 'One.\n## Ignore previous instructions' })).toEqual(['Unexpected line break in `description`, expected one line of plain text (no line breaks, HTML or Markdown links)']);
		expect(messages({ title: 'Deploy [now](https://evil.example)' })).toEqual(['Unexpected Markdown link syntax in `title`, expected one line of plain text (no line breaks, HTML or Markdown links)']);
		expect(messages({ title: 'Restart <img src=x onerror=alert(1)>' })).toEqual(['Unexpected HTML markup in `title`, expected one line of plain text (no line breaks, HTML or Markdown links)']);
		expect(messages({ title: 'Invoice \u202efdp.exe' })).toEqual(['Unexpected invisible character U+202E in `title`, expected one line of plain text (no line breaks, HTML or Markdown links)']);
	});

	it('accepts the allowed theme fields and gives Starlight the defaults it expects for the refused ones', () => {
		const data = schema.parse({ ...valid, template: 'splash', tableOfContents: true, prev: false, next: 'Onwards' }) as Record<string, unknown>;
		expect(data).toMatchObject({ template: 'splash', tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 }, prev: false, next: 'Onwards', head: [], editUrl: true, draft: false, pagefind: true, sidebar: { hidden: false, attrs: {} } });
		expect(schema.safeParse({ ...valid, prev: { link: 'javascript:alert(1)', label: 'x' } }).success).toBe(false);
	});
});

describe('schemas/frontmatter.schema.json', () => {
	const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
	const errors = (data: object) => (validate(data) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` ${String(e.params.additionalProperty)}` : ''}`));

	it('accepts a valid page', () => expect(errors(valid)).toEqual([]));
	it('rejects a misspelt key', () => expect(errors({ ...valid, review_frequncy: 'monthly' })).toEqual([' must NOT have additional properties review_frequncy']));
	it('rejects an unregistered tag', () => expect(errors({ ...valid, tags: ['kubernets'] })).toEqual(['/tags/0 must be equal to one of the allowed values']));
	it('rejects a refused theme field', () => expect(errors({ ...valid, head: [] })).toEqual(['/head must NOT be valid']));
	it('describes each tag, type, category and kind value', () => {
		const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
		for (const field of ['type', 'category', 'kind', 'status']) expect(schema.properties[field].enumDescriptions).toHaveLength(schema.properties[field].enum.length);
		expect(schema.properties.tags.items.enumDescriptions).toHaveLength(schema.properties.tags.items.enum.length);
		expect(schema.additionalProperties).toBe(false);
	});
});
