/**
 * The last printed binder of a site, kept beside the build's other caches (scripts/build.ts passes
 * `<Astro cache dir>/dr-binder`), so a build where no binder page changed copies it instead of
 * starting Chromium (issue 23's budget: the print is most of what the binder costs).
 *
 * The key is every byte that goes into the printout: each page's paper HTML (binder/paper.ts: the
 * built page, the print stylesheet, its build stamp) with its title and path (footer and contents), the code that prints and joins
 * it (this folder and dr-binder.ts, pdf-lib's and playwright-core's versions), Chromium's version and
 * the published site's URL. The files the print loaded (stylesheets, fonts, images) are recorded
 * with their hashes when it is made and checked again on every use: a changed one is a miss.
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

export interface CacheEntry {
	pdf: Uint8Array;
	pdfPages: number;
}

interface Meta {
	pdfPages: number;
	/** Site files the print loaded (path in the site folder → sha256). */
	files: Record<string, string>;
}

export interface BinderCache {
	key: string;
	/** The cached binder when every input is unchanged, else null. */
	get(siteDir: string): CacheEntry | null;
	/** Keeps this print (and only it: one binder per site). */
	put(entry: CacheEntry, loaded: readonly string[], siteDir: string): void;
}

export function binderCache(dir: string, inputs: { pages: ReadonlyArray<{ id: string; title: string; path: string; html: string }>; chromium: string; siteUrl: string }): BinderCache {
	const pages = inputs.pages.map((p) => [p.id, p.title, p.path, sha256(p.html)].join('\t'));
	const key = sha256([codeVersion(), inputs.chromium, inputs.siteUrl, ...pages].join('\n'));
	const pdfFile = join(dir, `${key}.pdf`);
	const metaFile = join(dir, `${key}.json`);
	return {
		key,
		get(siteDir) {
			if (!existsSync(pdfFile) || !existsSync(metaFile)) return null;
			try {
				const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
				for (const [path, hash] of Object.entries(meta.files)) {
					const file = join(siteDir, path);
					if (!existsSync(file) || sha256(readFileSync(file)) !== hash) return null;
				}
				return { pdf: readFileSync(pdfFile), pdfPages: meta.pdfPages };
			} catch {
				return null; // a torn or foreign entry is a miss, and the next put replaces it
			}
		},
		put(entry, loaded, siteDir) {
			const files = Object.fromEntries([...new Set(loaded)].sort().map((path) => [path, sha256(readFileSync(join(siteDir, path)))]));
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dir, { recursive: true });
			// The PDF first, the metadata last: an entry is used only once both are whole.
			writeFileSync(`${pdfFile}.tmp`, entry.pdf);
			renameSync(`${pdfFile}.tmp`, pdfFile);
			writeFileSync(`${metaFile}.tmp`, JSON.stringify({ pdfPages: entry.pdfPages, files } satisfies Meta));
			renameSync(`${metaFile}.tmp`, metaFile);
		},
	};
}
