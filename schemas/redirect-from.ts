import { z } from 'astro/zod';

/**
 * `redirect_from`: the addresses a page was published at before it was renamed or moved, written
 * as the site path an engineer bookmarked (`/11-infrastructure/old-name/`), exactly as it stands in
 * published-urls.txt. The build turns each into a redirect to the page (a static redirect page and
 * the nginx map, src/lib/redirects.ts). Only the shape is checked here: whether a path is a live
 * page, or claimed by a second page, needs every page, which the check has
 * (scripts/check/rules/redirects.ts).
 */

/** Lowercase words of letters and digits joined by `-`, as the docs folder names are (scripts/check/rules/files.ts). */
const SEGMENT = '[a-z0-9]+(?:-[a-z0-9]+)*';
export const REDIRECT_PATH = new RegExp(`^/(?:${SEGMENT}/)+$`);
/** First segments the site itself publishes under: a redirect there would shadow them. */
export const RESERVED_FIRST_SEGMENTS = ['tags', 'pagefind', 'vendor'] as const;

/** The path a bookmark most likely meant, for the hint: `11-infrastructure/old.mdx` → `/11-infrastructure/old/`. */
export function suggestedRedirectPath(input: string): string | undefined {
	const trimmed = input.trim().replace(/^https?:\/\/[^/]+/i, '').replace(/[?#].*$/, '').replace(/(?:\/(?:readme|index))?\.(?:mdx?|html)$/i, '');
	const path = `/${trimmed.split('/').filter(Boolean).join('/').toLowerCase()}/`;
	return REDIRECT_PATH.test(path) && path !== input ? path : undefined;
}

export const redirectPathSchema = z
	.string()
	.regex(REDIRECT_PATH, {
		error: (iss) => {
			const value = String(iss.input);
			const hint = suggestedRedirectPath(value);
			return `Unexpected redirect_from entry \`${value}\`, expected the old page's site path: a leading and a trailing \`/\`, lowercase words of letters and digits joined by \`-\` (e.g. \`/11-infrastructure/old-name/\`)${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
		},
	})
	.superRefine((value, ctx) => {
		const first = value.split('/')[1]!;
		if (REDIRECT_PATH.test(value) && (RESERVED_FIRST_SEGMENTS as readonly string[]).includes(first)) {
			ctx.addIssue({ code: 'custom', message: `Unexpected redirect_from entry \`${value}\` under \`/${first}/\`, which the site itself publishes; expected the path of a former doc page` });
		}
	})
	.describe('A site path this page was published at before it moved, e.g. `/11-infrastructure/old-name/`: it redirects here.');

export const redirectFromSchema = z
	.array(redirectPathSchema, {
		error: (iss) => (iss.code === 'invalid_type' ? `Unexpected redirect_from ${JSON.stringify(iss.input)}, expected a list of old site paths such as \`["/11-infrastructure/old-name/"]\`` : undefined),
	})
	.default([])
	.superRefine((paths, ctx) => {
		const seen = new Set<string>();
		paths.forEach((path, index) => {
			if (seen.has(path)) ctx.addIssue({ code: 'custom', path: [index], message: `Unexpected second redirect_from entry \`${path}\`, expected each old path once` });
			seen.add(path);
		});
	})
	.describe(
		'Old site paths of this page (after a rename or a move), each redirected here by the build and by nginx, so bookmarks, alert runbook_url links and agents\' cached URLs keep working. A path must not be a live page nor be claimed by a second page. Removing a page\'s URL from the site without listing it here fails `npm run check` (published-urls.txt).',
	);
