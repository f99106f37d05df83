/**
 * `npm run search-eval [-- <dist> [<queries.yaml>]]`: the search evaluation against a built site
 * (default dist/, test/data/search-eval.yaml), one line per query that misses top-1, then top-1 /
 * top-3. SEARCH_RANKING='{"termFrequency":…}' tries other Pagefind weights without a rebuild. The README's figures come from this command;
 * test/browser/search-eval.test.ts asserts the same queries in `npm test`.
 */
import { resolve } from 'node:path';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';
import { searchRanking } from '../src/lib/search-ranking.ts';
import { evaluate, loadQueries, summary } from './search/eval.ts';

const dist = resolve(process.argv[2] ?? 'dist');
const server = await serveStatic(dist);
const browser = await launchChromium();
try {
	const page = await browser.newPage();
	await page.goto(`${server.url}/`);
	const ranking = process.env.SEARCH_RANKING ? { ...searchRanking, ...JSON.parse(process.env.SEARCH_RANKING) } : searchRanking;
	const outcomes = await evaluate(page, loadQueries(process.argv[3] ? resolve(process.argv[3]) : undefined), dist, ranking);
	for (const o of outcomes.filter((o) => o.rank !== 1)) {
		console.log(`${o.rank === null ? 'miss' : `#${o.rank}`}\t${o.who}\t${o.q}\t-> ${o.expect}\n\tgot: ${o.shown.slice(0, 3).map((r) => `${r.url} [${r.sections.map((s) => s.split('#')[1]).join(', ')}]`).join(' | ')}`);
	}
	const s = summary(outcomes);
	console.log(`search-eval: ${s.n} queries, top-1 ${s.top1}/${s.n} (${s.pct(s.top1)}), top-3 ${s.top3}/${s.n} (${s.pct(s.top3)})`);
} finally {
	await browser.close();
	await server.close();
}
