/**
 * The search evaluation (test/data/search-eval.yaml) against the real site's Pagefind index, in
 * Chromium, with the dialog's own query rewriting and section grouping (scripts/search/eval.ts).
 * Every query must put what the engineer needs first, except those marked `known` (a miss measured
 * after tuning and left, with the reason in the data file and the README); the whole set must not
 * fall below the figures the README reports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadQueries, summary, type EvalOutcome } from '../../scripts/search/eval.ts';
import { siteInBrowser } from '../helpers/browser.ts';
import { SITE_DIST } from '../helpers/paths.ts';

const site = siteInBrowser(SITE_DIST);
const queries = loadQueries();
let outcomes: EvalOutcome[] = [];

beforeAll(async () => {
	const page = await site.browser.newPage();
	await page.goto(`${site.url}/`);
	outcomes = await evaluate(page, queries, SITE_DIST);
});

const shown = (o: EvalOutcome) => o.shown.slice(0, 3).map((r) => `${r.url} [${r.sections.map((s) => s.split('#')[1]).join(', ')}]`).join(' | ');

describe('search evaluation', () => {
	it('has at least 40 queries, each naming a page', () => {
		expect(queries.length).toBeGreaterThanOrEqual(40);
		for (const q of queries) expect(q.expect).toMatch(/^\/[\w/-]*\/(#[\w-]+)?$/);
	});

	for (const [i, q] of queries.entries()) {
		// A known miss must stay at least where it was measured (`#3`: among the first three); one
		// recorded as `miss` is counted in the figures below but not held to a place.
		const knownRank = q.known?.match(/^#(\d+)/)?.[1];
		const title = !q.known ? `${q.who}: "${q.q}" puts ${q.expect} first` : knownRank ? `${q.who}: "${q.q}" (known miss) shows ${q.expect} at #${knownRank} or better` : `${q.who}: "${q.q}" (known miss, not shown) is measured`;
		it(title, () => {
			const o = outcomes[i]!;
			if (!q.known) expect(o.rank, `got: ${shown(o)}`).toBe(1);
			else if (knownRank) {
				expect(o.rank, `got: ${shown(o)}`).not.toBeNull();
				expect(o.rank!, `got: ${shown(o)}`).toBeLessThanOrEqual(Number(knownRank));
			} else expect(q.known).toMatch(/^miss: /);
		});
	}

	// The dialog relaxes a query after Pagefind UI has searched it (search-ui.ts); this is the UI's own
	// path, not the evaluation's: "give" is on no page about kubeconfigs, while a Vault page happens to
	// hold all four words.
	it('the dialog searches a question again without the word its answer lacks', async () => {
		const page = await site.browser.newPage();
		await page.goto(`${site.url}/`);
		await page.click('button[data-open-modal]');
		await page.fill('#starlight__search .pagefind-ui__search-input', 'give a new engineer a kubeconfig');
		const first = page.locator('#starlight__search .pagefind-ui__result-link').first();
		await expect.poll(() => first.getAttribute('href'), { timeout: 15_000 }).toBe('/11-infrastructure/production-access/');
		await page.close();
	});

	it('the dialog shows the section that holds most of the question under its page', async () => {
		const page = await site.browser.newPage();
		await page.goto(`${site.url}/`);
		await page.click('button[data-open-modal]');
		await page.fill('#starlight__search .pagefind-ui__search-input', 'what is the RPO and RTO for postgres');
		const first = page.locator('#starlight__search .pagefind-ui__result').first();
		await expect
			.poll(() => first.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), { timeout: 15_000 })
			.toContain('/11-infrastructure/disaster-recovery/#recovery-objectives');
		await page.close();
	});

	// Third round (search-relax.ts, search-results.ts): the dialog's own path. A pasted error the page
	// quotes is not relaxed into a shorter query another page's keywords win; a copied identifier is
	// never dropped; the section shown is the one holding the rare words, not one whose heading says "page".
	it('the dialog keeps a pasted error the page quotes and a copied identifier, and shows the section they are in', async () => {
		const page = await site.browser.newPage();
		await page.goto(`${site.url}/`);
		await page.click('button[data-open-modal]');
		const input = page.locator('#starlight__search .pagefind-ui__search-input');
		const first = page.locator('#starlight__search .pagefind-ui__result').first();
		const links = () => first.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		await input.fill('Error acquiring the state lock');
		await expect.poll(links, { timeout: 15_000 }).toContain('/11-infrastructure/terraform-guide/#troubleshooting');
		await input.fill('url-lost renamed page');
		await expect.poll(links, { timeout: 15_000 }).toContain('/12-specification-driven-dev/documentation-standards/#redirect_from');
		await page.close();
	});

	it('keeps top-1 and top-3 at least where the README reports them (137/151 and 149/151)', () => {
		const s = summary(outcomes);
		expect(s.top1).toBeGreaterThanOrEqual(137);
		expect(s.top3).toBeGreaterThanOrEqual(149);
	});
});
