/**
 * `npm run urls`: writes published-urls.txt, the contract of published page URLs (src/lib/redirects.ts),
 * from the docs folder: every page's path and every redirected old path, the same list the build writes to dist/published-urls.txt.
 * Run it after adding pages and commit the list. It refuses to drop a path that is neither a page
 * nor a redirect: that is a lost URL, which `redirect_from` on the page that replaces it fixes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DocTree } from '../src/lib/doc-tree.ts';
import { claimsOfTree, listedPaths, parseUrlList, publishedPaths, redirectsOf, renderUrlList, URL_LIST_FILE } from '../src/lib/redirects.ts';
import { DOCS_DIR } from '../src/lib/site-config.ts';

const out = resolve(process.argv[2] ?? URL_LIST_FILE);
const tree = new DocTree(DOCS_DIR);
const paths = publishedPaths(tree);
const previous = existsSync(out) ? parseUrlList(readFileSync(out, 'utf8')) : [];
const redirected = new Set(redirectsOf(claimsOfTree(tree)).map((r) => r.from));
const live = new Set(paths);
const lost = previous.filter((p) => !live.has(p.path) && !redirected.has(p.path));
if (lost.length) {
	for (const { path, line } of lost) console.error(`${URL_LIST_FILE}:${line}:1 url-lost Unexpected lost URL \`${path}\`, expected \`redirect_from: ["${path}"]\` on the page that replaces it (npm run check names the nearest page)`);
	console.error(`urls: ${URL_LIST_FILE} left as it was: a published URL may not be dropped.`);
	process.exit(1);
}
const list = listedPaths(tree);
const added = list.filter((p) => !previous.some((q) => q.path === p));
writeFileSync(out, renderUrlList(list));
console.error(`urls: ${URL_LIST_FILE}: ${list.length} URLs (${added.length} added).`);
