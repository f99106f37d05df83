/**
 * The binder's prints, kept beside the build's other caches (scripts/build.ts passes
 * `<Astro cache dir>/dr-binder`): each page's printed PDF by its own inputs, and the joined binder
 * by all of them. A build where no binder page changed copies the binder without starting Chromium;
 * one where a page changed prints that page only (issue 23's budget: the print is most of what the
 * binder costs, and a cold build prints while Astro still writes, dr-binder.ts).
 *
 * A page's key is every byte that goes into its printout: its paper HTML (binder/paper.ts: the built
 * page, the print stylesheet, its build stamp — which names the commit, so a new commit prints every
 * page again: the page-by-page reuse serves rebuilds of one commit, `npm start` while editing) with
 * its title and path (the footer), the code that prints and joins it (this folder and dr-binder.ts,
 * pdf-lib's and playwright-core's versions), Chromium's version and the published site's URL. The files the print loaded (stylesheets, fonts,
 * images) are recorded with their hashes when it is made and checked again on every use: a changed
 * one is a miss. The binder's key is its pages' keys in order (the contents print from their titles,
 * paths and lengths, all inside those keys).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Memo, sha256 } from '../offline/memo.ts';
import { packageVersions } from '../package-version.ts';

/** The printing code: dr-binder.ts and this folder's modules and print stylesheet. */
const CODE = [join(import.meta.dirname, '../dr-binder.ts'), ...readdirSync(import.meta.dirname).sort().map((f) => join(import.meta.dirname, f))].filter((f) => /\.(ts|css)$/.test(f) && !/\.test\.ts$/.test(f));

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
 * An entry is two files of the offline copy's Memo (scripts/lib/offline/memo.ts: written whole, then
 * renamed), the PDF first and its metadata last, and is read only when both are there. Best effort:
 * a cache that cannot be written (disk full, read-only) costs the next build a print, never this build.
 */
function putEntry(memo: Memo, key: string, pdf: Uint8Array, meta: object): void {
	try {
		memo.put(`${key}.pdf`, pdf);
		memo.put(`${key}.json`, JSON.stringify(meta));
	} catch {
		// see above
	}
}

function getEntry(memo: Memo, key: string): { pdf: Uint8Array; meta: Record<string, unknown> } | null {
	const meta = memo.get(`${key}.json`);
	const pdf = meta && memo.get(`${key}.pdf`);
	if (!meta || !pdf) return null;
	try {
		const parsed: unknown = JSON.parse(meta.toString('utf8'));
		return typeof parsed === 'object' && parsed !== null ? { pdf, meta: parsed as Record<string, unknown> } : null;
	} catch {
		return null; // a torn or foreign entry is a miss, and the next put replaces it
	}
}

export function binderCache(dir: string, inputs: { chromium: string; siteUrl: string }): BinderCache {
	const memo = new Memo(dir, { code: CODE, context: [packageVersions(['pdf-lib', 'playwright-core', 'parse5']), inputs.chromium, inputs.siteUrl].join('\n') });
	const binderKey = (pageKeys: readonly string[]) => memo.key('binder', ...pageKeys);
	return {
		pageKey: (p) => memo.key('page', p.id, p.title, p.path, p.html),
		getPage(key, siteDir) {
			const entry = getEntry(memo, key);
			const files = entry?.meta.files;
			// A foreign or older entry (not this shape) is a miss, and the next put replaces it.
			if (typeof files !== 'object' || files === null || !Object.values(files).every((h) => typeof h === 'string')) return null;
			for (const [path, hash] of Object.entries(files as Record<string, string>)) {
				const file = join(siteDir, path);
				if (!existsSync(file) || sha256(readFileSync(file)) !== hash) return null;
			}
			return { pdf: entry!.pdf, loaded: Object.keys(files) };
		},
		putPage(key, page, siteDir) {
			const paths = [...new Set(page.loaded)].sort();
			// A file gone since the print (not expected: only whole prints are kept) means no entry.
			if (!paths.every((path) => existsSync(join(siteDir, path)))) return;
			putEntry(memo, key, page.pdf, { files: Object.fromEntries(paths.map((path) => [path, sha256(readFileSync(join(siteDir, path)))])) });
		},
		getBinder(pageKeys) {
			const entry = getEntry(memo, binderKey(pageKeys));
			return entry && typeof entry.meta.pdfPages === 'number' ? { pdf: entry.pdf, pdfPages: entry.meta.pdfPages } : null;
		},
		putBinder: (pageKeys, binder) => putEntry(memo, binderKey(pageKeys), binder.pdf, { pdfPages: binder.pdfPages }),
		holdsBinder: () => existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('binder-') && f.endsWith('.json')),
		prune: () => memo.prune(),
	};
}
