/**
 * The build refuses an unsafe page however it is started, and nothing of the page runs first.
 * test/fixtures/unsafe-site/ops/unsafe.mdx appends a line to a marker file from a side-effect import,
 * an `export`, expressions (in prose, in a list, in a component's children) and an attribute
 * expression. `astro build` and `astro dev` are run directly, without `npm run build`'s check in
 * front, so it is the build's own plugin (src/plugins/page-policy.ts) that refuses the page. A
 * control, `astro dev` with the site's configuration minus that plugin, shows every one of those
 * constructs does write the marker when nothing refuses the page (a dev server renders only the page
 * asked for, so the control does not depend on the rest of the site building).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutRunnerVariables } from '../../scripts/lib/runner-env.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

const DOCS = join(ROOT, 'test/fixtures/unsafe-site');
const PAGE = 'test/fixtures/unsafe-site/ops/unsafe.mdx';
const MARKER = join(TMP, 'unsafe-site-ran');
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const FROM = 'expected a project component (`~/components/…`) or `@astrojs/starlight/components`';

/** What must be refused on the page, written from the page. */
const REFUSED = [
	`${PAGE}:14:8  mdx-unsafe  Unexpected import from \`./write-marker.mjs\`, ${FROM}`,
	`${PAGE}:15:32  mdx-unsafe  Unexpected import from \`node:fs\`, ${FROM}`,
	`${PAGE}:17:1  mdx-unsafe  Unexpected \`export\` in a page, expected content only (code belongs in a component under src/components)`,
	`${PAGE}:21:2  mdx-unsafe  Unexpected call expression \`appendFileSync(…)\`, expected a literal or a comment`,
	`${PAGE}:23:15  mdx-unsafe  Unexpected call expression \`appendFileSync(…)\`, expected a literal or a comment`,
	`${PAGE}:25:15  mdx-unsafe  Unexpected logical expression \`appendFileSync('test/.tmp/unsafe-site-r…\` in attribute \`title\` of \`<Aside>\`, expected a string or a literal`,
	`${PAGE}:26:20  mdx-unsafe  Unexpected call expression \`appendFileSync(…)\`, expected a literal or a comment`,
];

/** As scripts/build.ts runs Astro: without the test runner's variables, which would make Vite build in another mode. */
function astroEnv(out: string, nodeEnv: string): NodeJS.ProcessEnv {
	return { ...withoutRunnerVariables(), NODE_ENV: nodeEnv, DOCS_DIR: DOCS, OUT_DIR: out, FORCE_COLOR: '0', NO_COLOR: '1' };
}

function astroBuild(out: string, extra: string[] = []) {
	rmSync(out, { recursive: true, force: true });
	const result = spawnSync(process.execPath, [ASTRO, 'build', ...extra], { cwd: ROOT, env: astroEnv(out, 'production'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { status: result.status ?? 1, printed: `${result.stdout}${result.stderr}` };
}

describe('astro build on a page that runs code', () => {
	it('exits non-zero naming every refused construct at file:line:col, and runs none of it', () => {
		rmSync(MARKER, { force: true });
		const { status, printed } = astroBuild(join(TMP, 'unsafe-dist'));
		expect(status).not.toBe(0);
		for (const line of REFUSED) expect(printed).toContain(line);
		expect(printed).toContain(`${PAGE}:14:8`);
		expect(existsSync(MARKER)).toBe(false);
		expect(existsSync(join(TMP, 'unsafe-dist/ops/unsafe/index.html'))).toBe(false);
	});
});

// `npm run build` starts Astro beside the check (issue 16): the page policy inside Astro is what keeps
// the page from running, and the build must still end on the check's findings, with Astro stopped
// and nothing written.
describe('npm run build (check and Astro side by side) on a page that runs code', () => {
	it('exits 1 with the check\'s findings and its stop line, runs none of the page, leaves no output or staging folder', () => {
		rmSync(MARKER, { force: true });
		const out = join(TMP, 'unsafe-npm-build-dist');
		rmSync(out, { recursive: true, force: true });
		const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.ts')], { cwd: ROOT, env: { ...astroEnv(out, 'production'), CI: '' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		const printed = `${result.stdout}${result.stderr}`;
		expect(result.status).toBe(1);
		for (const line of REFUSED) expect(printed).toContain(line);
		expect(printed).toMatch(/^build: stopped: fix the problems above/m);
		// Astro's own lines are held back until the check passes, and dropped when it does not.
		expect(printed).not.toMatch(/\[build\]|\[content\]|\[vite\]/);
		expect(printed).not.toMatch(/^\s+at\s/m);
		expect(existsSync(MARKER)).toBe(false);
		expect(existsSync(out)).toBe(false);
		expect(existsSync(join(TMP, '.unsafe-npm-build-dist.building'))).toBe(false);
	});
});

/** Starts `astro dev`, requests the unsafe page once, stops the server; returns the status and everything it printed. */
async function devRequest(extra: string[] = []): Promise<{ status: number; printed: string }> {
	const port = 4400 + (process.pid % 500) + extra.length;
	const dev = spawn(process.execPath, [ASTRO, 'dev', '--port', String(port), '--strictPort', ...extra], { cwd: ROOT, env: astroEnv(join(TMP, 'unsafe-dev-dist'), 'development'), stdio: ['ignore', 'pipe', 'pipe'] });
	let printed = '';
	dev.stdout!.on('data', (chunk) => (printed += chunk));
	dev.stderr!.on('data', (chunk) => (printed += chunk));
	try {
		const deadline = Date.now() + 90_000;
		let status = 0;
		while (Date.now() < deadline && status === 0) {
			try {
				status = (await fetch(`http://localhost:${port}/ops/unsafe/`)).status;
			} catch {
				await new Promise((r) => setTimeout(r, 500));
			}
		}
		// The error is logged as the request fails; give it a moment to arrive.
		for (let i = 0; i < 20 && status === 500 && !printed.includes(REFUSED.at(-1)!); i++) await new Promise((r) => setTimeout(r, 250));
		return { status, printed };
	} finally {
		const exited = new Promise((r) => dev.once('exit', r));
		dev.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
	}
}

describe('astro dev on a page that runs code', () => {
	it('answers the page with an error naming file:line:col and runs none of it', async () => {
		rmSync(MARKER, { force: true });
		const { status, printed } = await devRequest();
		expect(status).toBe(500);
		for (const line of REFUSED) expect(printed).toContain(line);
		expect(existsSync(MARKER)).toBe(false);
	});

	it('control: with the site configuration minus the page policy, every one of those constructs runs (so the missing marker above means something)', async () => {
		rmSync(MARKER, { force: true });
		const { status } = await devRequest(['--config', 'test/fixtures/unsafe-site/astro.control.mjs']);
		expect(status).toBe(200);
		expect(readFileSync(MARKER, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['attribute ran', 'child expression ran', 'export ran', 'expression ran', 'imported module ran', 'list expression ran']);
		rmSync(MARKER, { force: true });
	});
});
