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
	return run('npm', ['run', '-s', 'build'], { DOCS_DIR: docsDir, OUT_DIR: outDir, ...extraEnv }, projectDir);
}
