/**
 * `npm run screenshots` — the README's pictures of a runbook, taken from the built site (run
 * `npm run build` first) in Debian's chromium: the first screen at 1440×900 and on a 390×844 phone,
 * light theme, diagrams rendered. Written to docs/screenshots/; rerun after a layout change.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { OUT_DIR } from '../src/lib/site-config.ts';
import { serveStatic } from './lib/static-server.ts';

const { values } = parseArgs({
	options: {
		dist: { type: 'string', default: OUT_DIR },
		page: { type: 'string', default: '/11-infrastructure/postgresql-pitr-runbook/' },
		out: { type: 'string', default: 'docs/screenshots' },
	},
});

const dist = resolve(values.dist!);
if (!existsSync(join(dist, 'index.html'))) {
	console.error(`screenshots: no built site in ${relative(process.cwd(), dist) || '.'} (run \`npm run build\` first)`);
	process.exit(1);
}
const out = resolve(values.out!);
mkdirSync(out, { recursive: true });

const server = await serveStatic(dist);
const profile = mkdtempSync(join(tmpdir(), 'neotool-screenshots-'));
// Nothing downloads a browser: Debian's chromium, a fresh profile, no network beyond loopback.
const context = await chromium.launchPersistentContext(profile, {
	executablePath: '/usr/bin/chromium',
	headless: true,
	colorScheme: 'light',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
	for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
		const page = await context.newPage();
		await page.setViewportSize(viewport);
		await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
		await page.goto(server.url + values.page, { waitUntil: 'networkidle' });
		await page.waitForFunction(() => [...document.querySelectorAll('figure[data-mermaid]')].every((f) => f.querySelector('.mermaid-svg svg') || f.hasAttribute('data-error')), undefined, { timeout: 20_000 });
		const file = join(out, `runbook-${name}.png`);
		await page.screenshot({ path: file, fullPage: false });
		console.log(`screenshots: ${relative(process.cwd(), file)} (${viewport.width}×${viewport.height}, ${values.page})`);
		await page.close();
	}
} finally {
	await context.close();
	await server.close();
	rmSync(profile, { recursive: true, force: true });
}
