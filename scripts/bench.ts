/**
 * `npm run bench -- --docs 1000,5000 [--real]`: for each corpus size, side by side in one run, the
 * authors' check, this project's build, the link check of that build, vanilla Starlight's build of
 * the same pages, the page weight of both sites, and the dev server (`npm run dev`, i.e. `astro dev`)
 * of both. `--real` measures a corpus made by replicating the real docs too. Prints one table and
 * writes JSON. Run by hand; timings never live in the test suite.
 *
 * The machine is usually shared, so every row carries the load average around it, and CPU time and
 * peak RSS (less sensitive to contention than wall time) sit beside the wall time. Steps whose first
 * run takes under a minute are repeated (`--runs`, default 3) and their medians reported.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './bench/corpus.ts';
import { measureDevServer, type DevMeasurement } from './bench/dev-server.ts';
import { measure, type Measurement } from './bench/measure.ts';
import { pageWeight } from './bench/page-weight.ts';
import { writeRealCorpus } from './bench/real-corpus.ts';
import { writeVanillaProject } from './bench/vanilla.ts';

const { values } = parseArgs({
	options: {
		docs: { type: 'string', default: '1000' },
		real: { type: 'boolean', default: false },
		'generated-only': { type: 'boolean', default: false },
		'real-only': { type: 'boolean', default: false },
		runs: { type: 'string', default: '3' },
		'dev-docs': { type: 'string', default: '1000,5000' },
		json: { type: 'string', default: '' },
		'skip-vanilla': { type: 'boolean', default: false },
		'skip-linkcheck': { type: 'boolean', default: false },
		'skip-dev': { type: 'boolean', default: false },
	},
});
const sizes = values.docs!.split(',').map(Number);
const devSizes = new Set(values['dev-docs']!.split(',').map(Number));
const runs = Math.max(1, Number(values.runs));
const corpora = [...(values['real-only'] ? [] : ['generated' as const]), ...(values.real || values['real-only'] ? ['real' as const] : [])];
const root = resolve(import.meta.dirname, '..');
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');
const load = () => loadavg()[0]!.toFixed(1);

interface Row extends Partial<Measurement> {
	corpus: string;
	docs: number;
	step: string;
	ok: boolean;
	/** 1-minute load average before and after the step. */
	load: string;
	runs?: number;
	medianHtmlKb?: number;
	largestHtmlKb?: number;
	firstPageSeconds?: number;
	saveToBrowserSeconds?: number;
}
const rows: Row[] = [];
const jsonPath = values.json || join(root, '.cache/bench', `bench-${corpora.join('+')}-${sizes.join('+')}.json`);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
/** Written after every row, so a run stopped half-way still leaves its figures. */
const saveJson = () => {
	mkdirSync(join(root, '.cache/bench'), { recursive: true });
	writeFileSync(jsonPath, `${JSON.stringify({ date: new Date().toISOString(), machine, sizes, corpora, rows }, null, 2)}\n`);
};
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[s.length >> 1]! : +((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2).toFixed(2);
};

/** One timed step; repeated while a run takes under a minute, medians kept. */
function timed(corpus: string, docs: number, step: string, command: string, args: string[], options: { cwd: string; env?: Record<string, string> }, repeat: boolean): Row {
	const before = load();
	const all: (Measurement & { output: string })[] = [measure(step, command, args, options)];
	while (repeat && all.length < runs && all[0]!.ok && all[0]!.wallSeconds < 60) all.push(measure(step, command, args, options));
	const first = all[0]!;
	const row: Row = {
		corpus,
		docs,
		step,
		ok: all.every((m) => m.ok),
		load: `${before}→${load()}`,
		runs: all.length,
		wallSeconds: median(all.map((m) => m.wallSeconds)),
		cpuSeconds: median(all.map((m) => m.cpuSeconds)),
		peakRssMb: median(all.map((m) => m.peakRssMb)),
	};
	if (!row.ok) row.note = (all.find((m) => !m.ok) ?? first).output.split('\n').filter((l) => l.trim() && !l.startsWith('BENCH')).slice(-3).join(' | ');
	rows.push(row);
	saveJson();
	console.error(`bench: ${corpus} ${docs}: ${step}: ${row.wallSeconds}s wall, ${row.cpuSeconds}s CPU, ${row.peakRssMb} MB (×${row.runs}, load ${row.load})${row.ok ? '' : ` FAILED: ${row.note}`}`);
	return row;
}

function weigh(row: Row, dist: string) {
	const weight = pageWeight(dist);
	row.pages = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name === 'index.html').length;
	row.pagesPerSecond = +(row.pages / row.wallSeconds!).toFixed(1);
	row.medianHtmlKb = +(weight.medianBytes / 1024).toFixed(1);
	row.largestHtmlKb = +(weight.largestBytes / 1024).toFixed(1);
	row.note = [row.note, `largest: ${weight.largestPage}`].filter(Boolean).join('; ');
}

async function dev(corpus: string, docs: number, step: string, options: Parameters<typeof measureDevServer>[0]) {
	const before = load();
	const m: DevMeasurement = await measureDevServer(options);
	const row: Row = { corpus, docs, step, ok: m.ok, load: `${before}→${load()}`, peakRssMb: m.peakRssMb, firstPageSeconds: m.firstPageSeconds, saveToBrowserSeconds: m.saveToBrowserSeconds, note: m.note };
	rows.push(row);
	saveJson();
	console.error(`bench: ${corpus} ${docs}: ${step}: first page ${m.firstPageSeconds}s, save→browser ${m.saveToBrowserSeconds}s, ${m.peakRssMb} MB (load ${row.load})${m.ok ? '' : ` FAILED: ${m.note}`}`);
}

// Untimed: builds the checker's bundle if a source changed since the last run (scripts/check/bundle.ts,
// ~0.5 s once), so the figure is the check's and not the bundler's.
measure('bundle the checker', process.execPath, ['scripts/check.mjs', '--quiet', '--no-cache', 'src/content/docs/index.mdx'], { cwd: root });

for (const corpus of corpora) {
	for (const docs of sizes) {
		const work = join(root, '.cache/bench', `${corpus}-${docs}`);
		rmSync(work, { recursive: true, force: true });
		const docsDir = join(work, 'docs');
		const outDir = join(work, 'dist');
		mkdirSync(docsDir, { recursive: true });
		if (corpus === 'generated') writeCorpus(docsDir, { docs });
		else writeRealCorpus(docsDir, join(root, 'src/content/docs'), docs);
		// A page deep in the tree, not the home page, for the dev server: a reader's typical page.
		const devPage = corpus === 'generated' ? '11-infrastructure/part-00/page-0000.mdx' : '11-infrastructure/incident-response.mdx';
		const devUrl = `/${devPage.replace(/\.mdx$/, '/')}`;
		const env = { DOCS_DIR: docsDir, OUT_DIR: outDir };

		// Cold, as on a fresh CI clone: the check's per-file cache would otherwise remember an earlier run.
		timed(corpus, docs, 'check (cold)', process.execPath, ['scripts/check.mjs', '--root', docsDir, '--quiet', '--no-cache'], { cwd: root }, true);
		const ours = timed(corpus, docs, 'build (this project)', process.execPath, ['scripts/build.ts'], { cwd: root, env }, false);
		if (ours.ok) {
			weigh(ours, outDir);
			saveJson();
		}
		if (!values['skip-linkcheck'] && ours.ok) timed(corpus, docs, 'link check', process.execPath, ['scripts/linkcheck.ts', '--dist', outDir, '--docs', docsDir], { cwd: root }, true);
		const vanillaDir = join(work, 'vanilla');
		if (!values['skip-vanilla']) {
			writeVanillaProject(vanillaDir, docsDir, join(root, 'node_modules'));
			const vanilla = timed(corpus, docs, 'build (vanilla Starlight)', process.execPath, [astroBin, 'build'], { cwd: vanillaDir, env: { NODE_ENV: 'production' } }, false);
			if (vanilla.ok) {
				weigh(vanilla, join(vanillaDir, 'dist'));
				saveJson();
			}
		}
		if (!values['skip-dev'] && devSizes.has(docs)) {
			// The dev server's caches go beside this corpus's output, never into the repo's own.
			await dev(corpus, docs, 'dev (this project)', { step: 'dev', cwd: root, astroBin, env: { ...env, OUT_DIR: join(work, 'dev-dist') }, pagePath: devUrl, sourceFile: join(docsDir, devPage) });
			if (!values['skip-vanilla']) await dev(corpus, docs, 'dev (vanilla Starlight)', { step: 'dev', cwd: vanillaDir, astroBin, pagePath: devUrl, sourceFile: join(vanillaDir, 'src/content/docs', devPage) });
		}
		rmSync(join(work, 'vanilla', 'node_modules'), { recursive: true, force: true });
	}
}

/** This project's figure over vanilla's for the same corpus, size and kind of step. */
function ratio(row: Row, field: 'wallSeconds' | 'peakRssMb' | 'firstPageSeconds' | 'saveToBrowserSeconds'): string {
	if (!/this project/.test(row.step)) return '';
	const vanilla = rows.find((r) => r.corpus === row.corpus && r.docs === row.docs && r.step === row.step.replace('this project', 'vanilla Starlight'));
	const a = row[field];
	const b = vanilla?.[field];
	return a && b ? `${(a / b).toFixed(2)}×` : '';
}

const cell = (v: number | undefined) => (v === undefined ? '' : String(v));
const table = [
	`${new Date().toISOString().slice(0, 10)} — ${machine}`,
	'',
	'| corpus | docs | step | wall (s) | CPU (s) | peak RSS (MB) | vs vanilla (wall / RSS) | pages | HTML median / largest (KB) | dev: first page / save→shown (s) | load (1 min) |',
	'| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
	...rows.map((r) =>
		[
			r.corpus,
			r.docs,
			`${r.step}${r.ok ? '' : ' (failed)'}${r.runs && r.runs > 1 ? ` (median of ${r.runs})` : ''}`,
			cell(r.wallSeconds),
			cell(r.cpuSeconds),
			cell(r.peakRssMb),
			[ratio(r, r.firstPageSeconds !== undefined ? 'firstPageSeconds' : 'wallSeconds'), ratio(r, 'peakRssMb')].filter(Boolean).join(' / '),
			cell(r.pages),
			r.medianHtmlKb !== undefined ? `${r.medianHtmlKb} / ${r.largestHtmlKb}` : '',
			r.firstPageSeconds !== undefined ? `${r.firstPageSeconds} / ${r.saveToBrowserSeconds} (${ratio(r, 'saveToBrowserSeconds') || '–'})` : '',
			r.load,
		].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
	),
].join('\n');
console.log(table);
const linkRows = rows.filter((r) => r.step === 'link check' && r.ok);
for (const corpus of corpora) {
	const [small, large] = [linkRows.find((r) => r.corpus === corpus && r.docs === Math.min(...sizes)), linkRows.find((r) => r.corpus === corpus && r.docs === Math.max(...sizes))];
	if (small && large && small !== large) console.log(`\nLink check, ${corpus}: ${large.docs}/${small.docs} docs took ${(large.wallSeconds! / small.wallSeconds!).toFixed(2)}× the wall time (${(large.cpuSeconds! / small.cpuSeconds!).toFixed(2)}× the CPU) for ${(large.docs / small.docs).toFixed(1)}× the pages.`);
}
saveJson();
console.error(`bench: wrote ${jsonPath}`);
