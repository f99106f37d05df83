/**
 * The CLI of `npm run check [paths…]` (entry: scripts/check.mjs), the authors' check: every
 * problem a docs PR can carry, in one run, without an Astro build. Exit 1 on errors (or on
 * warnings with --strict), 2 on a usage error. `--report review` prints the pages due for review
 * instead and exits 0. `--watch` checks again whenever a file in the docs root changes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { today as realToday } from '../../schemas/dates.ts';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { isDocFile } from '../../src/lib/routes.ts';
import { URL_LIST_FILE } from '../../src/lib/redirects.ts';
import { formatGithub, formatJson, formatPretty, summaryLine, type Format } from './format.ts';
import { dueForReview, formatReview } from './review-report.ts';
import { printable } from './rules/files.ts';
import { checkDocs, type Target } from './run.ts';

/** A usage error: one line, exit 2, nothing checked. */
function usage(message: string): never {
	console.error(message);
	process.exit(2);
}

let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		allowNegative: true,
		options: {
			format: { type: 'string', default: 'pretty' },
			strict: { type: 'boolean', default: false },
			root: { type: 'string', default: process.env.DOCS_DIR ?? 'src/content/docs' },
			quiet: { type: 'boolean', default: false },
			report: { type: 'string' },
			today: { type: 'string' },
			cache: { type: 'boolean', default: true },
			watch: { type: 'boolean', default: false },
			urls: { type: 'string' },
		},
	});
} catch (error) {
	usage(`${(error as Error).message.split('\n')[0]}; expected: npm run check -- [--format pretty|json|github] [--strict] [--quiet] [--root DIR] [--report review] [--today YYYY-MM-DD] [--no-cache] [--watch] [--urls published-urls.txt] [paths…]`);
}
const { values, positionals } = parsed;

const format = values.format as Format;
if (!['pretty', 'json', 'github'].includes(format)) usage(`Unexpected --format ${format}, expected pretty, json or github`);
if (values.report !== undefined && values.report !== 'review') usage(`Unexpected --report ${values.report}, expected review`);
const today = values.today ?? realToday();
if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) usage(`Unexpected --today ${today}, expected a date YYYY-MM-DD`);
const root = resolve(values.root!);
if (!existsSync(root) || !statSync(root).isDirectory()) usage(`Unexpected docs root ${values.root}: no such folder`);
if (values.watch && values.report !== undefined) usage('Unexpected --watch with --report, expected one of them');

/** Positionals may be files or folders, inside the docs root; none means the whole tree. */
function selectFiles(tree: DocTree): string[] {
	if (positionals.length === 0) return tree.docs();
	const picked = new Set<string>();
	for (const arg of positionals) {
		const abs = resolve(arg);
		const rel = relative(root, abs).split('\\').join('/');
		if (rel.startsWith('..')) usage(`Unexpected path ${arg} outside the docs root ${values.root}`);
		if (existsSync(abs) && statSync(abs).isDirectory()) tree.docs().filter((d) => rel === '' || d.startsWith(`${rel}/`)).forEach((d) => picked.add(d));
		else if (isDocFile(rel)) picked.add(rel);
		else usage(`Unexpected path ${arg}, expected a .md or .mdx file or a folder`);
	}
	return [...picked].sort();
}

// Displayed with invisible and line-breaking characters escaped, so each finding stays one line.
const targetsOf = (tree: DocTree): Target[] => selectFiles(tree).map((rel) => ({ rel, display: printable(relative(process.cwd(), resolve(root, rel)).split('\\').join('/')) }));

if (values.report === 'review') {
	const tree = new DocTree(root);
	const items = dueForReview(tree, targetsOf(tree), today);
	console.log(format === 'json' ? JSON.stringify({ today, due: items }, null, 2) : formatReview(items, today));
	process.exit(0);
}

/**
 * The published-URL contract: `--urls FILE`, else published-urls.txt beside the default docs root
 * (the repository's own tree; a fixture or benchmark tree has none unless it is named).
 */
function urlContract(): { text: string; display: string } | undefined {
	const path = values.urls !== undefined ? resolve(values.urls) : root === resolve('src/content/docs') ? resolve(URL_LIST_FILE) : undefined;
	if (!path) return undefined;
	if (!existsSync(path)) {
		if (values.urls !== undefined) usage(`Unexpected --urls ${values.urls}: no such file`);
		return undefined;
	}
	return { text: readFileSync(path, 'utf8'), display: relative(process.cwd(), path).split('\\').join('/') };
}

/** One check of the selected files, printed; returns the exit code it deserves. */
async function checkAndPrint(): Promise<number> {
	// A fresh tree each time: in watch mode, files come and go between runs.
	const tree = new DocTree(root);
	const targets = targetsOf(tree);
	const problems = await checkDocs(tree, targets, { today, cache: values.cache!, urlContract: urlContract() });
	const errors = problems.filter((p) => p.severity === 'error').length;
	const warnings = problems.filter((p) => p.severity === 'warning').length;
	if (format === 'json') console.log(formatJson(problems, { files: targets.length, errors, warnings }));
	else {
		// --quiet (the build's log) leaves out `info` findings: they never fail a run, and 90 lines of them
		// at the top of every build would bury the warning someone needs to see.
		const shown = values.quiet ? problems.filter((p) => p.severity !== 'info') : problems;
		const body = format === 'github' ? formatGithub(shown) : formatPretty(shown);
		if (body) console.log(body);
		if (!values.quiet || shown.length) console.error(summaryLine(targets.length, errors, warnings));
	}
	return errors > 0 || (values.strict && warnings > 0) ? 1 : 0;
}

if (!values.watch) process.exitCode = await checkAndPrint();
else {
	const { watchTree } = await import('./watch.ts');
	let first = true;
	watchTree(root, async (changed) => {
		if (changed) console.error(`\ncheck: ${changed.length === 1 ? changed[0] : `${changed.length} files`} changed, checking again`);
		process.exitCode = await checkAndPrint();
		if (!first) return;
		first = false;
		console.error(`check: watching ${relative(process.cwd(), root) || '.'} for changes (Ctrl-C to stop)`);
		// Loaded now, while the author reads, so that editing a diagram later costs milliseconds, not a second.
		void import('./mermaid-runtime.ts').then((runtime) => runtime.loadMermaid()).catch(() => {});
	});
}
