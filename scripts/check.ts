/**
 * `npm run check [paths…]` — the authors' check: every problem a docs PR can carry, in one run,
 * without an Astro build. Exit 1 on errors (or on warnings with --strict).
 */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DocTree } from '../src/lib/doc-tree.ts';
import { isDocFile } from '../src/lib/routes.ts';
import { checkFile } from './check/check-file.ts';
import { formatGithub, formatJson, formatPretty, summaryLine, type Format } from './check/format.ts';
import type { Problem } from './check/types.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		format: { type: 'string', default: 'pretty' },
		strict: { type: 'boolean', default: false },
		root: { type: 'string', default: process.env.DOCS_DIR ?? 'src/content/docs' },
		quiet: { type: 'boolean', default: false },
	},
});

const format = values.format as Format;
if (!['pretty', 'json', 'github'].includes(format)) {
	console.error(`Unexpected --format ${format}, expected pretty, json or github`);
	process.exit(2);
}
const root = resolve(values.root!);
if (!existsSync(root)) {
	console.error(`Unexpected docs root ${values.root}: no such folder`);
	process.exit(2);
}
const tree = new DocTree(root);

/** Positionals may be files or folders, inside the docs root; none means the whole tree. */
function selectFiles(): string[] {
	if (positionals.length === 0) return tree.docs();
	const picked = new Set<string>();
	for (const arg of positionals) {
		const abs = resolve(arg);
		const rel = relative(root, abs).split('\\').join('/');
		if (rel.startsWith('..')) {
			console.error(`Unexpected path ${arg} outside the docs root ${values.root}`);
			process.exit(2);
		}
		if (existsSync(abs) && statSync(abs).isDirectory()) tree.docs().filter((d) => rel === '' || d.startsWith(`${rel}/`)).forEach((d) => picked.add(d));
		else if (isDocFile(rel)) picked.add(rel);
	}
	return [...picked].sort();
}

const files = selectFiles();
const problems: Problem[] = files.flatMap((rel) => checkFile(tree, rel, relative(process.cwd(), resolve(root, rel)).split('\\').join('/')));
const errors = problems.filter((p) => p.severity === 'error').length;
const warnings = problems.length - errors;

if (format === 'json') console.log(formatJson(problems, { files: files.length, errors, warnings }));
else {
	const body = format === 'github' ? formatGithub(problems) : formatPretty(problems);
	if (body) console.log(body);
	if (!values.quiet || problems.length) console.error(summaryLine(files.length, errors, warnings));
}
process.exitCode = errors > 0 || (values.strict && warnings > 0) ? 1 : 0;
