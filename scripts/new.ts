/**
 * `npm run new -- <kind> "<title>" [--dir 11-infrastructure]`: writes a new page with valid
 * frontmatter and the sections its kind needs, each with a TODO line that `npm run check` reports
 * until it is replaced. Refuses to overwrite; prints the path it wrote.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KINDS, type Kind } from '../schemas/kind.ts';
import { closest } from '../schemas/suggest.ts';
import { DocTree } from '../src/lib/doc-tree.ts';
import { readFrontmatter } from '../src/lib/frontmatter.ts';
import { defaultTagFor, nearestRelated, scaffold, slugify, type PageTags } from './new/scaffold.ts';

const USAGE = 'usage: npm run new -- <kind> "<title>" [--dir 11-infrastructure]';
function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

let parsed;
try {
	parsed = parseArgs({ allowPositionals: true, options: { dir: { type: 'string', default: '11-infrastructure' }, root: { type: 'string', default: process.env.DOCS_DIR ?? 'src/content/docs' } } });
} catch (error) {
	fail(`${(error as Error).message.split('\n')[0]}; ${USAGE}`);
}
const { values, positionals } = parsed;
const [kind, title, ...extra] = positionals;
const kinds = Object.keys(KINDS) as Kind[];
if (!kind || !title || extra.length) fail(`Unexpected arguments ${JSON.stringify(positionals)}, expected a kind and a quoted title; ${USAGE}`);
if (!kinds.includes(kind as Kind)) {
	const hint = closest(kind, kinds);
	fail(`Unexpected kind \`${kind}\`, expected one of ${kinds.map((k) => `\`${k}\``).join(', ')}${hint ? ` (did you mean \`${hint}\`?)` : ''}`);
}
const dir = values.dir!.replace(/^\/+|\/+$/g, '');
if (dir.split('/').includes('..')) fail(`Unexpected --dir ${values.dir}, expected a folder inside the docs root such as 11-infrastructure`);
const slug = slugify(title);
if (!slug) fail(`Unexpected title ${JSON.stringify(title)}, expected words to make a file name from`);

const file = join(resolve(values.root!), dir, `${slug}.mdx`);
const shown = relative(process.cwd(), file);
if (existsSync(file)) fail(`Unexpected existing file ${shown}, expected a new page (pick another title or edit that page)`);
// Every page's tags, to offer the nearest ones as `related` (a page whose frontmatter does not parse is skipped: the check reports it).
const root = resolve(values.root!);
const pages: PageTags[] = existsSync(root)
	? new DocTree(root).docs().flatMap((rel) => {
			const raw = readFrontmatter(readFileSync(join(root, rel), 'utf8')).raw;
			if (!raw || !Array.isArray(raw.tags)) return [];
			const keywords = Array.isArray(raw.search_keywords) ? raw.search_keywords.map(String) : [];
			return [{ path: rel.replace(/\.mdx$/, '.md'), title: String(raw.title ?? ''), tags: raw.tags.map(String), keywords }];
		})
	: [];
const related = nearestRelated(pages, title, [defaultTagFor(dir)], dir);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, scaffold({ kind: kind as Kind, title, dir, related }), { flag: 'wx' });
console.log(shown);
