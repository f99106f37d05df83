/**
 * `npm run build` runs Astro in a process group of its own (so that a failed check stops Pagefind
 * with it), which a terminal's Ctrl-C does not reach: stopping the build must stop Astro too, and
 * leave neither output nor staging folder. Found when an Astro left running by a stopped build
 * removed the `.astro/.prerender/` folder another build in the same checkout was rendering from.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutRunnerVariables } from '../../scripts/lib/runner-env.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

/** PIDs of processes whose environment says they build into `staging`. */
function buildingInto(staging: string): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`OUT_DIR=${staging}`)) pids.push(Number(entry));
		} catch {}
	}
	return pids;
}

describe('stopping npm run build', () => {
	it('stops Astro with it, removes the staging folder and leaves the output folder as it was', async () => {
		const out = join(TMP, 'interrupt-dist');
		const staging = join(TMP, '.interrupt-dist.building');
		rmSync(out, { recursive: true, force: true });
		const env = { ...withoutRunnerVariables(), DOCS_DIR: join(ROOT, 'test/fixtures/site'), OUT_DIR: out, NODE_ENV: 'production', CI: '', FORCE_COLOR: '0' };
		const build = spawn(process.execPath, [join(ROOT, 'scripts/build.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let printed = '';
		build.stdout!.on('data', (c) => (printed += c));
		build.stderr!.on('data', (c) => (printed += c));
		const exited = new Promise<number | null>((resolve) => build.on('close', resolve));
		// Astro is running once a process builds into the staging folder.
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline && buildingInto(staging).length === 0) await new Promise((r) => setTimeout(r, 200));
		const astro = buildingInto(staging);
		expect(astro.length).toBeGreaterThan(0);
		build.kill('SIGTERM');
		expect(await exited).toBe(143);
		expect(printed).toContain('build: stopped (SIGTERM)');
		// Astro gets SIGTERM at once; give it a moment to go.
		for (let i = 0; i < 50 && buildingInto(staging).length > 0; i++) await new Promise((r) => setTimeout(r, 200));
		expect(buildingInto(staging)).toEqual([]);
		expect(existsSync(staging)).toBe(false);
		expect(existsSync(out)).toBe(false);
	}, 180_000);
});
