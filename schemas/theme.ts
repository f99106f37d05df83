/**
 * Starlight's own frontmatter fields, one decision each. Starlight merges its schema with the
 * project's (`docsSchema({ extend })`, deepMergeSchemas: a field the project declares replaces
 * Starlight's), and several of its fields carry HTML or URLs straight into every reader's page
 * (`head` adds tags such as <script>, `banner.content` and `hero` are raw HTML, `editUrl` becomes
 * the Edit link's href). So every one is declared here: allowed with a shape that carries no markup
 * and no URL, or refused in pages with the reason. A refused field still yields Starlight's own
 * default, so the theme's code sees what it would without the field.
 */
import { z } from 'astro/zod';
import { plainTextProblem } from './plain-text.ts';

/** Refused fields and why; the JSON Schema marks them as never valid (scripts/json-schema.ts). */
export const REFUSED_THEME_FIELDS = {
	head: 'a page may not add tags to <head> (scripts, meta refresh, styles); site-wide head tags live in astro.config.mjs and src/components/Head.astro',
	banner: 'its content is raw HTML; `status: deprecated` or `archived` shows the project banner',
	hero: 'its title, tagline and image take raw HTML; the home page is an ordinary page',
	editUrl: 'the Edit link is the same for every page (editLink in astro.config.mjs), so it cannot be pointed elsewhere',
	sidebar: 'the sidebar is generated from folders and titles (src/lib/sidebar.ts), so the field would do nothing; `attrs` would add arbitrary HTML attributes',
	lastUpdated: 'the date shown is `last_updated`',
	draft: 'a draft page is published with a badge: use `status: draft`',
	pagefind: 'every page is searchable, so the engineer on call finds it',
} as const satisfies Record<string, string>;

/** What Starlight's schema gives a page that does not set the field (its defaults). */
const STARLIGHT_DEFAULTS: Record<keyof typeof REFUSED_THEME_FIELDS, unknown> = {
	head: [],
	banner: undefined,
	hero: undefined,
	editUrl: true,
	sidebar: { hidden: false, attrs: {} },
	lastUpdated: undefined,
	draft: false,
	pagefind: true,
};

function refused<const F extends keyof typeof REFUSED_THEME_FIELDS>(field: F) {
	const why = REFUSED_THEME_FIELDS[field];
	const fallback = STARLIGHT_DEFAULTS[field];
	const check = z.unknown().superRefine((value, ctx) => {
		if (value !== undefined) ctx.addIssue({ code: 'custom', message: `Unexpected \`${field}\` in a page, expected no \`${field}\`: ${why}` });
	});
	// Starlight's deep merge unwraps optional/default and keeps the inner schema when it is neither
	// an object, an array nor a union, so this check replaces Starlight's field outright.
	return (fallback === undefined ? check.optional() : check.default(fallback)).describe(`Refused in pages: ${why}.`);
}

const plainLabel = (field: string) =>
	z.string().superRefine((value, ctx) => {
		const problem = plainTextProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: `Unexpected ${problem} in \`${field}\`, expected one line of plain text` });
	});

const prevNext = (field: 'prev' | 'next') =>
	z
		.union([z.boolean(), plainLabel(field)], { error: (iss) => `Unexpected ${JSON.stringify(iss.input)} as ${field}, expected \`false\` to hide the link or a plain-text label (a link target is not allowed: pagination follows the sidebar)` })
		.optional()
		.describe(`\`false\` hides the ${field === 'prev' ? 'previous' : 'next'} page link at the foot of the page; a string replaces its label (plain text). The target always follows the sidebar.`);

const headingLevel = z.int().min(1).max(6);

export const themeShape = {
	template: z
		.enum(['doc', 'splash'], { error: (iss) => `Unexpected ${JSON.stringify(iss.input)} as template, expected \`doc\` or \`splash\`` })
		.default('doc')
		.describe('Page layout: `doc` (the default) or `splash`, a wider layout without sidebars.'),
	// Normalised as Starlight's own schema does (`true` → the default levels): the theme reads the levels.
	tableOfContents: z
		.union([z.boolean(), z.strictObject({ minHeadingLevel: headingLevel.optional().describe('Shallowest heading level listed (default 2).'), maxHeadingLevel: headingLevel.optional().describe('Deepest heading level listed (default 3).') })])
		.transform((toc) => (toc === false ? false : toc === true ? { minHeadingLevel: 2, maxHeadingLevel: 3 } : { minHeadingLevel: toc.minHeadingLevel ?? 2, maxHeadingLevel: toc.maxHeadingLevel ?? 3 }))
		.optional()
		.describe('`false` hides the "On this page" list; `{ minHeadingLevel, maxHeadingLevel }` changes which headings it lists.'),
	prev: prevNext('prev'),
	next: prevNext('next'),
	head: refused('head'),
	banner: refused('banner'),
	hero: refused('hero'),
	editUrl: refused('editUrl'),
	sidebar: refused('sidebar'),
	lastUpdated: refused('lastUpdated'),
	draft: refused('draft'),
	pagefind: refused('pagefind'),
} as const;
