/**
 * `last_updated` defaulted from Git history: a page that does not set it takes the date of the last
 * commit that touched its file. Read in one `git log --name-only` pass over the docs folder (plus one
 * `git rev-parse` and one `git status`), never one git process per page.
 *
 * What a page gets when its frontmatter is silent:
 * - committed, unchanged: the last commit's committer date (UTC day), the same in the check and the build;
 * - with uncommitted changes (modified, staged or new): in `npm run check`, the day it is checked on
 *   (`--today` or the clock) — the author is changing it now; in the build, its last commit's date, or
 *   for a file with no commit yet the build stamp's date (SOURCE_DATE_EPOCH, else the last commit's
 *   time), so the built output never depends on the clock;
 * - in a shallow clone, a file whose last commit found is a boundary commit gets that commit's date
 *   (deterministic) but it is flagged `unreliable`: the real last change lies beyond the boundary.
 *   The check says so in one warning line (set last_updated, or fetch the full history);
 * - outside a Git work tree (or without git): nothing; the check then asks for the field.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { gitOutput } from './git.ts';

export interface LastCommit {
	/** Committer date of the commit, YYYY-MM-DD in UTC. */
	date: string;
	/** True when the commit is a shallow clone's boundary: older changes to the file are not in the clone. */
	boundary: boolean;
}

export interface GitHistory {
	/** False outside a Git work tree, or when git cannot be run. */
	available: boolean;
	/** The clone is shallow (`git rev-parse --is-shallow-repository`). */
	shallow: boolean;
	/** Last commit touching each file, by path relative to the docs folder (`/`-separated). */
	commits: Map<string, LastCommit>;
	/** Files with uncommitted changes (staged, unstaged or untracked), by path relative to the docs folder. */
	changed: Set<string>;
}

const NONE: GitHistory = { available: false, shallow: false, commits: new Map(), changed: new Set() };

const utcDay = (seconds: string) => new Date(Number(seconds) * 1000).toISOString().slice(0, 10);

/** Reads the history of everything under `docsDir`, fresh (three git processes). */
export function readGitHistory(docsDir: string): GitHistory {
	let dir: string;
	try {
		dir = realpathSync(docsDir);
	} catch {
		return NONE;
	}
	const head = gitOutput(['rev-parse', '--show-toplevel', '--is-shallow-repository', '--git-path', 'shallow'], dir)?.split('\n');
	if (!head || head.length < 3 || !head[0]) return NONE;
	const [top, isShallow, shallowFile] = head as [string, string, string];
	// Paths git prints are relative to the work tree's top; the docs folder's own prefix is cut off.
	const prefix = relative(realpathSync(top), dir).split('\\').join('/');
	const inDocs = (path: string) => (prefix === '' ? path : path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : undefined);
	const shallow = isShallow === 'true';
	const boundaries = new Set<string>();
	if (shallow) {
		try {
			for (const line of readFileSync(resolve(dir, shallowFile), 'utf8').split('\n')) if (line) boundaries.add(line.trim());
		} catch {
			// No shallow file although git says shallow: every date is then treated as reliable.
		}
	}
	const commits = new Map<string, LastCommit>();
	// Newest first; the first commit naming a file is its last change. \x1e starts a commit, NUL ends each field.
	// Fails only where there is no commit yet (a new repository): every file is then uncommitted.
	const log = gitOutput(['-c', 'core.quotePath=false', 'log', '-z', '--no-renames', '--format=%x1e%H%x00%ct', '--name-only', '--', '.'], dir) ?? '';
	for (const record of log.split('\x1e')) {
		if (!record) continue;
		const [hash, seconds, ...files] = record.split('\0');
		if (!hash || !seconds) continue;
		const last: LastCommit = { date: utcDay(seconds), boundary: boundaries.has(hash) };
		for (const raw of files) {
			const rel = inDocs(raw.replace(/^\n/, ''));
			if (rel && !commits.has(rel)) commits.set(rel, last);
		}
	}
	const changed = new Set<string>();
	const status = gitOutput(['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], dir) ?? '';
	const entries = status.split('\0');
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		if (entry.length < 4) continue;
		const rel = inDocs(entry.slice(3));
		if (rel) changed.add(rel);
		// A rename or copy is followed by its source path, which is not a file of the work tree.
		if (entry[0] === 'R' || entry[0] === 'C') i++;
	}
	return { available: true, shallow, commits, changed };
}

const memo = new Map<string, { history: GitHistory; at: number }>();

/**
 * readGitHistory, once per docs folder per process (a build reads it once), or again when the last
 * read is older than `maxAgeMs` (the dev server, so a commit made while it runs shows on the next
 * page load, while the many reads of one render share one).
 */
export function gitHistory(docsDir: string, maxAgeMs = Infinity): GitHistory {
	const key = resolve(docsDir);
	const now = Date.now();
	let entry = memo.get(key);
	if (!entry || now - entry.at >= maxAgeMs) memo.set(key, (entry = { history: readGitHistory(key), at: now }));
	return entry.history;
}

export type DateSource = 'frontmatter' | 'git' | 'git-shallow' | 'working-tree' | 'build-stamp';

export interface ResolvedDate {
	date: string;
	source: DateSource;
}

/**
 * The date review counts from in `npm run check`: the frontmatter's, else a page being changed
 * counts as changed `today`, else its last commit's. Undefined outside Git: the field is then required.
 */
export function checkLastUpdated(written: string | undefined, rel: string, history: GitHistory, today: string): ResolvedDate | undefined {
	if (written) return { date: written, source: 'frontmatter' };
	if (!history.available) return undefined;
	const commit = history.commits.get(rel);
	// Untracked, ignored or modified: not history yet.
	if (!commit || history.changed.has(rel)) return { date: today, source: 'working-tree' };
	return { date: commit.date, source: commit.boundary ? 'git-shallow' : 'git' };
}

/**
 * The date the built site shows and publishes: the frontmatter's, else the last commit's (even when
 * the file has uncommitted changes), else the build stamp's date — never the clock, so two builds of
 * one tree are the same bytes.
 */
export function buildLastUpdated(written: string | undefined, rel: string, history: GitHistory, stampDate: string): ResolvedDate {
	if (written) return { date: written, source: 'frontmatter' };
	const commit = history.commits.get(rel);
	if (commit) return { date: commit.date, source: commit.boundary ? 'git-shallow' : 'git' };
	return { date: stampDate, source: 'build-stamp' };
}

/** The fix a shallow clone's dates need, in one line (the check's warning). */
export const SHALLOW_FIX = 'set last_updated on the page, or fetch the full history (`git fetch --unshallow`; in GitHub Actions, actions/checkout with `fetch-depth: 0`)';

/** A file's path relative to the docs folder, as the history is keyed (for callers holding a path from the repository root). */
export const relInDocs = (docsDir: string, file: string) => relative(resolve(docsDir), resolve(file)).split('\\').join('/');
