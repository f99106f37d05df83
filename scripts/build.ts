/**
 * `npm run build`: the authors' check and `astro build` side by side, into a staging folder that
 * replaces the output folder only when the check passed and the whole build succeeded — a failed
 * build leaves the previous output (or nothing), never half a site. Astro's own errors are passed
 * through without their stack traces.
 *
 * Side by side, not one after the other (issue 16: at 3,000 docs the check took 3 of the build's 7.8
 * minutes before Astro started): Astro renders on one core and the check's verifiers use the other.
 * That is safe because what makes a page safe to run is not the check but the page policy inside
 * Astro (src/plugins/page-policy.ts), which refuses an unsafe page before anything of it is evaluated,
 * however Astro is started; the check adds the rules that are about correctness (frontmatter, links,
 * the code blocks' own tools). Until the check has passed, Astro's output is held back: a page the
 * check refuses stops the build with the check's findings alone, and Astro is stopped.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { CACHE_DIR, CI as ci, DOCS_DIR, OUT_DIR, SITE_URL } from '../src/lib/site-config.ts';
import { withoutRunnerVariables } from './lib/runner-env.ts';
import { ServingFilesError, writeServingFiles } from './lib/serving-files.ts';
import { buildStamp } from '../src/lib/build-stamp.ts';

const here = dirname(import.meta.dirname);
// `npm run build -- --no-offline` (or NO_OFFLINE=1): the site without issue 23's three steps (service
// worker, offline zip, DR binder), for an author's quick local look and for bench:offline's
// same-commit comparison. CI always makes them: there the switch is refused in one line and ignored.
const offlineAsked = !process.argv.slice(2).includes('--no-offline') && !['1', 'true'].includes(process.env.NO_OFFLINE ?? '');
if (!offlineAsked && ci) console.log('build: --no-offline ignored: CI always makes the service worker, the offline zip and the DR binder');
const offline = offlineAsked || ci;
const check = spawn(process.execPath, [join(here, 'scripts/check.mjs'), '--quiet', '--root', DOCS_DIR], { stdio: 'inherit' });
// Astro's bundling and rendering are the build's critical path; the check has minutes of slack beside
// them (at 3,000 docs it finished in 51 of the build's 151 s). At a lower priority it takes only the
// CPU Astro leaves, instead of halving Rolldown's two threads while both run.
try {
	setPriority(check.pid!, 10);
} catch {}
const checked = new Promise<number | null>((resolve) => check.on('close', resolve));
// Mermaid's diagrams drawn into the cache while the check starts (Chromium on the other core), so
// Astro's own render finds them there; it never fails the build (src/integrations/mermaid-svg.ts
// drawAhead). Astro starts once they are drawn: started earlier, it would draw the same ones again.
const drawing = import('../src/integrations/mermaid-svg.ts').then(({ drawAhead }) => drawAhead(DOCS_DIR)).catch(() => null);
const drawn = await drawing;
if (drawn) console.log(`diagrams: ${drawn.drawn} drawn to SVG beside the check in ${drawn.seconds.toFixed(1)} s`);

const staging = join(dirname(OUT_DIR), `.${basename(OUT_DIR)}.building`);
rmSync(staging, { recursive: true, force: true });
// V8 grows its heap lazily up to a quarter of the machine's memory; capped, it collects sooner. On the
// 5,000-doc benchmark corpus (24 GB machine): peak RSS 4,285 MB uncapped, 3,815 MB at 2,560 MB, same
// wall time. A NODE_OPTIONS that sets its own cap wins, for a site whose live set needs more.
const heapCap = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '') ? [] : ['--max-old-space-size=2560'];
// What the astro process holds at its peak is not data of ours (heap snapshots at the end of a
// 300-doc build: 180 MB live, vanilla Starlight's 221 MB) but memory freed and not yet given back,
// two kinds of it (docs/benchmarks.md, "Build memory"):
// - Rolldown (Vite's bundler, native) allocates with its own mimalloc, which purges freed pages after
//   `purge_delay` (1,000 ms) and only when one of its threads allocates again: once the bundle is
//   written its threads sit idle, so 200–280 MB of freed bundler memory stayed resident while every
//   page rendered. 0 gives them back as they are freed. A value set by whoever runs the build wins.
// - V8 lets its old generation grow to up to ~4× what survived the last full collection before the
//   next one; rendering 1,000 pages left 640 MB of heap of which ~200 MB were live. 1.5× collects
//   sooner. --optimize-for-size went lower still (861 MB) for ~1.8–2× the CPU: not used.
// 1,000-doc corpus, peak RSS / CPU: 1,714–1,842 MB / 73–96 s before, 1,459–1,503 MB with the first,
// 1,153 MB / 90 s with both (vanilla Starlight: 1,691–1,754 MB / 51–55 s); 3,000 docs with both:
// 2,195 MB (vanilla 3,132 MB).
const bundlerAllocator = { MIMALLOC_PURGE_DELAY: process.env.MIMALLOC_PURGE_DELAY ?? '0' };
const heapGrowth = ['--heap-growing-percent=50'];
const astro = spawn(process.execPath, [...heapCap, ...heapGrowth, join(here, 'node_modules/astro/bin/astro.mjs'), 'build'], {
	// Its own process group, so that stopping it (the check refused a page) stops Pagefind with it.
	detached: true,
	// NODE_ENV pinned: inherited `test` (vitest) or `development` makes Astro render dev-only UI, e.g. no search;
	// likewise the variables a test runner exports (scripts/lib/runner-env.ts).
	// Telemetry off: a build (in CI above all) sends nothing about itself anywhere.
	env: { ...withoutRunnerVariables(), NODE_ENV: 'production', OUT_DIR: staging, ASTRO_CACHE_FOR: OUT_DIR, ASTRO_TELEMETRY_DISABLED: '1', ...bundlerAllocator },
	stdio: ['ignore', 'pipe', 'pipe'],
});

// In its own process group, Astro would outlive this process when it is stopped (Ctrl-C reaches only
// the terminal's foreground group): a build left running behind the reader's back, writing into a
// staging folder, and into the `.astro/` folder another build in this checkout uses. Stopping the
// build stops Astro and removes what it was writing.
const stopAstro = () => {
	if (astro.exitCode !== null || astro.signalCode !== null) return;
	try {
		process.kill(-astro.pid!, 'SIGTERM');
	} catch {}
};
process.on('exit', stopAstro);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
	process.on(signal, () => {
		check.kill();
		stopAstro();
		rmSync(staging, { recursive: true, force: true });
		console.error(`build: stopped (${signal}); ${relative(process.cwd(), OUT_DIR) || '.'} was left as it was.`);
		process.exit(code);
	});
}

// Astro's lines wait here until the check has passed (null once they flow); dropped, with any that
// still come while Astro stops, when it fails.
let held: Array<[NodeJS.WriteStream, string]> | null = [];
let dropped = false;
// Stack frames say where Astro was, not what the author got wrong; the message and location stay.
function relay(stream: NodeJS.ReadableStream, sink: NodeJS.WriteStream) {
	let inStack = false;
	createInterface({ input: stream }).on('line', (line) => {
		if (/^\s*Stack trace:/.test(line)) inStack = true;
		else if (inStack && /^\s+at\s|^\s*$/.test(line)) return;
		else inStack = false;
		if (inStack || dropped) return;
		if (held) held.push([sink, `${line}\n`]);
		else sink.write(`${line}\n`);
	});
}
relay(astro.stdout!, process.stdout);
relay(astro.stderr!, process.stderr);
const astroClosed = new Promise<number | null>((resolve) => astro.on('close', resolve));
// Issue 23's steps load Workbox, Playwright and pdf-lib (1–3 s of imports): loaded while Astro builds,
// not before the check starts.
const offlineSteps = offline ? Promise.all([import('./lib/service-worker.ts'), import('./lib/offline-bundle.ts'), import('./lib/dr-binder.ts')]) : undefined;
offlineSteps?.catch(() => {}); // awaited (and reported) when Astro is done
// The printed DR binder starts now and prints each of its pages as soon as Astro has written it, so
// Chromium works beside Astro (which renders on one core) and the steps below; it writes into the
// site only once Astro is done and every page is printed (one line saying so when skipped: no
// Chromium outside CI).
const binder = offlineSteps?.then(([, , { startDrBinder }]) =>
	startDrBinder(staging, { siteUrl: SITE_URL, requireCore: DOCS_DIR === join(here, 'src/content/docs'), ci, cacheDir: join(CACHE_DIR, 'dr-binder') }),
);
binder?.catch(() => {});

if ((await checked) !== 0) {
	// Astro's output is dropped with it: the check's findings above say what to fix.
	dropped = true;
	held = null;
	stopAstro();
	await astroClosed;
	(await binder?.catch(() => undefined))?.abort();
	rmSync(staging, { recursive: true, force: true });
	console.error(`build: stopped: fix the problems above (\`npm run check\` lists them), then build again; ${relative(process.cwd(), OUT_DIR) || '.'} was left as it was.`);
	process.exit(1);
}
for (const [sink, line] of held) sink.write(line);
held = null;

void astroClosed.then(async (code) => {
	if (code !== 0) {
		(await binder?.catch(() => undefined))?.abort();
		rmSync(staging, { recursive: true, force: true });
		console.error(`build: astro build failed (exit ${code}); ${relative(process.cwd(), OUT_DIR) || '.'} was left as it was.`);
		process.exit(1);
	}
	const steps = await offlineSteps;
	const printing = await binder;
	printing?.finish();
	// Redirect pages, the published URL list and nginx's redirect map and CSP, from the final HTML.
	try {
		writeServingFiles(staging, DOCS_DIR, SITE_URL);
		if (steps && printing) {
			const [{ serviceWorkerSummary, writeServiceWorker }, { offlineBundleSummary, writeOfflineBundle }, { binderSummary }] = steps;
			// The binder's last pages, contents and joining go on in Chromium beside the worker and the zip
			// (Node's CPU); neither reads downloads/, the only folder the binder writes.
			// Offline after one visit: Workbox's worker precaching the final output (redirect pages included).
			console.log(serviceWorkerSummary(await writeServiceWorker(staging, { cacheDir: join(CACHE_DIR, 'workbox') })));
			// The offline copy (downloads/, zipped from the final output; leaves the worker and nginx's files out).
			console.log(offlineBundleSummary(await writeOfflineBundle(staging, { siteUrl: SITE_URL, builtAt: buildStamp(here).builtAt, cacheDir: join(CACHE_DIR, 'offline') })));
			console.log(binderSummary(await printing.result));
		} else {
			console.log('build: offline steps left out (--no-offline): no service worker, offline zip or DR binder in this output');
		}
	} catch (error) {
		rmSync(staging, { recursive: true, force: true });
		const known = [ServingFilesError, ...(steps ? [steps[0].ServiceWorkerError, steps[1].OfflineBundleError, steps[2].BinderError] : [])];
		console.error(known.some((kind) => error instanceof kind) ? (error as Error).message : `build: serving files failed: ${String(error)}`);
		console.error(`build: ${relative(process.cwd(), OUT_DIR) || '.'} was left as it was.`);
		process.exit(1);
	}
	rmSync(OUT_DIR, { recursive: true, force: true });
	renameSync(staging, OUT_DIR);
	if (!existsSync(join(OUT_DIR, 'index.html'))) console.error('build: warning: no index.html in the output');
});
