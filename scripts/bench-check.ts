/**
 * `npm run bench:check -- --docs 1000`: times the authors' check on a generated corpus
 * (scripts/bench/corpus.ts), as an author meets it, each as its own `node scripts/check.mjs` process:
 *   1. full check, cold (no cache: what CI does on a fresh clone),
 *   2. full check, warm (cache filled by 1, nothing changed),
 *   3. one changed file, warm (one page edited, checked alone),
 *   4. one changed file whose mermaid diagram changed (loads jsdom + mermaid).
 * Wall time is what counts (2 cores). Run by hand; timings never live in the test suite.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './bench/corpus.ts';
import { measure, type Measurement } from './bench/measure.ts';
import { cachePath } from './check/cache.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const docs = Number(values.docs);
const runs = Number(values.runs);
if (!Number.isInteger(docs) || docs < 10 || !Number.isInteger(runs) || runs < 1) {
	console.error(`Unexpected --docs ${values.docs} / --runs ${values.runs}, expected whole numbers (docs ≥ 10)`);
	process.exit(2);
}
const repo = resolve(import.meta.dirname, '..');
const dir = join(repo, '.cache/bench-check', `docs-${docs}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const files = writeCorpus(dir, { docs });
// A cache left by an earlier benchmark of the same folder would make every step warm.
rmSync(cachePath(dir), { recursive: true, force: true });
const plain = files.find((f) => !readFileSync(join(dir, f), 'utf8').includes('```mermaid'))!;
const diagram = files.find((f) => readFileSync(join(dir, f), 'utf8').includes('```mermaid'))!;

const check = (step: string, args: string[]): Measurement => {
	// Best of `runs`: the figure the machine can do, not its noise (other jobs, page cache).
	let best: (Measurement & { output: string }) | undefined;
	for (let i = 0; i < runs; i++) {
		const m = measure(step, process.execPath, ['scripts/check.mjs', '--root', dir, '--quiet', ...args], { cwd: repo });
		if (!m.ok) console.error(`bench: ${step} failed:\n${m.output.split('\n').slice(-5).join('\n')}`);
		if (!best || m.wallSeconds < best.wallSeconds) best = m;
	}
	const { output: _o, ...row } = best!;
	console.error(`bench: ${step}: ${row.wallSeconds}s wall, ${row.cpuSeconds}s CPU, ${row.peakRssMb} MB`);
	return row;
};
const edit = (rel: string, from: RegExp, to: string) => {
	const path = join(dir, rel);
	writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
};

// Untimed: builds the checker's bundle if a source changed since the last run (scripts/check/bundle.ts).
measure('bundle the checker', process.execPath, ['scripts/check.mjs', '--quiet', '--no-cache', 'src/content/docs/index.mdx'], { cwd: repo });
const rows: Measurement[] = [];
rows.push(check(`full check, cold (${docs} docs, --no-cache)`, ['--no-cache']));
check('fill the cache', []);
rows.push(check(`full check, warm (${docs} docs, nothing changed)`, []));
let n = 0;
const rowsOne: Measurement[] = [];
for (let i = 0; i < runs; i++) {
	edit(plain, /\n## /, `\nEdited ${n++}.\n\n## `);
	rowsOne.push(measure('one changed file', process.execPath, ['scripts/check.mjs', '--root', dir, '--quiet', join(dir, plain)], { cwd: repo }));
}
rows.push({ ...rowsOne.sort((a, b) => a.wallSeconds - b.wallSeconds)[0]!, step: `one changed file, warm (${plain})` });
const rowsDiagram: Measurement[] = [];
for (let i = 0; i < runs; i++) {
	// A diagram text never seen before (the cache keeps verdicts per text), so mermaid really loads.
	edit(diagram, /E\["Verify[^"]*"\]/, `E["Verify ${process.pid}-${n++}"]`);
	rowsDiagram.push(measure('one changed diagram', process.execPath, ['scripts/check.mjs', '--root', dir, '--quiet', join(dir, diagram)], { cwd: repo }));
}
rows.push({ ...rowsDiagram.sort((a, b) => a.wallSeconds - b.wallSeconds)[0]!, step: `one changed file with a changed mermaid diagram (${diagram})` });

console.log(['| step | wall (s) | CPU (s) | peak RSS (MB) |', '| --- | ---: | ---: | ---: |', ...rows.map((r) => `| ${r.step}${r.ok ? '' : ' (failed)'} | ${r.wallSeconds} | ${r.cpuSeconds} | ${r.peakRssMb} |`)].join('\n'));
