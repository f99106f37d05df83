/**
 * Runs Debian's shellcheck over the shell blocks of a check run: blocks are written to files in a
 * temporary folder and checked in batches, one process per BATCH scripts (a script is one page's
 * blocks, see ./bash.ts), never one per block. A batch starts as soon as it is full, so shellcheck
 * works on the second core while the check goes on with the next pages.
 *
 * `-f json1` columns count characters, a tab as one: they map straight onto the block's text.
 * A missing shellcheck is found once (a look along PATH) and reported by the caller, never a throw.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export interface ShellcheckComment {
	line: number;
	column: number;
	level: 'error' | 'warning' | 'info' | 'style';
	code: number;
	message: string;
}

/** The project's exclusions (paths from the repo root, where npm runs every script). */
export const SHELLCHECK_RC = resolve('scripts/check/code/shellcheckrc');
/** Pages per shellcheck process: a process costs ~20 ms to start (and more to spawn from a large Node process). */
const BATCH = 24;
/** Two batches at once at most: the check itself needs a core too. */
const PARALLEL = 2;

let found: string | null | undefined;

/** The shellcheck binary: DOCS_CHECK_SHELLCHECK (the tests point it elsewhere) or the first on PATH; null when missing. */
export function shellcheckPath(): string | null {
	if (found !== undefined) return found;
	const override = process.env.DOCS_CHECK_SHELLCHECK;
	const candidates = override ? [override] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'shellcheck'));
	found = null;
	for (const candidate of candidates) {
		try {
			accessSync(candidate, constants.X_OK);
			if (statSync(candidate).isFile()) {
				found = candidate;
				break;
			}
		} catch {
			// Not there: the next one.
		}
	}
	return found;
}

/** What the check's cache must be keyed by: which shellcheck (and whether there is one at all). */
export function shellcheckIdentity(): string {
	const path = shellcheckPath();
	if (!path) return 'shellcheck:missing';
	const stat = statSync(path);
	return `shellcheck:${path}:${stat.size}:${stat.mtimeMs}`;
}

let options: string[] | undefined;

/**
 * ./shellcheckrc (shellcheck's own rc format) as command-line options: `disable=` → `-e`, `enable=`
 * → `-o`. Passed with `--norc` rather than copied next to the blocks as `.shellcheckrc`, because
 * looking for an rc file beside each file costs shellcheck ~20 % of its time.
 */
function rcOptions(): string[] {
	if (options) return options;
	options = [];
	for (const line of readFileSync(SHELLCHECK_RC, 'utf8').split('\n')) {
		const m = /^\s*(disable|enable)\s*=\s*([\w,-]+)/.exec(line);
		if (m) options.push(m[1] === 'disable' ? '-e' : '-o', m[2]!);
	}
	return options;
}

interface Job {
	text: string;
	done(comments: ShellcheckComment[], failure?: string): void;
}

let folder: string | undefined;
let counter = 0;
let queue: Job[] = [];
const running = new Set<Promise<void>>();
const waiting: Job[][] = [];

function start(batch: Job[]): void {
	if (running.size >= PARALLEL) {
		waiting.push(batch);
		return;
	}
	const run = check(batch).finally(() => {
		running.delete(run);
		const next = waiting.shift();
		if (next) start(next);
	});
	running.add(run);
}

function check(batch: Job[]): Promise<void> {
	const binary = shellcheckPath()!;
	folder ??= mkdtempSync(join(tmpdir(), 'docs-check-sh-'));
	const dir = folder;
	const names = batch.map((job) => {
		const name = `b${counter++}.sh`;
		writeFileSync(join(dir, name), job.text.endsWith('\n') ? job.text : `${job.text}\n`);
		return name;
	});
	return new Promise((resolvePromise) => {
		const child = spawn(binary, ['--norc', ...rcOptions(), '-f', 'json1', '-s', 'bash', '-S', 'warning', ...names], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		const fail = (why: string) => {
			for (const job of batch) job.done([], why);
			resolvePromise();
		};
		child.on('error', (error) => fail(error.message));
		child.on('close', (code) => {
			// 0: nothing found; 1: findings; anything else: shellcheck could not run.
			if (code !== 0 && code !== 1) return fail(Buffer.concat(err).toString('utf8').trim().split('\n')[0] || `exit ${code}`);
			let comments: (ShellcheckComment & { file: string })[];
			try {
				comments = (JSON.parse(Buffer.concat(out).toString('utf8') || '{"comments":[]}') as { comments: (ShellcheckComment & { file: string })[] }).comments;
			} catch {
				return fail('unreadable output');
			}
			batch.forEach((job, i) => job.done(comments.filter((c) => c.file === names[i])));
			resolvePromise();
		});
	});
}

let flushing = false;
function flush(): void {
	flushing = false;
	if (queue.length) start(queue);
	queue = [];
}

/**
 * Queues one block; `done` is called with its findings once its batch has run. A full batch starts
 * at once; a partial one as soon as the thread is idle (after the current run of pages).
 */
export function shellcheck(text: string, done: Job['done']): void {
	queue.push({ text, done });
	if (queue.length >= BATCH) flush();
	else if (!flushing) {
		flushing = true;
		setImmediate(flush);
	}
}

/** Waits for every batch; removes the temporary folder. */
export async function settleShellcheck(): Promise<void> {
	flush();
	while (running.size || waiting.length) await Promise.all([...running]);
	if (folder) rmSync(folder, { recursive: true, force: true });
	folder = undefined;
}
