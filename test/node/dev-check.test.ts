/**
 * `astro dev` runs the authors' check on the page it serves and after each save (src/plugins/dev-check.ts):
 * a copy of the small fixture tree is served; its runbook answers 200 while it is clean (the control);
 * then the runbook is saved with a misspelt `status` value and a link to a page that does not exist,
 * and the same URL must answer 500 — never the last good page — with the check's own lines
 * (`file:line:col  rule  message`) in the response Astro's error overlay is drawn from. A page
 * broken before the server started is served on its first view (the check never holds one up), then
 * the open tab is reloaded into the check's error.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutRunnerVariables } from '../../scripts/lib/runner-env.ts';
import { FIXTURE_DOCS, ROOT, TMP } from '../helpers/paths.ts';

const DOCS = join(TMP, 'dev-check-site');
const PAGE = join(DOCS, 'ops/restart-runbook.mdx');
const DISPLAY = relative(ROOT, PAGE);
const PLANTED = join(DOCS, 'ops/planted-runbook.mdx');
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const port = 4950 + (process.pid % 40);
const URL_ = `http://localhost:${port}/ops/restart-runbook/`;

/** Vite's HMR socket, as the page's /@vite/client opens it (with the server's token): the overlay's errors and reloads arrive on it. */
async function hmrSocket(): Promise<WebSocket> {
	const client = await (await fetch(`http://localhost:${port}/@vite/client`)).text();
	const token = /const wsToken = "([^"]*)"/.exec(client)?.[1];
	expect(token).toBeTruthy();
	const socket = new WebSocket(`ws://localhost:${port}/?token=${token}`, 'vite-hmr');
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve);
		socket.addEventListener('error', reject);
	});
	return socket;
}

let dev: ReturnType<typeof spawn>;
let printed = '';

beforeAll(async () => {
	rmSync(DOCS, { recursive: true, force: true });
	cpSync(FIXTURE_DOCS, DOCS, { recursive: true });
	// Broken before the server starts, in a way only the check sees (the page compiles): its first view is not held up for the check.
	const planted = readFileSync(PAGE, 'utf8').replace('title: Restart Runbook', 'title: Planted Runbook').replace(/^(redirect_from|print_binder):.*\n/gm, '');
	writeFileSync(PLANTED, planted.replace('## Rollback', '## Rolback'));
	const env = withoutRunnerVariables();
	dev = spawn(process.execPath, [ASTRO, 'dev', '--port', String(port), '--strictPort'], {
		cwd: ROOT,
		env: { ...env, NODE_ENV: 'development', DOCS_DIR: DOCS, OUT_DIR: join(TMP, 'dev-check-dist'), FORCE_COLOR: '0', NO_COLOR: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	dev.stdout!.on('data', (chunk) => (printed += chunk));
	dev.stderr!.on('data', (chunk) => (printed += chunk));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline && !/localhost:\d+/.test(printed)) await new Promise((r) => setTimeout(r, 200));
}, 70_000);

afterAll(async () => {
	const exited = new Promise((r) => dev.once('exit', r));
	dev.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
	rmSync(DOCS, { recursive: true, force: true });
});

describe('astro dev with the authors\' check', () => {
	it('serves the clean runbook (control: the failure below is the edit\'s)', async () => {
		const response = await fetch(URL_);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Pods are replaced one by one.');
	}, 60_000);

	it('after a save with a bad frontmatter value and a broken link, answers the page with both errors at file:line:col and their rule ids, and serves it again once fixed', async () => {
		const source = readFileSync(PAGE, 'utf8');
		// Line 7 is `status: current`; the link goes on a line of its own after the last line (41).
		const broken = source.replace('status: current', 'status: curent').trimEnd() + '\n\nSee [the missing page](../guides/no-such-page/).\n';
		writeFileSync(PAGE, broken);
		const linkLine = broken.split('\n').findIndex((l) => l.startsWith('See [the missing page]')) + 1;
		// What the browser does: the page's /@vite/client opens Vite's HMR socket (with the server's token),
		// and Astro sends the failed request's error on it, which the overlay draws.
		const socket = await hmrSocket();
		const overlay = new Promise<{ message: string; hint?: string; loc?: { file: string; line: number; column: number } }>((resolve) =>
			socket.addEventListener('message', (event) => {
				const payload = JSON.parse(String(event.data));
				if (payload.type === 'error') resolve(payload.err);
			}),
		);
		let status = 0;
		let body = '';
		// The watcher sees the save within moments; until it does, the old page may still be answered.
		for (let i = 0; i < 40 && status !== 500; i++) {
			const response = await fetch(URL_);
			status = response.status;
			body = await response.text();
			if (status !== 500) await new Promise((r) => setTimeout(r, 250));
		}
		expect(status).toBe(500);
		expect(body).toContain('<title>DocsCheckError</title>');
		const err = await Promise.race([overlay, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no error on the HMR socket; the server printed:\n${printed}`)), 10_000))]);
		socket.close();
		// The overlay renders the message as Markdown: read it as text.
		const text = err.message.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, '').replaceAll('&#x60;', '`').replaceAll('&quot;', '"');
		expect(text).toMatch(new RegExp(`${DISPLAY.replaceAll('.', '\\.')}:7:\\d+ +frontmatter-schema +[^\\n]*curent`));
		expect(text).toMatch(new RegExp(`${DISPLAY.replaceAll('.', '\\.')}:${linkLine}:5 +link-target +[^\\n]*no-such-page`));
		expect(err.loc).toMatchObject({ file: PAGE, line: 7 });
		expect(err.hint).toContain('npm run check');
		// And the terminal has the same lines, as the check prints them.
		expect(printed).toContain(`${DISPLAY}:${linkLine}:5  link-target  `);
		// Saved fixed, the page is served again (the error is not stuck either).
		writeFileSync(PAGE, source);
		let fixed = 0;
		for (let i = 0; i < 40 && fixed !== 200; i++) {
			fixed = (await fetch(URL_)).status;
			if (fixed !== 200) await new Promise((r) => setTimeout(r, 250));
		}
		expect(fixed).toBe(200);
	}, 30_000);

	it('a page broken before the server started: its first view is served without waiting for the check, then the open tab reloads and the page answers the check\'s error', async () => {
		const socket = await hmrSocket();
		let reloads = 0;
		socket.addEventListener('message', (event) => {
			if (JSON.parse(String(event.data)).type === 'full-reload') reloads++;
		});
		const plantedUrl = `http://localhost:${port}/ops/planted-runbook/`;
		const first = await fetch(plantedUrl);
		expect(first.status).toBe(200);
		expect(await first.text()).toContain('Pods are replaced one by one.');
		// The check judges it after that answer; its verdict makes the same URL answer the error.
		let status = 200;
		let body = '';
		for (let i = 0; i < 60 && status !== 500; i++) {
			await new Promise((r) => setTimeout(r, 250));
			const response = await fetch(plantedUrl);
			status = response.status;
			body = await response.text();
		}
		socket.close();
		expect(status).toBe(500);
		expect(body).toContain('<title>DocsCheckError</title>');
		// …and the open tab was told to reload, so the author sees it without reloading by hand.
		expect(reloads).toBeGreaterThan(0);
		expect(printed).toMatch(new RegExp(`${relative(ROOT, PLANTED).replaceAll('.', '\\.')}:\\d+:\\d+ +runbook-sections +[^\\n]*Rolback`));
	}, 30_000);
});
