/**
 * The offline copy (issue 23): `downloads/neotool-ops-docs-offline.zip` and its `.sha256`, made by
 * scripts/build.ts from the final output (after the serving files and the service worker). Unzipped
 * anywhere and opened at `index.html` from file://, every page, link, stylesheet, diagram and the
 * search dialog work with no request to anything but file:.
 *
 * What changes in the copy, and why, is in scripts/lib/offline/: html.ts (links to files, classic
 * scripts, the offline note), scripts.ts (module scripts re-bundled as classic ones), runtime.ts
 * (Pagefind's files and the search vocabulary served to fetch() from script data), zip.ts (same
 * bytes for the same input). Left out of the zip: downloads/ itself, the service worker (file://
 * has none), nginx's snippets, Cloudflare Pages' `_headers` and `_redirects` and the published URL
 * list (serving only), and Pagefind's raw files,
 * which the copy carries as script data instead.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DOWNLOADS_DIR } from '../../src/lib/downloads.ts';
import { URL_LIST_FILE } from '../../src/lib/redirects.ts';
import { OfflineBundleError } from './offline/error.ts';
import { offlinePage, readPage, type PageReading } from './offline/html.ts';
import { Memo, sha256 } from './offline/memo.ts';
import { bundlePageScripts, bundlePagefind, bundleRuntime } from './offline/scripts.ts';
import { deterministicZip } from './offline/zip.ts';
import { PAGES_HEADERS_FILE, PAGES_REDIRECTS_FILE } from './cloudflare-pages.ts';
import { NGINX_DIR } from './serving-files.ts';
import { SERVICE_WORKER_FILE, WORKBOX_RUNTIME } from './service-worker.ts';

export const OFFLINE_ZIP = 'neotool-ops-docs-offline.zip';

export { OfflineBundleError };

/** Fetched by the site at run time, so served to fetch() from `_offline/data/` in the copy. */
const FETCHED_DATA = /^(?:pagefind\/(?:pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|(?:index|fragment|filter)\/.+)|search-vocabulary\.json)$/;

/** Whether a file of the output goes into the copy as it is. */
export function keptInCopy(path: string): boolean {
	const [first] = path.split('/');
	if (first === DOWNLOADS_DIR || first === NGINX_DIR || first === 'pagefind' || first === '_offline') return false;
	if ([URL_LIST_FILE, PAGES_HEADERS_FILE, PAGES_REDIRECTS_FILE, SERVICE_WORKER_FILE, `${SERVICE_WORKER_FILE}.map`].includes(path)) return false;
	return !WORKBOX_RUNTIME.test(path.replace(/\.map$/, ''));
}

/** Every file under `dir`, as a `/`-separated path relative to it. */
const listFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));

const OFFLINE_CSS = `/* The offline copy's note above each page's title (scripts/lib/offline/html.ts). */
.offline-copy-note { margin: 0 0 1rem; padding: 0.5rem 0.75rem; font-size: var(--sl-text-sm, 0.875rem); }
`;

export interface OfflineBundleOptions {
	/** The published site, for links to what the copy leaves out. */
	siteUrl: string;
	/** The build stamp's instant (ISO 8601): every entry's timestamp. */
	builtAt: string;
	/** Where pages' offline HTML, the script bundles and the zip are kept between builds (offline/memo.ts); none: all made afresh. */
	cacheDir?: string;
}

export interface OfflineBundleSummary {
	/** Files in the zip. */
	files: number;
	/** HTML pages among them. */
	pages: number;
	/** The zip's size in bytes. */
	bytes: number;
	sha256: string;
	/** Wall time of the whole step, in milliseconds. */
	ms: number;
}

/** Everything the zip holds, path → bytes (exported for the tests). */
export async function offlineFiles(outDir: string, options: OfflineBundleOptions, memo = new Memo(undefined)): Promise<Map<string, Uint8Array>> {
	const all = listFiles(outDir).sort();
	const kept = all.filter(keptInCopy);
	const data = all.filter((path) => FETCHED_DATA.test(path));
	const files = new Map<string, Uint8Array>();
	const encoder = new TextEncoder();

	for (const path of data) {
		const content = readFileSync(join(outDir, path));
		files.set(`_offline/data/${path}.js`, encoder.encode(`__neotoolOffline.put(${JSON.stringify(path)},"${content.toString('base64')}");\n`));
	}
	// The bundles read only the site's scripts: Astro's chunks and Pagefind's module (and this code).
	const scriptInputs = sha256(...all.filter((path) => /^_astro\/.*\.m?js$/.test(path) || path === 'pagefind/pagefind.js').flatMap((path) => [path, readFileSync(join(outDir, path))]));
	files.set('_offline/offline.js', encoder.encode(await memo.text(memo.key('runtime', ...data), () => bundleRuntime(data))));
	files.set('_offline/offline.css', encoder.encode(OFFLINE_CSS));
	files.set('_offline/pagefind.js', encoder.encode(await memo.text(memo.key('pagefind', scriptInputs), () => bundlePagefind(outDir))));

	const pages = kept.filter((path) => path.endsWith('.html'));
	const html = new Map<string, string>();
	const hashes = new Map<string, string>();
	for (const path of pages) {
		// Hashed as read, bytes not text: hashing the decoded string would encode it to UTF-8 again.
		const bytes = readFileSync(join(outDir, path));
		hashes.set(path, sha256(bytes));
		html.set(path, bytes.toString('utf8'));
	}
	// Each page is tokenized once: its module list decides the bundles, and the same reading is kept
	// for its rewrite below (dropped at its turn), unless the memo answers for both.
	const readings = new Map<string, PageReading>();
	const lists = await Promise.all(
		pages.map(async (path) =>
			JSON.parse(
				await memo.text(memo.key('scripts', hashes.get(path)!), () => {
					const reading = readPage(html.get(path)!);
					readings.set(path, reading);
					return JSON.stringify(reading.modules.map((m) => m.src));
				}),
			) as string[],
		),
	);
	const scripts = await bundlePageScripts(outDir, lists, (list, make) => memo.text(memo.key('bundle', scriptInputs, ...list), make));
	for (const [path, code] of scripts.files) files.set(path, encoder.encode(code));
	for (const path of kept) if (!path.endsWith('.html')) files.set(path, readFileSync(join(outDir, path)));
	const inCopy = new Set([...files.keys(), ...pages]);
	// What a page's copy depends on besides its own bytes: which files the copy has, the bundles' names, the site.
	const context = sha256(options.siteUrl, [...inCopy].sort().join('\n'), [...scripts.byEntries].flat().join('\n'));
	const missing: string[] = [];
	// One page at a time (rewrite, keep the bytes): no page's reading outlives its turn. A page is kept
	// in the memo as its HTML alone, and only when it loads nothing missing (such a page fails the build).
	for (const path of pages) {
		const key = memo.key('page', context, path, hashes.get(path)!);
		const kept = memo.get(key);
		if (kept) files.set(path, kept);
		else {
			const page = offlinePage(
				html.get(path)!,
				{
					path,
					has: (p) => inCopy.has(p),
					siteUrl: options.siteUrl,
					bundleFor: (list) => scripts.byEntries.get(list.join('\n')),
				},
				(commit, date) => `Offline copy of the NeoTool operations docs: commit ${commit}, built ${date}. Links and search work from this folder without a network; it does not update itself, so download a new copy at each on-call handover.`,
				readings.get(path),
			);
			missing.push(...page.missing.map((url) => `${path}: ${url}`));
			const bytes = encoder.encode(page.html);
			if (!page.missing.length) memo.put(key, bytes);
			files.set(path, bytes);
		}
		readings.delete(path);
		html.delete(path);
	}
	if (missing.length) {
		throw new OfflineBundleError(`build: the offline copy would load files it does not have (${missing.length}):\n${missing.slice(0, 10).map((m) => `  ${m}`).join('\n')}\nexpected every stylesheet, script and image a page loads to be in the output`);
	}
	return files;
}

/** Writes `downloads/<zip>` and `downloads/<zip>.sha256` (sha256sum's format) into `outDir`. */
export async function writeOfflineBundle(outDir: string, options: OfflineBundleOptions): Promise<OfflineBundleSummary> {
	const started = performance.now();
	const memo = new Memo(options.cacheDir);
	const files = await offlineFiles(outDir, options, memo);
	const zipKey = memo.key('zip', options.builtAt, ...[...files.keys()].sort().flatMap((path) => [path, sha256(files.get(path)!)]));
	let zip: Uint8Array | undefined = memo.get(zipKey);
	if (!zip) {
		zip = await deterministicZip(files, options.builtAt);
		memo.put(zipKey, zip);
	}
	memo.prune();
	const digest = createHash('sha256').update(zip).digest('hex');
	mkdirSync(join(outDir, DOWNLOADS_DIR), { recursive: true });
	writeFileSync(join(outDir, DOWNLOADS_DIR, OFFLINE_ZIP), zip);
	writeFileSync(join(outDir, DOWNLOADS_DIR, `${OFFLINE_ZIP}.sha256`), `${digest}  ${OFFLINE_ZIP}\n`);
	const pages = [...files.keys()].filter((p) => p.endsWith('.html')).length;
	return { files: files.size, pages, bytes: zip.byteLength, sha256: digest, ms: Math.round(performance.now() - started) };
}

export function offlineBundleSummary(summary: OfflineBundleSummary): string {
	return `offline copy: ${DOWNLOADS_DIR}/${OFFLINE_ZIP}, ${summary.pages} pages in ${summary.files} files, ${(summary.bytes / 1024 / 1024).toFixed(1)} MB, ${(summary.ms / 1000).toFixed(1)} s`;
}
