/**
 * The page as an on-call engineer meets it (issue 24), in Chromium at 1440×900 and on a 390×844 phone,
 * over every runbook of the built site: the Steps heading within two screens, no command cut off
 * sideways or under the copy button; search from the keyboard; a 404 that points at the right page;
 * the section index with its incident table first; Related links in the table of contents. One
 * browser, one page per screen size, every runbook visited in turn, so the file stays quick.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { siteInBrowser } from '../helpers/browser.ts';
import { SITE_DIST } from '../helpers/paths.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const site = siteInBrowser(SITE_DIST);

interface IndexedDoc { id: string; frontmatter: { kind: string; title: string }; headings: { depth: number; text: string; anchor: string }[] }
const index = JSON.parse(readFileSync(join(SITE_DIST, 'docs-index.json'), 'utf8')) as { docs: IndexedDoc[] };
const runbooks = index.docs.filter((d) => d.frontmatter.kind === 'runbook').map((d) => ({ ...d, path: `/${d.id}/` }));

/** A diagram: rendered at build time (data-mermaid-static) or in the browser (data-mermaid). */
const DIAGRAM = 'figure:is([data-mermaid], [data-mermaid-static])';

const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function newPage(size: keyof typeof SIZES): Promise<Page> {
	const page = await site.browser.newPage();
	await page.setViewportSize(SIZES[size]);
	return page;
}

/** axe-core's serious and critical findings on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
	const results = await page.evaluate(async () => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
	return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits until every diagram on the page has rendered (or failed, which the page shows). */
async function diagramsSettled(page: Page): Promise<void> {
	await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((f) => f.querySelector('.mermaid-svg svg') || f.hasAttribute('data-error')), DIAGRAM, { timeout: 20_000 });
}

interface Layout {
	stepsTop: number | null;
	/** Code blocks the reader would have to scroll sideways, by their first line. */
	scrollable: string[];
	/** Code lines whose text lies under the copy button. */
	covered: string[];
	blocks: number;
}

/** Measured in the page: where Steps starts, which code blocks scroll sideways, what the copy button hides. */
function measure(page: Page): Promise<Layout> {
	return page.evaluate(() => {
		const steps = document.getElementById('steps');
		const pres = [...document.querySelectorAll<HTMLPreElement>('.sl-markdown-content pre')];
		const firstLine = (pre: Element) => (pre.querySelector('.ec-line')?.textContent ?? pre.textContent ?? '').trim().slice(0, 60);
		const covered: string[] = [];
		for (const frame of document.querySelectorAll('.expressive-code .frame')) {
			const button = frame.querySelector('.copy button')?.getBoundingClientRect();
			if (!button || button.width === 0) continue;
			for (const code of frame.querySelectorAll('.ec-line .code')) {
				const range = document.createRange();
				range.selectNodeContents(code);
				for (const r of range.getClientRects()) {
					const overlaps = r.width > 0 && r.left < button.right && r.right > button.left && r.top < button.bottom && r.bottom > button.top;
					if (overlaps) {
						covered.push((code.textContent ?? '').trim().slice(0, 60));
						break;
					}
				}
			}
		}
		return {
			stepsTop: steps ? steps.getBoundingClientRect().top + window.scrollY : null,
			scrollable: pres.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map(firstLine),
			covered: [...new Set(covered)],
			blocks: pres.length,
		};
	});
}

describe('every runbook, at 1440×900 and on a 390×844 phone', () => {
	it('has runbooks to check', () => {
		expect(runbooks.length).toBeGreaterThan(40);
		expect(runbooks.every((r) => r.headings.some((h) => h.depth === 2 && h.anchor === 'steps'))).toBe(true);
	});

	for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
		it(`${size}: Steps within two screens, no code block scrolls sideways, the copy button covers no text`, async () => {
			const { height } = SIZES[size];
			const late: string[] = [];
			const scrollable: string[] = [];
			const covered: string[] = [];
			let blocks = 0;
			// Three tabs take turns over the runbooks: loading is mostly waiting.
			const queue = [...runbooks];
			await Promise.all(
				[0, 1, 2].map(async () => {
					const page = await newPage(size);
					for (let runbook = queue.shift(); runbook; runbook = queue.shift()) {
						await page.goto(site.url + runbook.path);
						await diagramsSettled(page);
						const layout = await measure(page);
						blocks += layout.blocks;
						if (layout.stepsTop === null || layout.stepsTop > 2 * height) late.push(`${runbook.path} Steps at ${Math.round(layout.stepsTop ?? -1)} px (two screens: ${2 * height} px)`);
						scrollable.push(...layout.scrollable.map((line) => `${runbook.path}: ${line}`));
						covered.push(...layout.covered.map((line) => `${runbook.path}: ${line}`));
					}
					await page.close();
				}),
			);
			late.sort();
			scrollable.sort();
			covered.sort();
			console.log(`${size}: ${runbooks.length} runbooks, ${blocks} code blocks; Steps beyond two screens: ${late.length}; blocks scrolling sideways: ${scrollable.length}; lines under the copy button: ${covered.length}`);
			expect({ late, scrollable, covered }).toEqual({ late: [], scrollable: [], covered: [] });
		}, 300_000);
	}

	it('wraps a long command visibly, keeps its indentation, and copies it as written', async () => {
		const page = await newPage('phone');
		await page.goto(`${site.url}/11-infrastructure/postgresql-pitr-runbook/`);
		const result = await page.evaluate(() => {
			const frames = [...document.querySelectorAll('.expressive-code .frame')];
			for (const frame of frames) {
				const lines = [...frame.querySelectorAll<HTMLElement>('.ec-line .code')];
				const lineHeight = parseFloat(getComputedStyle(lines[0]!).lineHeight);
				const wrapped = lines.find((l) => l.getBoundingClientRect().height > lineHeight * 1.5);
				if (!wrapped) continue;
				const marker = getComputedStyle(wrapped, '::after');
				const copied = (frame.querySelector<HTMLElement>('.copy button')?.dataset.code ?? '').replace(/\u007f/g, '\n');
				return { marker: marker.content, markerHeight: parseFloat(marker.height), lineHeight, copied, text: lines.map((l) => l.textContent).join('\n') };
			}
			return null;
		});
		expect(result).not.toBeNull();
		// A ↪ on every row after the first; the text copied is the source, with no marker in it.
		expect(result!.marker).toContain('↪');
		expect(result!.markerHeight).toBeGreaterThan(result!.lineHeight * 0.5);
		expect(result!.copied.trim()).toBe(result!.text.trim());
		expect(result!.copied).not.toContain('↪');
		await page.close();
	});

	it('shows a tall diagram at a bounded height, with a button to see it at full size', async () => {
		const page = await newPage('desktop');
		await page.goto(`${site.url}/11-infrastructure/postgresql-pitr-runbook/`);
		await diagramsSettled(page);
		// Whether the fold above Steps holding the diagram is open depends on how long the sections
		// before Steps are (runbook-fold.ts): a closed one is opened as a reader would.
		const fold = page.locator(`details.runbook-fold:has(${DIAGRAM})`).first();
		if ((await fold.count()) > 0 && !(await fold.evaluate((d: HTMLDetailsElement) => d.open))) await fold.locator(':scope > summary').click();
		const svg = page.locator(`${DIAGRAM} .mermaid-svg:visible svg`).first();
		const before = (await svg.boundingBox())!.height;
		expect(before).toBeLessThanOrEqual(SIZES.desktop.height * 0.45 + 1);
		const button = page.locator(`${DIAGRAM} .mermaid-expand`).first();
		expect(await button.getAttribute('aria-expanded')).toBe('false');
		await button.click();
		expect(await button.getAttribute('aria-expanded')).toBe('true');
		expect((await svg.boundingBox())!.height).toBeGreaterThan(before * 1.5);
		await page.close();
	});
});

describe('the metadata line', () => {
	it('says owner, last reviewed and review due in one line; the rest is in a closed disclosure', async () => {
		for (const size of ['desktop', 'phone'] as const) {
			const page = await newPage(size);
			await page.goto(`${site.url}/11-infrastructure/disaster-recovery/`);
			const meta = page.locator('.doc-meta');
			const text = (await meta.innerText()).replace(/\s+/g, ' ');
			expect(text).toMatch(/^Owner SRE Team (Reviewed|Updated) \d{4}-\d{2}-\d{2} Review due \d{4}-\d{2}-\d{2} Page details$/);
			expect(await page.locator('.doc-meta-more').getAttribute('open')).toBeNull();
			// The metadata line and the footer (Edit page, Previous / Next) are chrome, not search text.
			expect(await page.locator('.doc-meta').evaluate((el) => el.closest('[data-pagefind-ignore]') !== null)).toBe(true);
			expect(await page.locator('main footer').evaluate((el) => el.closest('[data-pagefind-ignore]') !== null)).toBe(true);
			expect(await page.locator('.doc-meta-more dl').isVisible()).toBe(false);
			const rows = await meta.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
			expect(rows, size).toBeLessThanOrEqual(size === 'phone' ? 2.2 : 1.2);
			await page.close();
		}
	});
});

describe('accessibility of the new parts (axe-core)', () => {
	it('a runbook on a phone, sections folded, and the search dialog with results: no serious or critical violation', async () => {
		const page = await newPage('phone');
		await page.goto(`${site.url}/11-infrastructure/disaster-recovery/`);
		await diagramsSettled(page);
		expect(await page.locator('details.runbook-fold:not([open])').count()).toBeGreaterThan(0);
		expect(await axeViolations(page)).toEqual([]);
		await page.click('button[data-open-modal]');
		await page.locator('#starlight__search .pagefind-ui__search-input').fill('restore');
		await page.locator('#starlight__search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		expect(await axeViolations(page)).toEqual([]);
		await page.close();
	});
});

describe('search from the keyboard', () => {
	it('/ opens it, keys typed while it loads are kept, arrows move through results, Enter opens one', async () => {
		const page = await newPage('desktop');
		await page.goto(`${site.url}/11-infrastructure/incident-response/`, { waitUntil: 'domcontentloaded' });
		expect((await page.locator('button[data-open-modal]').innerText()).replace(/\s+/g, ' ')).toMatch(/Search \/ (Ctrl|⌘) K/);
		// Straight away: Pagefind's UI is still loading.
		await page.keyboard.press('/');
		await page.keyboard.type('restore database');
		const input = page.locator('#starlight__search .pagefind-ui__search-input');
		await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toBe('restore database');
		const links = page.locator('#starlight__search .pagefind-ui__result-link');
		await links.first().waitFor({ timeout: 15_000 });
		await page.keyboard.press('ArrowDown');
		expect(await page.evaluate(() => document.activeElement?.classList.contains('pagefind-ui__result-link'))).toBe(true);
		const first = await links.first().getAttribute('href');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(first);
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowUp');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(first);
		await Promise.all([page.waitForURL((url) => url.pathname + url.hash === first), page.keyboard.press('Enter')]);
		await page.close();
	});

	it('Ctrl+K opens it too; result cards show section and kind, and no metadata text in excerpts', async () => {
		const page = await newPage('desktop');
		await page.goto(`${site.url}/11-infrastructure/`);
		await page.keyboard.press('Control+k');
		await page.locator('#starlight__search .pagefind-ui__search-input').fill('rollback');
		const results = page.locator('#starlight__search .pagefind-ui__result');
		await results.first().locator('.pagefind-ui__result-tags').waitFor({ timeout: 15_000 });
		const tags = await results.first().locator('.pagefind-ui__result-tags').innerText();
		expect(tags).toMatch(/Section: /);
		expect(tags).toMatch(/Kind: (runbook|guide|reference|overview|adr)/);
		// The ranking-only fields (src/lib/search-ranking.ts) rank; they are not tags to show.
		expect(tags).not.toMatch(/Headings|Keywords|Alerts/i);
		const excerpts = (await page.locator('#starlight__search .pagefind-ui__result-excerpt').allInnerTexts()).join('\n');
		expect(excerpts).not.toMatch(/Review due|Owner SRE|Page details|Typeinfrastructure|Categorydeployment/);
		// Generated pages (tag lists, the 404) are not answers: the pages they list are.
		const hrefs = await page.locator('#starlight__search .pagefind-ui__result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
		expect(hrefs.filter((h) => h.startsWith('/tags/') || h.startsWith('/404'))).toEqual([]);
		await page.close();
	});

	it('on a phone the filters are collapsed behind a toggle, and results come first', async () => {
		const page = await newPage('phone');
		await page.goto(`${site.url}/11-infrastructure/`);
		await page.click('button[data-open-modal]');
		await page.locator('#starlight__search .pagefind-ui__search-input').fill('postgresql');
		await page.locator('#starlight__search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		await page.locator('.search-filter-toggle').waitFor();
		expect(await page.locator('#starlight__search .pagefind-ui__filter-panel').isVisible()).toBe(false);
		const firstResult = await page.locator('#starlight__search .pagefind-ui__result').first().boundingBox();
		expect(firstResult!.y).toBeLessThan(SIZES.phone.height / 3);
		await page.click('.search-filter-toggle');
		expect(await page.locator('#starlight__search .pagefind-ui__filter-panel').isVisible()).toBe(true);
		expect(await page.locator('.search-filter-toggle').getAttribute('aria-expanded')).toBe('true');
		await page.close();
	});
});

describe('a mistyped runbook URL', () => {
	it('gets status 404 and the site layout, a link to the right runbook, a pre-filled search box and the ways in', async () => {
		const page = await newPage('desktop');
		const response = await page.goto(`${site.url}/11-infrastructure/postgresql-pitr-runbok/`);
		expect(response!.status()).toBe(404);
		expect(await page.locator('h1#_top').innerText()).toBe('Page not found');
		expect(await page.locator('nav.sidebar, #starlight__sidebar').count()).toBeGreaterThan(0);
		const suggestion = page.locator('#not-found-suggestions a').first();
		await suggestion.waitFor({ timeout: 5_000 });
		expect(await suggestion.getAttribute('href')).toBe('/11-infrastructure/postgresql-pitr-runbook/');
		const input = page.locator('#not-found-search .pagefind-ui__search-input');
		await input.waitFor({ timeout: 15_000 });
		await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toBe('infrastructure postgresql pitr runbok');
		// axe once the results are in (Pagefind's grey loading placeholders are decorative and brief).
		await page.locator('#not-found-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		expect(await page.locator('main a[href="/11-infrastructure/incident-response/"]').count()).toBeGreaterThan(0);
		expect(await page.locator('main a[href="/11-infrastructure/"]').count()).toBeGreaterThan(0);
		expect(await axeViolations(page)).toEqual([]);
		await page.close();
	});
});

describe('the section index and the Related lists', () => {
	it('opens the section index with the incident table, before onboarding and decisions', async () => {
		const page = await newPage('phone');
		await page.goto(`${site.url}/11-infrastructure/`);
		const order = await page.evaluate(() => {
			const top = (el: Element | null | undefined) => (el ? el.getBoundingClientRect().top + window.scrollY : Infinity);
			const table = [...document.querySelectorAll('.sl-markdown-content table')].find((t) => t.textContent?.includes('Service down'));
			return { table: top(table), onboarding: top(document.getElementById('quick-links-and-common-tasks')), decisions: top([...document.querySelectorAll('.sl-markdown-content p')].find((p) => p.textContent?.startsWith('Decisions.'))) };
		});
		expect(order.table).toBeLessThan(SIZES.phone.height);
		expect(order.table).toBeLessThan(order.onboarding);
		expect(order.onboarding).toBeLessThan(order.decisions);
		await page.close();
	});

	it('lists Related and Referenced by in the table of contents, in the theme link colour', async () => {
		const page = await newPage('desktop');
		await page.goto(`${site.url}/11-infrastructure/postgresql-pitr-runbook/`);
		expect(await page.locator('starlight-toc a[href="#related"]').count()).toBe(1);
		expect(await page.locator('starlight-toc a[href="#referenced-by"]').count()).toBe(1);
		const colours = await page.evaluate(() => ({
			related: getComputedStyle(document.querySelector('.doc-links a')!).color,
			body: getComputedStyle(document.querySelector('.sl-markdown-content p a')!).color,
		}));
		expect(colours.related).toBe(colours.body);
		await page.close();
	});
});
