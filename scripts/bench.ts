/**
 * `npm run bench -- --docs N`: one realistic corpus, four measurements on it — the authors' check,
 * this project's full build, the link check of that build, and vanilla Starlight's build of the same
 * pages. Prints a table and writes JSON. Run by hand; timings never live in the test suite.
 */
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './bench/corpus.ts';
import { measure, type Measurement } from './bench/measure.ts';
import { writeVanillaProject } from './bench/vanilla.ts';

const { values } = parseArgs({
	options: {
		docs: { type: 'string', default: '1000' },
		json: { type: 'string', default: '' },
		'skip-vanilla': { type: 'boolean', default: false },
		'skip-linkcheck': { type: 'boolean', default: false },
	},
});
const docs = Number(values.docs);
const root = resolve(import.meta.dirname, '..');
const work = join(root, '.cache/bench', `docs-${docs}`);
rmSync(work, { recursive: true, force: true });
const docsDir = join(work, 'docs');
const outDir = join(work, 'dist');
mkdirSync(docsDir, { recursive: true });
writeCorpus(docsDir, { docs });
const pageCount = (dir: string): number => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name === 'index.html').length;

const rows: Measurement[] = [];
const record = (m: Measurement & { output: string }, pagesDir?: string) => {
	const { output, ...row } = m;
	if (!row.ok) row.note = output.split('\n').filter((l) => l.trim() && !l.startsWith('BENCH')).slice(-3).join(' | ');
	if (pagesDir && existsSync(pagesDir)) {
		row.pages = pageCount(pagesDir);
		row.pagesPerSecond = +(row.pages / row.wallSeconds).toFixed(1);
	}
	rows.push(row);
	console.error(`bench: ${row.step}: ${row.wallSeconds}s wall, ${row.cpuSeconds}s CPU, ${row.peakRssMb} MB${row.ok ? '' : ' FAILED'}`);
	return m;
};

const env = { DOCS_DIR: docsDir, OUT_DIR: outDir };
// Untimed: builds the checker's bundle if a source changed since the last run (scripts/check/bundle.ts,
// ~0.5 s once), so the figure is the check's and not the bundler's.
measure('bundle the checker', process.execPath, ['scripts/check.mjs', '--quiet', '--no-cache', 'src/content/docs/index.mdx'], { cwd: root });
// Cold, as on a fresh CI clone: the check's per-file cache would otherwise remember an earlier run.
record(measure('check (cold)', process.execPath, ['scripts/check.mjs', '--root', docsDir, '--quiet', '--no-cache'], { cwd: root }));
record(measure('build (this project)', process.execPath, ['scripts/build.ts'], { cwd: root, env }), outDir);
if (!values['skip-linkcheck']) record(measure('linkcheck', process.execPath, ['scripts/linkcheck.ts', '--dist', outDir, '--docs', docsDir], { cwd: root }));
if (!values['skip-vanilla']) {
	const vanilla = join(work, 'vanilla');
	writeVanillaProject(vanilla, docsDir, join(root, 'node_modules'));
	record(measure('build (vanilla Starlight)', process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: vanilla, env: { NODE_ENV: 'production' } }), join(vanilla, 'dist'));
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = [
	`Corpus: ${docs} docs — ${machine}`,
	'',
	'| step | wall (s) | CPU (s) | peak RSS (MB) | pages | pages/s |',
	'| --- | ---: | ---: | ---: | ---: | ---: |',
	...rows.map((r) => `| ${r.step}${r.ok ? '' : ' (failed)'} | ${r.wallSeconds} | ${r.cpuSeconds} | ${r.peakRssMb} | ${r.pages ?? ''} | ${r.pagesPerSecond ?? ''} |`),
].join('\n');
console.log(table);
const jsonPath = values.json || join(root, '.cache/bench', `bench-${docs}.json`);
writeFileSync(jsonPath, `${JSON.stringify({ docs, machine, rows }, null, 2)}\n`);
console.error(`bench: wrote ${jsonPath}`);
