/**
 * `npm run review-routing [-- --check]`: writes the files GitHub routes a docs pull request by, from
 * the sources that own those facts, so they cannot drift:
 * - `.github/CODEOWNERS`: one line per page, its frontmatter `owner` mapped to a GitHub team by
 *   `src/data/owners.yaml` (the standards promise an owner's review on every page);
 * - `.github/pull_request_template.md`: the runbook review checklist, taken from the documentation
 *   standards page, where it is written once.
 * `--check` writes nothing and exits 1 naming each stale file (CI and `npm test` run it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { DocTree } from '../src/lib/doc-tree.ts';
import { readFrontmatter } from '../src/lib/frontmatter.ts';
import { codeowners, prTemplate, type Owners } from './review-routing/render.ts';

const root = resolve(import.meta.dirname, '..');
const docsDir = join(root, 'src/content/docs');
const owners = load(readFileSync(join(root, 'src/data/owners.yaml'), 'utf8')) as Owners;
const tree = new DocTree(docsDir);
const pages = tree.docs().map((rel) => ({ path: `src/content/docs/${rel}`, owner: String(readFrontmatter(tree.read(rel)).raw?.owner ?? '') }));
const standards = readFileSync(join(docsDir, '12-specification-driven-dev/documentation-standards.mdx'), 'utf8');

let outputs: [string, string][];
try {
	outputs = [
		['.github/CODEOWNERS', codeowners(pages, owners)],
		['.github/pull_request_template.md', prTemplate(standards)],
	];
} catch (error) {
	console.error(`review-routing: ${(error as Error).message}`);
	process.exit(1);
}

const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, text] of outputs) {
	const file = join(root, rel);
	let current = '';
	try {
		current = readFileSync(file, 'utf8');
	} catch {}
	if (current === text) continue;
	if (check) {
		stale++;
		console.error(`${rel} is out of date with the pages' owners and the review checklist; run \`npm run review-routing\` and commit it`);
	} else {
		writeFileSync(file, text);
		console.log(`wrote ${rel}`);
	}
}
process.exit(stale ? 1 : 0);
