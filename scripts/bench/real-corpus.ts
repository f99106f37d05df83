/**
 * A large corpus made of the real docs: the tree copied as is, plus copies of every section's pages
 * in `<section>/copy-NN/` folders until there are at least N pages. Real pages are heavier than the
 * generated ones (more code, facts components, tables, diagrams). Every relative link and every
 * `related:` entry of a copy is rewritten to its own copy's page, so each copy links only inside
 * itself and the link check still has real work (and nothing broken) to find.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { SECTIONS } from '../../src/lib/sections.ts';

const LINK = /(\]\()(\.{1,2}\/[^)\s#]*)(#[^)\s]*)?(\))/g;
const RELATED_ITEM = /^(\s+-\s+)(\S+\.mdx?)\s*$/;

/** Where a page of the original tree lands in copy `k`: inside its section's `copy-NN` folder. */
function inCopy(rel: string, k: number): string {
	const [section, ...rest] = rel.split('/');
	if (rest.length === 0 || !SECTIONS.some((s) => s.dir === section)) return rel; // The home page stays single.
	return `${section}/copy-${String(k).padStart(2, '0')}/${rest.join('/')}`;
}

const asMdx = (rel: string, exists: Set<string>) => (exists.has(rel) ? rel : rel.replace(/\.md$/, '.mdx'));

/** The page a link names: a file (`x.md`, `x.mdx`) or a folder (its README or index). */
function pageOf(rel: string, exists: Set<string>): string | undefined {
	if (/\.mdx?$/.test(rel)) return exists.has(asMdx(rel, exists)) ? asMdx(rel, exists) : undefined;
	const dir = rel.replace(/\/$/, '');
	return ['README.mdx', 'README.md', 'index.mdx', 'index.md'].map((f) => (dir === '.' || dir === '' ? f : `${dir}/${f}`)).find((f) => exists.has(f));
}

/** Copy the real docs to `dir` and add copies until at least `docs` pages; returns the page count. */
export function writeRealCorpus(dir: string, realDocs: string, docs: number): number {
	mkdirSync(dir, { recursive: true });
	cpSync(realDocs, dir, { recursive: true });
	const pages = readdirSync(realDocs, { recursive: true })
		.map(String)
		.filter((f) => /\.mdx?$/.test(f) && !f.split('/').some((p) => p.startsWith('_')))
		.sort();
	const exists = new Set(pages);
	const copyable = pages.filter((p) => inCopy(p, 1) !== p);
	let count = pages.length;
	for (let k = 1; count < docs; k++) {
		for (const rel of copyable) {
			const target = inCopy(rel, k);
			const from = posix.dirname(rel);
			const to = posix.dirname(target);
			const source = readFileSync(join(realDocs, rel), 'utf8')
				.replace(LINK, (match, open: string, link: string, hash = '', close: string) => {
					const resolved = pageOf(posix.normalize(posix.join(from, link)), exists);
					if (!resolved) return match;
					const file = posix.relative(to, inCopy(resolved, k));
					// In the link's own style: a file keeps its extension, a folder stays a folder.
					const relative = /\.mdx?$/.test(link) ? file.replace(/\.mdx$/, link.endsWith('.mdx') ? '.mdx' : '.md') : `${posix.dirname(file)}/`;
					return `${open}${relative.startsWith('.') ? relative : `./${relative}`}${hash}${close}`;
				})
				.split('\n')
				.map((line) => {
					const m = RELATED_ITEM.exec(line);
					if (!m || !exists.has(asMdx(m[2]!, exists))) return line;
					return `${m[1]}${inCopy(asMdx(m[2]!, exists), k).replace(/\.mdx$/, m[2]!.endsWith('.mdx') ? '.mdx' : '.md')}`;
				})
				.join('\n');
			mkdirSync(dirname(join(dir, target)), { recursive: true });
			writeFileSync(join(dir, target), source);
			count++;
		}
	}
	return count;
}
