/**
 * `npm run bench:offline [-- --against eb62c4e --rounds 1]`: what issue 23's offline steps (service
 * worker, offline zip, DR binder) add to `npm run build`, in one command. Two fresh clones of this
 * repository (the current commit, and `--against`: by default eb62c4e, the last commit before issue
 * 23), each with this checkout's node_modules hard-linked in, are built side by side with the same
 * load: cold (no output, no Astro or tool caches: as CI and a new clone) then warm (right after),
 * alternating between the two clones each round. It prints and writes (JSON under .cache/bench/):
 * wall and CPU time of each build with the load average around it, the cost over the `--against`
 * build against issue 23's budget (≤ 20 %), each step's own time as the build prints it, the zip's
 * size and the binder's pages and size. Run by hand; timings never live in the test suite.
 *
 * `--without-offline`: the steps' own cost, with nothing else changing. Both clones are this commit;
 * the "before" one builds with `--no-offline` (scripts/build.ts: no service worker, zip or binder),
 * so the difference is the three steps alone, not the rest of the site growing since `--against`.
 *
 * Uncommitted changes are not in the clone: commit first (or pass `--repo` another clone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measure } from './bench/measure.ts';

const { values } = parseArgs({
	options: {
		against: { type: 'string', default: 'eb62c4e' },
		rounds: { type: 'string', default: '1' },
		repo: { type: 'string', default: resolve(import.meta.dirname, '..') },
		work: { type: 'string', default: '/tmp/bench-offline' },
		json: { type: 'string', default: '' },
		'without-offline': { type: 'boolean', default: false },
	},
});
const root = resolve(import.meta.dirname, '..');
const repo = resolve(values.repo!);
const rounds = Math.max(1, Number(values.rounds));
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const load = () => loadavg()[0]!.toFixed(1);
const BUDGET = 0.2;
const sameCommit = values['without-offline']!;
/** What the "before" builds are, in the table. */
const baseLabel = sameCommit ? 'without the offline steps (--no-offline)' : values.against!;

/** A fresh clone at `commit` with this checkout's node_modules hard-linked (no download, no copy). */
function clone(name: string, commit: string): string {
	const dir = join(values.work!, name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(values.work!, { recursive: true });
	execFileSync('git', ['clone', '-q', repo, dir]);
	git(dir, 'checkout', '-q', commit);
	execFileSync('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')]);
	return dir;
}

/** What "cold" removes: the output and every cache a build keeps (Astro's, the tools' under node_modules/.cache). */
function makeCold(dir: string): void {
	for (const path of ['dist', 'node_modules/.astro', 'node_modules/.cache']) rmSync(join(dir, path), { recursive: true, force: true });
}

interface Build {
	clone: string;
	commit: string;
	kind: 'cold' | 'warm';
	round: number;
	ok: boolean;
	wallSeconds: number;
	cpuSeconds: number;
	load: string;
	/** Each offline step's own line, as the build prints it. */
	steps: Record<string, number>;
}

const STEP_LINES: Array<[string, RegExp]> = [
	['service worker', /^service worker: .*, ([\d.]+) s$/m],
	['offline zip', /^offline copy: .*, ([\d.]+) s$/m],
	['DR binder', /^build: DR binder: .*?, ([\d.]+) s(?: \(.*\))?$/m],
];

function build(dir: string, name: string, kind: Build['kind'], round: number): Build {
	if (kind === 'cold') makeCold(dir);
	const before = load();
	// The same-commit comparison's "before" builds leave the steps out; CI unset, or the switch is refused.
	const without = sameCommit && name === 'base';
	const run = measure(`${name} ${kind}`, 'npm', ['run', '-s', 'build', ...(without ? ['--', '--no-offline'] : [])], {
		cwd: dir,
		env: { PATH: `${join(dir, 'node_modules/.bin')}:${process.env.PATH}`, ...(sameCommit ? { CI: '' } : {}) },
	});
	// Each build's own log beside the clones, to see where a slow one spent its time.
	writeFileSync(join(values.work!, `${name}-${kind}-${round}.log`), run.output);
	if (!run.ok) console.error(run.output.split('\n').slice(-15).join('\n'));
	const steps = Object.fromEntries(STEP_LINES.flatMap(([step, line]) => {
		const match = line.exec(run.output);
		return match ? [[step, Number(match[1])]] : [];
	}));
	return { clone: name, commit: git(dir, 'rev-parse', '--short=7', 'HEAD'), kind, round, ok: run.ok, wallSeconds: run.wallSeconds, cpuSeconds: run.cpuSeconds, load: `${before}→${load()}`, steps };
}

const head = git(repo, 'rev-parse', '--short=7', 'HEAD');
const dirs = { base: clone('base', sameCommit ? head : values.against!), head: clone('head', head) };
const builds: Build[] = [];
for (let round = 1; round <= rounds; round++) {
	// Alternating which clone goes first, so neither always meets the same moment of the machine's load.
	const order = round % 2 ? (['base', 'head'] as const) : (['head', 'base'] as const);
	for (const name of order) {
		for (const kind of ['cold', 'warm'] as const) {
			const result = build(dirs[name], name, kind, round);
			builds.push(result);
			console.error(`${name} ${kind} (round ${round}): ${result.wallSeconds} s wall, ${result.cpuSeconds} s CPU, load ${result.load}${result.ok ? '' : ' FAILED'}`);
		}
	}
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const of = (name: string, kind: string) => builds.filter((b) => b.clone === name && b.kind === kind && b.ok);
const downloads = join(dirs.head, 'dist/downloads');
const file = (name: string) => (existsSync(join(downloads, name)) ? statSync(join(downloads, name)).size : undefined);
let binderPages: number | undefined;
try {
	binderPages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [join(downloads, 'neotool-dr-binder.pdf')], { encoding: 'utf8' }))?.[1]);
} catch {
	binderPages = undefined; // no binder (no Chromium) or no poppler-utils: reported as missing
}

const summary = (['cold', 'warm'] as const).map((kind) => {
	const base = median(of('base', kind).map((b) => b.wallSeconds));
	const now = median(of('head', kind).map((b) => b.wallSeconds));
	const r1 = (x: number) => Math.round(x * 10) / 10;
	return {
		kind,
		baseWall: r1(base),
		headWall: r1(now),
		baseCpu: r1(median(of('base', kind).map((b) => b.cpuSeconds))),
		headCpu: r1(median(of('head', kind).map((b) => b.cpuSeconds))),
		added: +(now / base - 1).toFixed(3),
		budgetWall: +(base * (1 + BUDGET)).toFixed(1),
		met: now <= base * (1 + BUDGET),
		cpuAdded: +(median(of('head', kind).map((b) => b.cpuSeconds)) / median(of('base', kind).map((b) => b.cpuSeconds)) - 1).toFixed(3),
		steps: Object.fromEntries(STEP_LINES.map(([step]) => [step, r1(median(of('head', kind).flatMap((b) => (step in b.steps ? [b.steps[step]!] : []))))])),
	};
});
const report = { date: new Date().toISOString(), head, against: sameCommit ? `${head} --no-offline` : values.against, rounds, zipBytes: file('neotool-ops-docs-offline.zip'), binderBytes: file('neotool-dr-binder.pdf'), binderPages, summary, builds };

console.log(`issue 23's offline steps: ${head} against ${baseLabel}, ${rounds} round(s), medians (s)`);
console.log('| build | before | now | added (wall, CPU) | budget (≤ 20 % wall) | service worker | offline zip | DR binder |');
console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
for (const s of summary) {
	console.log(`| ${s.kind} | ${s.baseWall} (${s.baseCpu} CPU) | ${s.headWall} (${s.headCpu} CPU) | ${(s.added * 100).toFixed(0)} %, ${(s.cpuAdded * 100).toFixed(0)} % | ${s.met ? 'met' : 'NOT met'} (≤ ${s.budgetWall}) | ${s.steps['service worker']} | ${s.steps['offline zip']} | ${s.steps['DR binder']} |`);
}
console.log(`zip ${report.zipBytes ?? 'missing'} bytes; binder ${report.binderPages ?? '?'} PDF pages, ${report.binderBytes ?? 'missing'} bytes; load ${builds.map((b) => b.load).join(', ')}`);
const jsonPath = values.json || join(root, '.cache/bench', `bench-offline-${head}${sameCommit ? '-without-offline' : ''}.json`);
mkdirSync(join(jsonPath, '..'), { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`JSON: ${jsonPath}`);
if (builds.some((b) => !b.ok)) process.exitCode = 1;
