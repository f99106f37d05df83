import { run, type RunResult } from './build.ts';

/** The day the check fixtures are judged on, so staleness figures never drift with the calendar. */
export const CHECK_TODAY = '2026-11-26';

/** `npm run check` as an author runs it (node directly: npm adds only start-up time), without the cache so every run analyses afresh. */
export function runCheck(args: string[], env: Record<string, string> = {}): RunResult {
	return run(process.execPath, ['scripts/check.mjs', '--today', CHECK_TODAY, '--no-cache', ...args], env);
}

/** The problem lines a run printed (stdout), without the summary (stderr). */
export const linesOf = (result: RunResult) => result.stdout.split('\n').filter(Boolean);
