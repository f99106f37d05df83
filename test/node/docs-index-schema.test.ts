import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { indexedFrontmatterSchema } from '../../schemas/docs-index.ts';
import { FRONTMATTER_FIELDS } from '../../schemas/frontmatter.ts';

// Agents read the published /docs-index.schema.json to learn what a field means; a field described in
// the frontmatter schema but blank there (zod 4 keeps a description on the schema `.describe()` was
// called on, not on the `.optional()` around it) was the case for last_reviewed.
describe('docs-index JSON Schema', () => {
	const properties = (z.toJSONSchema(indexedFrontmatterSchema) as { properties: Record<string, { description?: string }> }).properties;
	it.each([...FRONTMATTER_FIELDS])('describes the frontmatter field %s', (field) => {
		expect(properties[field]?.description ?? '').not.toBe('');
	});
});
