/**
 * Which source a built page came from: the commit and the build date, printed on every page (the
 * footer) so a copy read offline, from a service worker's cache or on paper says how old it is.
 * The date follows the agents' files (SOURCE_DATE_EPOCH, else the last commit's time, never the
 * clock), so two builds of one commit stay byte-identical.
 */
import { generatedAt, gitLastCommitTime } from './agents/generated-at.ts';
import { gitOutput } from './git.ts';

export interface BuildStamp {
	/** Abbreviated commit id (12 hex digits), or `unknown` outside a Git checkout. */
	commit: string;
	/** True when tracked or untracked, non-ignored files differ from the commit. */
	localChanges: boolean;
	/** ISO 8601 instant. */
	builtAt: string;
	/** `YYYY-MM-DD` of builtAt, for people. */
	date: string;
}

const git = (args: string[], cwd: string) => gitOutput(args, cwd)?.trim();

let cached: BuildStamp | undefined;

export function buildStamp(cwd = process.cwd()): BuildStamp {
	if (cached) return cached;
	const commit = process.env.DOCS_BUILD_COMMIT || git(['rev-parse', '--short=12', 'HEAD'], cwd) || 'unknown';
	const status = process.env.DOCS_BUILD_COMMIT ? '' : git(['status', '--porcelain'], cwd);
	const builtAt = generatedAt({ sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, lastCommit: () => gitLastCommitTime(cwd) });
	cached = { commit, localChanges: Boolean(status), builtAt, date: builtAt.slice(0, 10) };
	return cached;
}

/** One line for people: `commit 3e53da6f1c2a (with local changes), built 2026-12-07`. */
export function formatBuildStamp(stamp: BuildStamp): string {
	return `commit ${stamp.commit}${stamp.localChanges ? ' (with local changes)' : ''}, built ${stamp.date}`;
}
