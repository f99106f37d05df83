/**
 * `npm run new -- <kind> "<title>" [--dir 11-infrastructure]`: writes a new page with valid
 * frontmatter and the sections its kind needs, each with a TODO line that `npm run check` reports
 * until it is replaced. Refuses to overwrite; prints the path it wrote.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { today } from '../schemas/dates.ts';
import { KINDS, type Kind } from '../schemas/kind.ts';
import { closest } from '../schemas/suggest.ts';
import { scaffold, slugify } from './new/scaffold.ts';

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
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, scaffold({ kind: kind as Kind, title, dir, today: today() }), { flag: 'wx' });
console.log(shown);
