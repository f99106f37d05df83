import { z } from 'astro/zod';

/**
 * Paths relative to the docs root, exactly as the SRE seed writes them
 * (`02-architecture/infrastructure-architecture.md`), so a `related` list means the same thing
 * whichever folder the page sits in. Only the shape is checked here; whether the target exists
 * needs the file system, which the build plugin and the checker have (src/lib/doc-graph.ts).
 */
export const relatedPathSchema = z
	.string()
	.regex(/^(?!\.{0,2}\/)(?![a-z][a-z0-9+.-]*:)[^#?\s]+(?:\.mdx?|\/)$/i, {
		error: (iss) =>
			`Unexpected related entry \`${String(iss.input)}\`, expected a path from the docs root such as \`08-workflows/deployment-workflow.md\` (no leading \`./\`, \`../\` or \`/\`), or a folder ending in \`/\``,
	})
	.describe('Path of a related doc from the docs root, as in the seed: `08-workflows/deployment-workflow.md`, or a section folder `09-security/`.');

export const relatedSchema = z
	.array(relatedPathSchema)
	.default([])
	.describe('Docs a reader of this page is likely to need next; shown as a Related list on the page and as "Referenced by" on each target.');
