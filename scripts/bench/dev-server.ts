/**
 * `astro dev` at scale, as an author meets it: time from starting the server to the first docs page
 * served, time from saving that page's source to a real Chromium showing the change (Astro's own
 * reload, nothing simulated), and the server's peak RSS over both. The same function measures this
 * project (`npm run dev` is `astro dev`) and the vanilla Starlight project of the benchmark.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { launchChromium } from '../lib/chromium.ts';

export interface DevMeasurement {
	step: string;
	ok: boolean;
	/** Spawn → the first docs page answered 200 (Astro renders on request: this includes its first render). */
	firstPageSeconds: number;
	/** The source written → the text it added visible in the open page. */
	saveToBrowserSeconds: number;
	/** Highest VmHWM of the server's process tree, sampled every 200 ms. */
	peakRssMb: number;
	note?: string;
}

export interface DevOptions {
	step: string;
	/** The project folder `astro dev` runs in. */
	cwd: string;
	astroBin: string;
	env?: Record<string, string>;
	/** The page to open, from the site root (e.g. `/11-infrastructure/part-00/page-0001/`). */
	pagePath: string;
	/** The source file of that page, edited to trigger the reload (restored afterwards). */
	sourceFile: string;
	timeoutMs?: number;
	/** Where to write everything the server printed (kept for reading a failure). */
	logFile?: string;
}

const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});

/** VmHWM (peak resident set) of a process and its descendants, in KiB; the largest one counts, as GNU time reports. */
function treePeakKib(pid: number): number {
	let peak = 0;
	const stack = [pid];
	while (stack.length > 0) {
		const p = stack.pop()!;
		try {
			const status = readFileSync(`/proc/${p}/status`, 'utf8');
			peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
			for (const task of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) stack.push(Number(task));
		} catch {
			// Gone between the listing and the read.
		}
	}
	return peak;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureDevServer(options: DevOptions): Promise<DevMeasurement> {
	const timeoutMs = options.timeoutMs ?? 600_000;
	const port = await freePort();
	const started = performance.now();
	const child = spawn(process.execPath, [options.astroBin, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
		cwd: options.cwd,
		env: { ...process.env, ...options.env, FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += String(d)));
	child.stderr!.on('data', (d) => (log += String(d)));
	let peakKib = 0;
	const sampler = setInterval(() => (peakKib = Math.max(peakKib, treePeakKib(child.pid!))), 200);
	const original = readFileSync(options.sourceFile, 'utf8');
	const url = `http://127.0.0.1:${port}${options.pagePath}`;
	const result: DevMeasurement = { step: options.step, ok: false, firstPageSeconds: 0, saveToBrowserSeconds: 0, peakRssMb: 0 };
	const browser = await launchChromium();
	try {
		for (;;) {
			if (child.exitCode !== null) throw new Error(`astro dev exited (${child.exitCode})`);
			if (performance.now() - started > timeoutMs) throw new Error('no page served before the timeout');
			const status = await fetch(url).then((r) => r.status, () => 0);
			if (status === 200) break;
			if (status >= 400) throw new Error(`HTTP ${status} for ${options.pagePath}`);
			await sleep(100);
		}
		result.firstPageSeconds = +((performance.now() - started) / 1000).toFixed(2);
		const page = await browser.newPage();
		await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
		// Let the page's own HMR client connect before the save, as an author's open tab has.
		await page.waitForTimeout(1000);
		const marker = `Bench edit ${Date.now()}`;
		const saved = performance.now();
		writeFileSync(options.sourceFile, `${original.trimEnd()}\n\n${marker}\n`);
		await page.waitForFunction((text) => document.body?.innerText.includes(text), marker, { timeout: timeoutMs, polling: 50 });
		result.saveToBrowserSeconds = +((performance.now() - saved) / 1000).toFixed(2);
		result.ok = true;
	} catch (error) {
		result.note = `${(error as Error).message.split('\n')[0]} | ${log.trim().split('\n').slice(-2).join(' | ')}`;
	} finally {
		writeFileSync(options.sourceFile, original);
		if (options.logFile) writeFileSync(options.logFile, log);
		await browser.close();
		peakKib = Math.max(peakKib, treePeakKib(child.pid!));
		clearInterval(sampler);
		try {
			process.kill(-child.pid!, 'SIGTERM');
		} catch {
			// Already gone.
		}
		await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
	}
	result.peakRssMb = Math.round(peakKib / 1024);
	return result;
}

/**
 * `node scripts/bench/dev-server.ts --docs 1000 [--runs 2] [--only ours|vanilla] [--cpu-prof DIR]`:
 * the dev-server rows of `npm run bench` alone, without the builds before them: the generated corpus
 * (scripts/bench/corpus.ts) and the vanilla project over it are written once into
 * `.cache/bench/dev-<docs>/`, then the two servers are measured alternately, `--runs` times each,
 * so both see the same load. `--cpu-prof` writes a V8 profile of each server (on its exit) into DIR.
 */
if (import.meta.main) {
	const { parseArgs } = await import('node:util');
	const { existsSync } = await import('node:fs');
	const { join, resolve } = await import('node:path');
	const { loadavg } = await import('node:os');
	const { writeCorpus } = await import('./corpus.ts');
	const { writeVanillaProject } = await import('./vanilla.ts');
	const { values } = parseArgs({ options: { docs: { type: 'string', default: '1000' }, runs: { type: 'string', default: '1' }, only: { type: 'string', default: '' }, 'cpu-prof': { type: 'string', default: '' } } });
	const docs = Number(values.docs);
	const root = resolve(import.meta.dirname, '../..');
	const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');
	const work = join(root, '.cache/bench', `dev-${docs}`);
	const docsDir = join(work, 'docs');
	const vanillaDir = join(work, 'vanilla');
	if (!existsSync(docsDir)) writeCorpus(docsDir, { docs });
	if (!existsSync(join(vanillaDir, 'node_modules'))) writeVanillaProject(vanillaDir, docsDir, join(root, 'node_modules'));
	const devPage = '11-infrastructure/part-00/page-0000.mdx';
	const pagePath = `/${devPage.replace(/\.mdx$/, '/')}`;
	const prof = (name: string): Record<string, string> => (values['cpu-prof'] ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(values['cpu-prof'], name)}` } : {});
	const projects = [
		{ name: 'ours', options: { step: 'dev (this project)', cwd: root, astroBin, pagePath, sourceFile: join(docsDir, devPage), env: { DOCS_DIR: docsDir, OUT_DIR: join(work, 'dev-dist'), ...prof('ours') } } },
		{ name: 'vanilla', options: { step: 'dev (vanilla Starlight)', cwd: vanillaDir, astroBin, pagePath, sourceFile: join(vanillaDir, 'src/content/docs', devPage), env: prof('vanilla') } },
	].filter((p) => !values.only || p.name === values.only);
	for (let run = 1; run <= Number(values.runs); run++) {
		for (const { name, options } of projects) {
			const before = loadavg()[0]!.toFixed(1);
			const m = await measureDevServer({ ...options, logFile: join(work, `${name}-run${run}.log`) });
			console.log(`${docs} docs, run ${run}: ${m.step}: first page ${m.firstPageSeconds} s, save → shown ${m.saveToBrowserSeconds} s, peak RSS ${m.peakRssMb} MB (load ${before}→${loadavg()[0]!.toFixed(1)})${m.ok ? '' : ` FAILED: ${m.note}`}`);
		}
	}
}
