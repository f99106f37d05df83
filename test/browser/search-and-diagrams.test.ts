import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { siteInBrowser } from '../helpers/browser.ts';
import { FIXTURE_DIST } from '../helpers/paths.ts';

const site = siteInBrowser(FIXTURE_DIST);

async function open(path: string, theme?: 'light' | 'dark'): Promise<Page> {
	const page = await site.browser.newPage(theme);
	await page.goto(site.url + path);
	return page;
}

describe('search (Pagefind through Starlight)', () => {
	it('finds a page by a search keyword and lands on it', async () => {
		const page = await open('/');
		await page.click('button[data-open-modal]');
		await page.fill('#starlight__search .pagefind-ui__search-input', 'zephyrquokka');
		const first = page.locator('#starlight__search .pagefind-ui__result-link').first();
		await first.waitFor({ timeout: 15_000 });
		expect(await first.textContent()).toBe('Restart Runbook');
		await first.click();
		await page.waitForURL(/\/ops\/restart-runbook\/$/);
		expect(await page.locator('h1#_top').textContent()).toBe('Restart Runbook');
	});

	it('offers filters by type, category, status and tag', async () => {
		const page = await open('/');
		await page.click('button[data-open-modal]');
		await page.fill('#starlight__search .pagefind-ui__search-input', 'restart');
		await page.locator('#starlight__search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		const filters = await page.locator('#starlight__search .pagefind-ui__filter-name').allTextContents();
		expect(filters.map((f) => f.trim()).sort()).toEqual(['Category', 'Kind', 'Status', 'Tag', 'Type']);
	});
});

describe('mermaid diagrams', () => {
	for (const theme of ['light', 'dark'] as const) {
		it(`render as SVG in the ${theme} theme`, async () => {
			const page = await open('/ops/restart-runbook/', theme);
			const svg = page.locator('figure[data-mermaid] .mermaid-svg svg');
			await svg.waitFor({ timeout: 20_000 });
			expect(await page.locator('figure[data-mermaid]').getAttribute('data-theme')).toBe(theme);
			expect(await svg.locator('text, foreignObject').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Restart')]));
		});
	}

	it('re-render when the theme toggle flips', async () => {
		const page = await open('/ops/restart-runbook/', 'light');
		await page.locator('figure[data-mermaid] .mermaid-svg svg').waitFor({ timeout: 20_000 });
		const before = await page.locator('figure[data-mermaid] .mermaid-svg').innerHTML();
		await page.selectOption('starlight-theme-select select >> nth=0', 'dark');
		await page.waitForFunction(() => document.querySelector('figure[data-mermaid]')?.getAttribute('data-theme') === 'dark');
		expect(await page.locator('figure[data-mermaid] .mermaid-svg').innerHTML()).not.toBe(before);
	});

	it('loads no mermaid code on a page without a diagram', async () => {
		const page = await site.browser.newPage();
		const scripts: string[] = [];
		page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
		await page.goto(`${site.url}/ops/`, { waitUntil: 'networkidle' });
		expect(scripts.filter((s) => /mermaid/i.test(s))).toEqual([]);
	});
});
