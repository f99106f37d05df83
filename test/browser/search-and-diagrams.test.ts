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

describe('mermaid diagrams (SVG at build time)', () => {
	const svgOf = (page: Page) => page.locator('figure[data-mermaid-static] .mermaid-svg svg');
	/** What Chromium paints a node's box and an edge with, computed: the theme's colours or not. */
	const paint = (page: Page) =>
		svgOf(page).evaluate((svg) => {
			const node = getComputedStyle(svg.querySelector('.node rect, .node polygon')!);
			const edge = getComputedStyle(svg.querySelector('.flowchart-link')!);
			return { nodeFill: node.fill, nodeStroke: node.stroke, edgeStroke: edge.stroke };
		});
	// mermaid's own theme colours (its "default" and "dark" themes), as the renders drew them.
	const expected = {
		light: { nodeFill: 'rgb(236, 236, 255)', nodeStroke: 'rgb(147, 112, 219)', edgeStroke: 'rgb(51, 51, 51)' },
		dark: { nodeFill: 'rgb(31, 32, 32)', nodeStroke: 'url("#mmd-', edgeStroke: 'rgb(211, 211, 211)' },
	};

	for (const theme of ['light', 'dark'] as const) {
		it(`draw one SVG in the ${theme} theme's colours, an image named for readers, with its text selectable`, async () => {
			const page = await open('/ops/restart-runbook/', theme);
			// One SVG for the one diagram, in either theme: never a light and a dark copy again.
			expect(await page.locator('figure[data-mermaid-static] .mermaid-svg').count()).toBe(1);
			const svg = svgOf(page);
			expect(await svg.count()).toBe(1);
			expect(await svg.isVisible()).toBe(true);
			const colours = await paint(page);
			expect(colours.nodeFill).toBe(expected[theme].nodeFill);
			expect(colours.nodeStroke.startsWith(expected[theme].nodeStroke)).toBe(true);
			expect(colours.edgeStroke).toBe(expected[theme].edgeStroke);
			expect(await svg.getAttribute('role')).toBe('img');
			const title = await svg.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent);
			expect(title).toBeTruthy();
			expect(await svg.locator('text, foreignObject').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Restart')]));
			expect(await svg.evaluate((el) => getComputedStyle(el.querySelector('text, foreignObject div, foreignObject span')!).userSelect)).not.toBe('none');
		});
	}

	it('follow the theme toggle: the painted colours change with it', async () => {
		const page = await open('/ops/restart-runbook/', 'light');
		const nodeFill = async () => (await paint(page)).nodeFill;
		expect(await nodeFill()).toBe(expected.light.nodeFill);
		await page.selectOption('starlight-theme-select select >> nth=0', 'dark');
		expect(await nodeFill()).toBe(expected.dark.nodeFill);
		expect((await paint(page)).edgeStroke).toBe(expected.dark.edgeStroke);
		await page.selectOption('starlight-theme-select select >> nth=0', 'light');
		expect(await nodeFill()).toBe(expected.light.nodeFill);
	});

	it('are in the page without JavaScript, the source beside them', async () => {
		const page = await site.browser.context.newPage();
		await page.route('**/*.js', (route) => route.abort());
		await page.route('**/*.mjs', (route) => route.abort());
		await page.goto(`${site.url}/ops/restart-runbook/`);
		expect(await page.locator('figure[data-mermaid-static] .mermaid-svg svg').count()).toBe(1);
		expect(await page.locator('figure[data-mermaid-static] details code').textContent()).toContain('A[Restart] --> B[Verify]');
		await page.close();
	});

	for (const path of ['/ops/restart-runbook/', '/ops/']) {
		it(`load no mermaid code on ${path}`, async () => {
			const page = await site.browser.newPage();
			const requests: string[] = [];
			page.on('request', (r) => requests.push(r.url()));
			await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
			expect(requests.filter((s) => /mermaid/i.test(s))).toEqual([]);
			expect(await page.locator('script[data-mermaid-loader]').count()).toBe(0);
		});
	}
});
