/**
 * `npm run linkcheck` (started by scripts/linkcheck.ts) — linkinator over the built site: every
 * internal link, asset and #fragment must resolve. External links are skipped unless `--external`
 * (CI has no network).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LinkResult } from 'linkinator';
import { DOCS_DIR, OUT_DIR } from '../../src/lib/site-config.ts';
import { ExternalCache } from './external-cache.ts';
import { filesOnDisk } from './files-on-disk.ts';
import { brokenLinks, formatBroken } from './report.ts';
import { startSiteServer } from './site-server.ts';

const { values } = parseArgs({
	options: {
		dist: { type: 'string', default: OUT_DIR },
		docs: { type: 'string', default: DOCS_DIR },
		external: { type: 'boolean', default: false },
		concurrency: { type: 'string', default: '50' },
		timeout: { type: 'string', default: '10000' },
		cache: { type: 'string', default: '.cache/linkcheck-external.json' },
		'cache-hours': { type: 'string', default: '24' },
	},
});

const dist = resolve(values.dist!);
if (!existsSync(`${dist}/index.html`)) {
	console.error(`linkcheck: no built site in ${values.dist} (run \`npm run build\` first)`);
	process.exit(2);
}

// The site is served from worker threads that read each page for its links and fragment ids
// (scripts/linkcheck/site-worker.ts): that work runs beside linkinator, not before it.
// The server's threads start first and load their modules while this one loads linkinator and undici.
const starting = startSiteServer(dist).catch((error: unknown) => {
	// E.g. linkinator installed without its patch (page-digest.ts): one sentence, not a stack trace.
	console.error(`linkcheck: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(2);
});
const { LeanLinkChecker } = await import('./lean-checker.ts');
const server = await starting;
const base = server.url;
const cache = values.external ? new ExternalCache(resolve(values.cache!), Number(values['cache-hours'])) : undefined;
const started = performance.now();
const onDisk = filesOnDisk(dist, base);
const checker = new LeanLinkChecker();
let pages = 0;
checker.on('pagestart', () => pages++);
// Every result as it is recorded: the checker's own returned list keeps only the broken ones (lean-checker.ts).
const links: LinkResult[] = [];
checker.on('link', (link) => links.push(link));
try {
	await checker.check({
		path: `${base}/`,
		recurse: true,
		checkFragments: true,
		concurrency: Number(values.concurrency),
		timeout: Number(values.timeout),
		// Retried inside the site too: on a loaded machine, a loopback request can time out or meet a
		// connection the server has just closed ("fetch failed"); a 1,000-page check under load 16 once
		// reported 3,363 such links. A retry only ever turns such a failure into the true answer.
		retryErrors: true,
		retryErrorsCount: 2,
		retryErrorsJitter: 1000,
		// Internal links always, but a file that holds no links and is there is checked on disk (files-on-disk.ts);
		// external ones only with --external, minus those the cache says are fresh.
		linksToSkip: async (link) => (link.startsWith(base) ? onDisk.has(link) : !values.external || cache!.isFresh(link)),
	});
	if (cache) {
		for (const r of links) if (!r.url.startsWith(base) && r.state === 'OK') cache.recordOk(r.url, r.status ?? 200);
		cache.save();
	}
	// The source tree is read only to name the file behind a broken link: on a clean site it is not loaded at all.
	const brokenResults = links.filter((l) => l.state === 'BROKEN');
	const repeats = await server.repeatsOf([...new Set(brokenResults.map((l) => l.url))]);
	const sourceOf = brokenResults.length === 0 ? () => undefined : (await import('./sources.ts')).sourceIndex(resolve(values.docs!));
	const broken = brokenLinks(brokenResults, base, sourceOf, (url) => repeats.get(url) ?? []);
	for (const b of broken) console.log(formatBroken(b));
	const checked = new Set([...links.filter((l) => l.state !== 'SKIPPED').map((l) => l.url), ...onDisk.found]).size;
	console.error(`linkcheck: ${pages} pages, ${checked} distinct links checked in ${((performance.now() - started) / 1000).toFixed(1)} s: ${broken.length} broken`);
	process.exitCode = broken.length > 0 ? 1 : 0;
} finally {
	await server.close();
}
