/**
 * The binder's prints, kept beside the build's other caches (scripts/build.ts passes
 * `<Astro cache dir>/dr-binder`): each page's printed PDF by its own inputs, and the joined binder
 * by all of them. A build where no binder page changed copies the binder without starting Chromium;
 * one where a page changed prints that page only (issue 23's budget: the print is most of what the
 * binder costs, and a cold build prints while Astro still writes, dr-binder.ts).
 *
 * A page's key is every byte that goes into its printout: its paper HTML (binder/paper.ts: the built
 * page, the print stylesheet, its build stamp — which names the commit, so a new commit prints every
 * page again: the page-by-page reuse serves rebuilds of one commit, `npm start` while editing) with its title and path (the footer), the code that
 * prints and joins it (this folder and dr-binder.ts, pdf-lib's and playwright-core's versions),
 * Chromium's version and the published site's URL. The files the print loaded (stylesheets, fonts,
 * images) are recorded with their hashes when it is made and checked again on every use: a changed
 * one is a miss. The binder's key is its pages' keys in order (the contents print from their titles,
 * paths and lengths, all inside those keys).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageVersions } from '../package-version.ts';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The printing code's own version: its sources, and the libraries that shape the bytes it writes. */
function codeVersion(): string {
	const here = import.meta.dirname;
	const sources = [join(here, '../dr-binder.ts'), ...readdirSync(here).sort().map((f) => join(here, f))].filter((f) => /\.(ts|css)$/.test(f) && !/\.test\.ts$/.test(f));
	return sha256(sources.map((f) => `${f.slice(here.length)}\n${sha256(readFileSync(f))}`).join('\n') + packageVersions(['pdf-lib', 'playwright-core', 'parse5']));
}

/** `Chromium 156.0.… built on Debian …`: what the browser says it is (80 ms, no browser started). */
export function chromiumVersion(executable: string): string {
	return execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

export interface PrintedPage {
	pdf: Uint8Array;
	/** Site files the print loaded, relative to the site folder. */
	loaded: readonly string[];
}

export interface CachedBinder {
	pdf: Uint8Array;
	pdfPages: number;
}

export interface BinderCache {
	/** The key of one page's print. */
	pageKey(page: { id: string; title: string; path: string; html: string }): string;
	/** The page's print when every input is unchanged, else null. */
	getPage(key: string, siteDir: string): PrintedPage | null;
	putPage(key: string, page: PrintedPage, siteDir: string): void;
	/** The joined binder of these page prints (their keys in order), else null. */
	getBinder(pageKeys: readonly string[]): CachedBinder | null;
	putBinder(pageKeys: readonly string[], binder: CachedBinder): void;
	/** Whether a binder was kept: if not, this build prints every page. */
	holdsBinder(): boolean;
	/** Removes every entry this build did not use: the cache holds one binder per site. */
	prune(): void;
}

/**
 * Whole or nothing: an entry is read only once both of its files are whole (the PDF is written
 * first; temporary names carry the process id, so two builds sharing the folder never write one
 * file). Best effort: a cache that cannot be written (disk full, read-only) costs the next build a
 * print, never this build.
 */
function writeEntry(dir: string, name: string, pdf: Uint8Array, meta: object): void {
	try {
		mkdirSync(dir, { recursive: true });
		for (const [file, data] of [[`${name}.pdf`, pdf], [`${name}.json`, JSON.stringify(meta)]] as const) {
			const tmp = join(dir, `${file}.${process.pid}.tmp`);
			writeFileSync(tmp, data);
			renameSync(tmp, join(dir, file));
		}
	} catch {
		// see above
	}
}

function readEntry<Meta>(dir: string, name: string): { pdf: Uint8Array; meta: Meta } | null {
	const pdfFile = join(dir, `${name}.pdf`);
	const metaFile = join(dir, `${name}.json`);
	if (!existsSync(pdfFile) || !existsSync(metaFile)) return null;
	try {
		return { meta: JSON.parse(readFileSync(metaFile, 'utf8')) as Meta, pdf: readFileSync(pdfFile) };
	} catch {
		return null; // a torn or foreign entry is a miss, and the next put replaces it
	}
}

export function binderCache(dir: string, inputs: { chromium: string; siteUrl: string }): BinderCache {
	const common = sha256([codeVersion(), inputs.chromium, inputs.siteUrl].join('\n'));
	const used = new Set<string>();
	const binderKey = (pageKeys: readonly string[]) => `binder-${sha256([common, ...pageKeys].join('\n'))}`;
	return {
		pageKey: (p) => `page-${sha256([common, p.id, p.title, p.path, sha256(p.html)].join('\n'))}`,
		getPage(key, siteDir) {
			used.add(key);
			const entry = readEntry<{ files?: unknown }>(dir, key);
			const files = entry?.meta.files;
			// A foreign or older entry (not this shape) is a miss, and the next put replaces it.
			if (!entry || typeof files !== 'object' || files === null || !Object.values(files).every((h) => typeof h === 'string')) return null;
			for (const [path, hash] of Object.entries(files as Record<string, string>)) {
				const file = join(siteDir, path);
				if (!existsSync(file) || sha256(readFileSync(file)) !== hash) return null;
			}
			return { pdf: entry.pdf, loaded: Object.keys(files) };
		},
		putPage(key, page, siteDir) {
			used.add(key);
			const paths = [...new Set(page.loaded)].sort();
			// A file gone since the print (not expected: only whole prints are kept) means no entry.
			if (!paths.every((path) => existsSync(join(siteDir, path)))) return;
			writeEntry(dir, key, page.pdf, { files: Object.fromEntries(paths.map((path) => [path, sha256(readFileSync(join(siteDir, path)))])) });
		},
		getBinder(pageKeys) {
			const key = binderKey(pageKeys);
			used.add(key);
			const entry = readEntry<{ pdfPages?: unknown }>(dir, key);
			return entry && typeof entry.meta.pdfPages === 'number' ? { pdf: entry.pdf, pdfPages: entry.meta.pdfPages } : null;
		},
		putBinder(pageKeys, binder) {
			const key = binderKey(pageKeys);
			used.add(key);
			writeEntry(dir, key, binder.pdf, { pdfPages: binder.pdfPages });
		},
		holdsBinder: () => existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('binder-') && f.endsWith('.json')),
		prune() {
			if (!existsSync(dir)) return;
			for (const file of readdirSync(dir)) if (!used.has(file.replace(/\.(pdf|json)(\.\d+\.tmp)?$/, ''))) rmSync(join(dir, file), { force: true });
		},
	};
}
