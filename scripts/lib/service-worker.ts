/**
 * The service worker that keeps the site readable after one visit (issue 23): Workbox's precaching
 * (sw/workbox-runtime.ts, bundled once) with the manifest injected by Workbox's `injectManifest`
 * from the final output folder (scripts/build.ts calls it after writeServingFiles, so it
 * sees the redirect pages too, and before the offline zip, which leaves these files out). The cache
 * logic is Workbox's (workbox-precaching); this module only says what to precache and how.
 *
 * - Precached: every HTML page with its CSS, JS, fonts and images, Pagefind's files and the search
 *   vocabulary, so a page never visited and the search dialog work with the network off. Not the
 *   downloads (zip, PDF), the agents' bulk files, the Markdown twins or nginx's snippets.
 * - Revisions are MD5 hashes of each file's content (Workbox's own): a deploy that changes a page
 *   changes its revision, so the new worker fetches that page again and drops what the deploy
 *   removed. Files whose name already carries a content hash get no revision (never re-fetched).
 * - Update policy: skipWaiting + clientsClaim. Each page is a whole document with no state shared
 *   across pages, so a new worker taking over at once only means the next page opened comes from the
 *   new deploy; waiting for every tab to close (Workbox's default) would keep serving runbooks an
 *   update already corrected, which is the worse risk for an on-call reader.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageVersions } from './package-version.ts';
import { build, type BuildOptions } from 'esbuild';
// workbox-build's two functions by their own modules: its index also loads generateSW's Rollup and
// Babel, 2 s of imports this build no longer uses.
import type { ManifestEntry } from 'workbox-build';
import { getManifest } from 'workbox-build/build/get-manifest.js';
import { injectManifest } from 'workbox-build/build/inject-manifest.js';

/** The worker's file at the site root (its scope is the whole site); registered by src/scripts/offline.ts. */
export const SERVICE_WORKER_FILE = 'sw.js';
/** Workbox's runtime, written beside the worker as `workbox-<hash>.js` (hashed: cacheable for ever). */
export const WORKBOX_RUNTIME = /^workbox-[0-9a-f]+\.js$/;

/** What a reader needs offline: pages and what they load, the search index and vocabulary. */
const PRECACHE_PATTERNS = ['**/*.{html,css,js,mjs,svg,png,ico,webp,jpg,jpeg,gif,woff,woff2,ttf}', 'pagefind/**/*', 'search-vocabulary.json'];
/**
 * Left out: downloads/ (the offline zip and the DR binder: large, and copies of what is cached),
 * _nginx/ (nginx's snippets, never served), 404.html (nginx sends it only as the answer to a missing
 * path and refuses it asked for by name: one failed fetch and the worker never installs) and the
 * worker's own files.
 */
const PRECACHE_IGNORES = ['downloads/**', '_nginx/**', '404.html'];
/** Astro's and Pagefind's names carry a content hash: the URL alone versions them. */
const HASHED_URLS = /^(?:_astro\/|pagefind\/(?:fragment|index|filter)\/)/;
/**
 * Query parameters stripped before looking a request up in the precache: Pagefind fetches
 * `pagefind-entry.json?ts=<now>` to bypass the HTTP cache, which would otherwise miss the precache
 * every time; plus Workbox's defaults (campaign tags).
 */
export const IGNORED_URL_PARAMETERS = [/^ts$/, /^utm_/, /^fbclid$/];

export class ServiceWorkerError extends Error {}

export interface ServiceWorkerSummary {
	/** Precached files. */
	count: number;
	/** Their total size in bytes, as stored (uncompressed). */
	size: number;
	/** The precache manifest as written into the worker: URL and revision (null when the URL is hashed). */
	entries: ManifestEntry[];
	/** Wall time of the step, in milliseconds. */
	ms: number;
}

/** The build's one line for this step, beside the offline copy's and the binder's. */
export function serviceWorkerSummary(summary: ServiceWorkerSummary): string {
	const pages = summary.entries.filter((entry) => entry.url.endsWith('/') || entry.url.endsWith('.html')).length;
	return `service worker: ${SERVICE_WORKER_FILE} precaches ${summary.count} files (${pages} pages), ${(summary.size / 1024 / 1024).toFixed(1)} MB, ${(summary.ms / 1000).toFixed(1)} s`;
}

/**
 * A folder page is published at `/x/`, and nginx answers `/x/index.html` with a 301 to it: precache
 * it under the URL it is published at, so installing the worker fetches each page once, not through
 * a redirect. (Workbox's `directoryIndex` still maps `/x/` to `/x/index.html` for any entry left so.)
 */
export function publishedUrl(url: string): string {
	if (url === 'index.html') return './';
	return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

/** Transform: each entry under its published URL, sorted so one set of files gives one worker's bytes. */
const publishedOrder = (manifest: Array<ManifestEntry & { size: number }>) => ({
	manifest: manifest.map((entry) => ({ ...entry, url: publishedUrl(entry.url) })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
	warnings: [],
});

/** What is precached from `outDir` and how it is versioned: the one configuration the worker and the tests use. */
export function precacheOptions(outDir: string, record: (entries: ManifestEntry[]) => void = () => {}) {
	const transform = (manifest: Array<ManifestEntry & { size: number }>) => {
		const result = publishedOrder(manifest);
		record(result.manifest.map(({ url, revision }) => ({ url, revision })));
		return result;
	};
	return {
		globDirectory: outDir,
		globPatterns: PRECACHE_PATTERNS,
		// Not the worker's own files: the browser keeps a worker's scripts itself.
		globIgnores: [...PRECACHE_IGNORES, SERVICE_WORKER_FILE, 'workbox-*.js'],
		dontCacheBustURLsMatching: HASHED_URLS,
		manifestTransforms: [transform],
		// Pagefind's wasm and the largest page stay far below this; a file above it is a mistake to find.
		maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
	};
}

/** The precache manifest `writeServiceWorker` puts into the worker for `outDir` as it is now. */
export async function precacheManifest(outDir: string): Promise<ManifestEntry[]> {
	const { manifestEntries, warnings } = await getManifest(precacheOptions(outDir));
	if (warnings.length) throw new ServiceWorkerError(`build: service worker: ${warnings.join('; ')}`);
	return (manifestEntries ?? []).map(({ url, revision }) => ({ url, revision }));
}

/** Browsers that have service workers and run the site's own modules: older targets only make the runtime larger. */
const RUNTIME_TARGETS = ['chrome109', 'firefox115', 'safari16'];
const RUNTIME_SOURCE = join(import.meta.dirname, 'sw/workbox-runtime.ts');
/** Where the bundled runtime is kept between builds, beside the build's other caches (keyed by its inputs). */
export const SW_CACHE_DIR = resolve(process.env.SW_CACHE_DIR ?? 'node_modules/.cache/neotool-workbox');

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Workbox's runtime (sw/workbox-runtime.ts) as one classic script exposing `self.workbox`, bundled by
 * esbuild in production mode (Workbox's development logs and assertions left out). Workbox's own
 * `generateSW` re-bundled it with Rollup, Babel and terser on every build (1.8–3.5 s CPU); its inputs
 * change only with Workbox or this file, so it is bundled once and kept under their hash.
 */
async function workboxRuntime(cacheDir: string): Promise<{ file: string; code: string }> {
	const options = { entryPoints: [RUNTIME_SOURCE], bundle: true, format: 'iife', globalName: 'workbox', platform: 'browser', target: RUNTIME_TARGETS, minify: true, legalComments: 'none', define: { 'process.env.NODE_ENV': '"production"' }, write: false, logLevel: 'silent' } satisfies BuildOptions;
	const key = sha256([readFileSync(RUNTIME_SOURCE, 'utf8'), packageVersions(['workbox-core', 'workbox-precaching', 'esbuild']), JSON.stringify(options)].join('\n'));
	const cached = join(cacheDir, `${key}.js`);
	let code: string;
	if (existsSync(cached)) code = readFileSync(cached, 'utf8');
	else {
		const [output] = (await build(options)).outputFiles;
		if (!output) throw new ServiceWorkerError('build: service worker: esbuild wrote no Workbox runtime, expected one file');
		code = output.text;
		mkdirSync(cacheDir, { recursive: true });
		writeFileSync(`${cached}.${process.pid}.tmp`, code);
		renameSync(`${cached}.${process.pid}.tmp`, cached);
	}
	return { file: `workbox-${sha256(code).slice(0, 8)}.js`, code };
}

/**
 * The worker before its manifest is injected: Workbox's precaching with the options the site needs,
 * the manifest at `self.__WB_MANIFEST` (Workbox's injectManifest placeholder).
 * - skipWaiting + clientsClaim: see the top of this file;
 * - `directoryIndex`: `/x/` is served from the precached `/x/index.html` entry if one is left so;
 * - cleanupOutdatedCaches: a precache of an older Workbox version is removed.
 */
export const workerSource = (runtimeFile: string) =>
	`importScripts(${JSON.stringify(runtimeFile)});self.skipWaiting();workbox.clientsClaim();workbox.precacheAndRoute(self.__WB_MANIFEST,{ignoreURLParametersMatching:[${IGNORED_URL_PARAMETERS.map(String).join(',')}],directoryIndex:"index.html"});workbox.cleanupOutdatedCaches();\n`;

/**
 * Writes `sw.js` and Workbox's runtime (`workbox-<hash>.js`) into `outDir`: the manifest of the files
 * it holds now injected into the worker by Workbox's `injectManifest`.
 */
export async function writeServiceWorker(outDir: string, { cacheDir = SW_CACHE_DIR }: { cacheDir?: string } = {}): Promise<ServiceWorkerSummary> {
	const started = performance.now();
	let entries: ManifestEntry[] = [];
	const runtime = await workboxRuntime(cacheDir);
	const source = workerSource(runtime.file);
	const swSrc = join(cacheDir, `sw-${sha256(source).slice(0, 16)}.js`);
	if (!existsSync(swSrc)) {
		mkdirSync(cacheDir, { recursive: true });
		writeFileSync(`${swSrc}.${process.pid}.tmp`, source);
		renameSync(`${swSrc}.${process.pid}.tmp`, swSrc);
	}
	const result = await injectManifest({
		...precacheOptions(outDir, (manifest) => (entries = manifest)),
		swSrc,
		swDest: join(outDir, SERVICE_WORKER_FILE),
	});
	if (result.warnings.length) throw new ServiceWorkerError(`build: service worker: ${result.warnings.join('; ')}; expected every page and asset precached (scripts/lib/service-worker.ts)`);
	if (!entries.some((entry) => entry.url === './')) throw new ServiceWorkerError('build: service worker: no front page in the precache; expected index.html in the output');
	writeFileSync(join(outDir, runtime.file), runtime.code);
	return { count: result.count, size: result.size, entries, ms: Math.round(performance.now() - started) };
}
