/**
 * When the agents' files say they were generated: SOURCE_DATE_EPOCH (reproducible-builds.org) if
 * set, else the time of the last commit, else the newest `last_updated`. Never the clock, so two
 * builds of one commit are byte-identical.
 */
import { gitOutput } from '../git.ts';

export interface GeneratedAtSources {
	sourceDateEpoch?: string;
	/** `git log -1 --format=%cI`, or undefined outside a repository. */
	lastCommit: () => string | undefined;
	/** Newest last_updated among the docs, YYYY-MM-DD. */
	newestDocDate?: string;
}

export function generatedAt({ sourceDateEpoch, lastCommit, newestDocDate }: GeneratedAtSources): string {
	if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
		if (!/^\d+$/.test(sourceDateEpoch)) throw new Error(`Unexpected SOURCE_DATE_EPOCH \`${sourceDateEpoch}\`, expected seconds since 1970 such as 1767312000`);
		return new Date(Number(sourceDateEpoch) * 1000).toISOString();
	}
	const commit = lastCommit();
	if (commit) return new Date(commit).toISOString();
	return `${newestDocDate ?? '1970-01-01'}T00:00:00.000Z`;
}

export function gitLastCommitTime(cwd = process.cwd()): string | undefined {
	const out = gitOutput(['log', '-1', '--format=%cI'], cwd)?.trim();
	return out && !Number.isNaN(Date.parse(out)) ? out : undefined;
}
