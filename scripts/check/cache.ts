/**
 * Results of the per-file analysis, kept between runs and keyed by each file's bytes, so a run
 * re-analyses only what changed (like `eslint --cache`). Cross-file rules (related, links, anchors)
 * always run fresh on the cached headings and links. Mermaid verdicts are kept per diagram text.
 *
 * Everything that can change a verdict is in the cache's version: the checker's code and libraries
 * (the bundle's id, or its sources and the lockfile), the facts and the dates the run judges by;
 * when any differs the cache starts empty. Stored in node_modules/.cache (never committed);
 * `--no-cache` bypasses it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { today as realToday } from '../../schemas/dates.ts';
import { shellcheckIdentity } from './code/shellcheck.ts';
import type { MermaidError } from './mermaid-runtime.ts';
import type { CheckOptions, FileAnalysis } from './types.ts';

// Paths from the repo root, where npm runs every script: the checker runs bundled (./bundle.ts).
const CACHE_DIR = resolve('node_modules/.cache/docs-check');
/** The checker's code and libraries: covered by the bundle's id when the check runs bundled (./bundle.ts). */
const CODE_INPUTS = ['scripts/check', 'scripts/new', 'schemas', 'src/lib', 'package-lock.json'];
/** Data the rules read at run time. */
const DATA_INPUTS = ['src/data/facts.yaml', 'scripts/check/code/shellcheckrc'];
// mdx-unsafe reads the components pages may import (src/lib/component-catalog.ts).
DATA_INPUTS.push('src/components', 'node_modules/@astrojs/starlight/dist/components.ts');

type Stored = Omit<FileAnalysis, 'display'>;

export const hashOf = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

function listFiles(path: string): string[] {
	try {
		return readdirSync(path, { withFileTypes: true, recursive: true })
			.filter((e) => e.isFile())
			.map((e) => join(e.parentPath, e.name))
			.sort();
	} catch {
		return [path];
	}
}

/** What the verdicts depend on besides the file itself. */
function version(options: CheckOptions): string {
	const hash = createHash('sha1').update(`${options.today}|${realToday()}|${process.versions.node}`);
	const build = process.env.DOCS_CHECK_BUILD;
	if (build) hash.update(build);
	// Shell blocks' findings depend on the shellcheck installed (or its absence).
	hash.update(shellcheckIdentity());
	for (const input of build ? DATA_INPUTS : [...CODE_INPUTS, ...DATA_INPUTS]) {
		for (const file of listFiles(resolve(input))) {
			try {
				hash.update(file).update(readFileSync(file));
			} catch {
				hash.update(`${file}:missing`);
			}
		}
	}
	return hash.digest('hex');
}

/** The entry of one file's analysis: its path and its bytes' hash, so a moved file is a new entry. */
const analysisEntry = (rel: string, hash: string) => `f-${hashOf(`${rel}\0${hash}`)}.json`;
/** The entry of one diagram's verdict, by its text alone. */
const verdictEntry = (text: string) => `m-${hashOf(text)}.json`;

/** Where the cache of one docs folder lives (one folder per docs root, so fixture trees never mix). */
export const cachePath = (docsRoot: string) => join(CACHE_DIR, hashOf(docsRoot).slice(0, 16));

/**
 * One small file per entry, named by what it is for: `f-<hash of path and bytes>.json` for a file's
 * analysis, `m-<hash of the text>.json` for a diagram's verdict, in a folder per version. Checking
 * one file reads and writes one entry, whatever the size of the tree (one shared JSON file of a
 * 1,000-doc tree is 1.6 MB to parse and rewrite every run). A missing or unreadable entry is a miss.
 */
export class AnalysisCache {
	readonly dir: string;
	private pending = new Map<string, unknown>();
	private verdicts = new Map<string, MermaidError | null | undefined>();

	constructor(docsRoot: string, options: CheckOptions) {
		this.dir = join(cachePath(docsRoot), version(options).slice(0, 16));
	}

	private read<T>(name: string): T | undefined {
		try {
			return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as T;
		} catch {
			return undefined;
		}
	}

	get(rel: string, hash: string, display: string): FileAnalysis | undefined {
		const stored = this.read<Stored>(analysisEntry(rel, hash));
		if (!stored || stored.rel !== rel || !Array.isArray(stored.problems)) return undefined;
		return { ...stored, display, problems: stored.problems.map((p) => ({ ...p, file: display })) };
	}

	set(rel: string, hash: string, analysis: FileAnalysis): void {
		const { display: _display, ...stored } = analysis;
		this.pending.set(analysisEntry(rel, hash), stored);
	}

	mermaid(text: string): MermaidError | null | undefined {
		const key = verdictEntry(text);
		if (!this.verdicts.has(key)) this.verdicts.set(key, this.read<{ verdict: MermaidError | null }>(key)?.verdict);
		return this.verdicts.get(key);
	}

	setMermaid(text: string, verdict: MermaidError | null): void {
		const key = verdictEntry(text);
		this.verdicts.set(key, verdict);
		this.pending.set(key, { verdict });
	}

	/**
	 * Write the new entries (each to a temporary name, then renamed, so a reader never sees half of
	 * one) and drop the folders of older versions. A failure to write costs the next run time,
	 * never this run's result.
	 */
	save(): void {
		if (this.pending.size === 0) return;
		try {
			mkdirSync(this.dir, { recursive: true });
			for (const [name, value] of this.pending) {
				const tmp = join(this.dir, `${name}.${process.pid}.tmp`);
				writeFileSync(tmp, JSON.stringify(value));
				renameSync(tmp, join(this.dir, name));
			}
			this.pending.clear();
			const root = dirname(this.dir);
			for (const entry of readdirSync(root)) if (join(root, entry) !== this.dir) rmSync(join(root, entry), { recursive: true, force: true });
		} catch {
			// Read-only checkout or full disk: carry on uncached.
		}
	}
}
