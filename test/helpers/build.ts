import { spawnSync } from 'node:child_process';
import { ROOT } from './paths.ts';

export interface RunResult {
	status: number;
	stdout: string;
	stderr: string;
}

/** Run a package script or node file the way an author would, capturing everything it prints. */
export function run(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): RunResult {
	const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** `npm run build` against a docs tree into an output folder (fixture builds, reproducibility). */
export function buildSite(docsDir: string, outDir: string, extraEnv: Record<string, string> = {}, projectDir = ROOT): RunResult {
	return run('npm', ['run', '-s', 'build'], { DOCS_DIR: docsDir, OUT_DIR: outDir, ...fixtureEnv(docsDir), ...extraEnv }, projectDir);
}

/**
 * The fixture site (here or copied elsewhere) always builds with tag pages of 2 entries, so its
 * five-page `operations` tag is paged (issue #16), and every build of it compares equal to another.
 */
function fixtureEnv(docsDir: string): Record<string, string> {
	return docsDir.replaceAll('\\', '/').endsWith('test/fixtures/site') ? { TAG_PAGE_SIZE: '2' } : {};
}
