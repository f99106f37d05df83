import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { siteInBrowser } from '../helpers/browser.ts';
import { SITE_DIST } from '../helpers/paths.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const site = siteInBrowser(SITE_DIST);

/** Opens a page and records what a reader's console and network tab would show going wrong. */
async function visit(path: string, theme?: 'light' | 'dark') {
	const page = await site.browser.newPage(theme);
	const problems: string[] = [];
	page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
	page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
	page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
	await page.goto(site.url + path, { waitUntil: 'networkidle' });
	return { page, problems };
}

async function seriousViolations(page: Page): Promise<string[]> {
	await page.addScriptTag({ content: axeSource });
	const results = await page.evaluate(async () => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
	return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const routes = readdirSync(SITE_DIST, { recursive: true })
	.map(String)
	.filter((f) => f.endsWith('index.html') && !f.startsWith('vendor'))
	.map((f) => `/${f.replace(/index\.html$/, '')}`)
	.sort();

describe('every page of the built site', () => {
	it('loads with no console error and no failed request', async () => {
		expect(routes.length).toBeGreaterThan(30);
		const failures: string[] = [];
		// Four tabs at a time: each page waits for network idle, which is mostly waiting.
		for (let i = 0; i < routes.length; i += 4) {
			await Promise.all(
				routes.slice(i, i + 4).map(async (route) => {
					const { page, problems } = await visit(route);
					failures.push(...problems.map((p) => `${route}: ${p}`));
					await page.close();
				}),
			);
		}
		expect(failures.sort()).toEqual([]);
	}, 300_000);
});

describe('accessibility (axe-core): no serious or critical violations', () => {
	const pageTypes = { 'front page': '/11-infrastructure/', runbook: '/11-infrastructure/incident-response/', 'tag page': '/tags/kubernetes/' };
	for (const theme of ['light', 'dark'] as const) {
		for (const [type, route] of Object.entries(pageTypes)) {
			it(`${type} in the ${theme} theme`, async () => {
				const { page } = await visit(route, theme);
				if (type === 'runbook') {
					// Sections before Steps may be folded on this screen (src/lib/runbook-fold.ts): open them, so axe sees all.
					await page.evaluate(() => document.querySelectorAll('details.runbook-fold').forEach((d) => ((d as HTMLDetailsElement).open = true)));
					// Build-time SVGs, one per theme: the other theme's is in the page but not shown.
					await page.locator('figure[data-mermaid] .mermaid-svg svg').first().waitFor({ state: 'attached', timeout: 20_000 });
				}
				expect(await seriousViolations(page)).toEqual([]);
				await page.close();
			});
		}
		it(`search results in the ${theme} theme`, async () => {
			const { page } = await visit('/', theme);
			await page.click('button[data-open-modal]');
			await page.fill('#starlight__search .pagefind-ui__search-input', 'restore database');
			await page.locator('#starlight__search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
			expect(await seriousViolations(page)).toEqual([]);
			await page.close();
		});
	}
});
