/**
 * One git command's output, for the modules that read the checkout (the build stamp, pages' dates
 * from history, the agents' generated-at time). Outside a checkout, or without git, there is no
 * answer rather than an error: each caller has its own fallback.
 */
import { execFileSync } from 'node:child_process';

export function gitOutput(args: string[], cwd: string): string | undefined {
	try {
		// 64 MB: a long history of a large docs tree lists every file of every commit.
		return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
	} catch {
		return undefined;
	}
}
