/**
 * Build-wide settings that tests and the benchmark override through the environment, so a fixture
 * tree builds with exactly the production configuration.
 */
import { resolve } from 'node:path';

export const DOCS_DIR = resolve(process.env.DOCS_DIR ?? 'src/content/docs');
export const OUT_DIR = resolve(process.env.OUT_DIR ?? 'dist');
// The build stages into a sibling folder (scripts/build.ts) and names the final one in ASTRO_CACHE_FOR,
// so the cache follows the final output: one cache per site, never shared between trees.
const CACHE_KEY = resolve(process.env.ASTRO_CACHE_FOR ?? OUT_DIR);
export const CACHE_DIR = CACHE_KEY === resolve('dist') ? resolve('node_modules/.astro') : `${CACHE_KEY}-cache`;
export const SITE_URL = process.env.SITE_URL ?? 'https://docs.neotool.io';
/** Running under CI (`CI=true` or `1`): steps that may be skipped locally (diagrams, the DR binder) must run there. */
export const CI = process.env.CI === 'true' || process.env.CI === '1';
/**
 * Entries on one tag page (src/pages/tags/[tag]/[...page].astro): a tag's list is split into pages of
 * this many, so no page grows with the site (issue #16). The fixture build sets a small one to page.
 */
export const TAG_PAGE_SIZE = pageSize(process.env.TAG_PAGE_SIZE);

function pageSize(value: string | undefined): number {
	if (value === undefined || value === '') return 50;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw new Error(`TAG_PAGE_SIZE=${value}: expected a whole number of entries per tag page, 1 or more`);
	return n;
}
/** Starlight's title and description; the agents' index and llms.txt repeat them. */
export const SITE_TITLE = 'NeoTool Operations';
export const SITE_DESCRIPTION = "NeoTool's infrastructure and operations documentation: runbooks, guides and architecture.";
export const REPO_URL = process.env.DOCS_REPO_URL ?? 'https://github.com/neotool/neotool';
/** Where a page's source lives in the repo, for edit links (Starlight appends the file path). */
export const EDIT_BASE_URL = `${REPO_URL}/edit/main/`;
