/**
 * Results of the per-file analysis, kept between runs and keyed by each file's bytes, so a run
 * re-analyses only what changed (like `eslint --cache`). Cross-file rules (related, links, anchors)
 * always run fresh on the cached headings and links. Mermaid verdicts are kept per diagram text.
 *
 * Everything that can change a verdict is in the cache's version: the checker's own sources, the
 * schema, the facts, the lockfile (library versions) and the dates the run judges by; when any
 * differs the cache starts empty. Stored in node_modules/.cache (never committed); `--no-cache`
 * bypasses it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { today as realToday } from '../../schemas/dates.ts';
import type { MermaidError } from './mermaid-runtime.ts';
import type { CheckOptions, FileAnalysis } from './types.ts';

// Paths from the repo root, where npm runs every script: the checker runs bundled (./bundle.ts).
const CACHE_DIR = resolve('node_modules/.cache/docs-check');
/** The checker's code and libraries: covered by the bundle's id when the check runs bundled (./bundle.ts). */
const CODE_INPUTS = ['scripts/check', 'scripts/new', 'schemas', 'src/lib', 'package-lock.json'];
/** Data the rules read at run time. */
const DATA_INPUTS = ['src/data/facts.yaml'];

type Stored = Omit<FileAnalysis, 'display'>;
interface CacheFile {
	version: string;
	files: Record<string, { hash: string; analysis: Stored }>;
	mermaid: Record<string, MermaidError | null>;
}

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

/** Where the cache of one docs folder lives (one file per folder, so fixture trees never mix). */
export const cachePath = (docsRoot: string) => join(CACHE_DIR, `${hashOf(docsRoot).slice(0, 16)}.json`);

export class AnalysisCache {
	readonly path: string;
	private data: CacheFile;
	private dirty = false;

	constructor(docsRoot: string, options: CheckOptions) {
		this.path = cachePath(docsRoot);
		const current = version(options);
		let loaded: CacheFile | undefined;
		try {
			loaded = JSON.parse(readFileSync(this.path, 'utf8')) as CacheFile;
		} catch {
			// No cache yet, or an unreadable one: start empty.
		}
		this.data = loaded?.version === current ? loaded : { version: current, files: {}, mermaid: {} };
	}

	get(rel: string, hash: string, display: string): FileAnalysis | undefined {
		const hit = this.data.files[rel];
		if (!hit || hit.hash !== hash) return undefined;
		return { ...hit.analysis, display, problems: hit.analysis.problems.map((p) => ({ ...p, file: display })) };
	}

	set(rel: string, hash: string, analysis: FileAnalysis): void {
		const { display: _display, ...stored } = analysis;
		this.data.files[rel] = { hash, analysis: stored };
		this.dirty = true;
	}

	mermaid(text: string): MermaidError | null | undefined {
		return this.data.mermaid[hashOf(text)];
	}

	setMermaid(text: string, verdict: MermaidError | null): void {
		this.data.mermaid[hashOf(text)] = verdict;
		this.dirty = true;
	}

	/** Write when something changed; a failure to write costs the next run time, never this run's result. */
	save(): void {
		if (!this.dirty) return;
		try {
			mkdirSync(dirname(this.path), { recursive: true });
			const tmp = `${this.path}.${process.pid}.tmp`;
			writeFileSync(tmp, JSON.stringify(this.data));
			renameSync(tmp, this.path);
			this.dirty = false;
		} catch {
			// Read-only checkout or full disk: carry on uncached.
		}
	}
}
