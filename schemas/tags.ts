import { z } from 'astro/zod';
import { unexpectedValue } from './suggest.ts';
import { TAG_REGISTRY, type Tag } from './tag-registry.ts';

export const TAGS = Object.keys(TAG_REGISTRY).sort() as [Tag, ...Tag[]];
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const tagSchema = z
	.string({ error: (iss) => `Unexpected ${typeof iss.input} as a tag, expected a kebab-case string` })
	.superRefine((value, ctx) => {
		if (!KEBAB.test(value)) {
			ctx.addIssue({ code: 'custom', message: `Unexpected tag \`${value}\`, expected kebab-case (lowercase words joined by \`-\`, e.g. \`${value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}\`)` });
		} else if (!(value in TAG_REGISTRY)) {
			ctx.addIssue({ code: 'custom', message: `${unexpectedValue(value, TAGS, 'tag', 'schemas/tag-registry.ts')}; register new tags there` });
		}
	})
	// The registry as an enum in every JSON Schema generated from this one (zod copies `.meta()` into it):
	// Astro's content-collection schema, which its VS Code extension validates pages' frontmatter with,
	// and schemas/frontmatter.schema.json. zod itself judges by the refinement above, for its hints.
	.meta({
		description: 'A registered tag (see schemas/tag-registry.ts): kebab-case, one concept per tag.',
		enum: TAGS,
		enumDescriptions: TAGS.map((tag) => TAG_REGISTRY[tag]),
	});

export const tagsSchema = z
	.array(tagSchema, { error: (iss) => (iss.input === undefined ? 'Missing required field `tags`, expected a list of registered tags such as [kubernetes, operations]' : `Unexpected ${JSON.stringify(iss.input)} as tags, expected a list such as [kubernetes, operations]`) })
	.min(1, { error: 'Unexpected empty `tags`, expected at least one registered tag' })
	.refine((tags) => new Set(tags).size === tags.length, { error: 'Unexpected duplicate tag, expected each tag once' })
	.describe('Registered tags for the page; each links to a tag page and feeds the search filter.');
