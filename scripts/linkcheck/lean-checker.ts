/**
 * linkinator's LinkChecker with the part of its bookkeeping that grows with the square of the site's
 * size made linear. linkinator stays the checker: fetching, HTML parsing, the fragment rules and
 * every result are its own; only how it remembers "this page links to a URL checked already" changes.
 *
 * Each further occurrence of an already-checked URL on a new page (every page's same-page
 * `#anchor`s, every cross-page `page#anchor`: ~15 a page, since a link with a fragment is shown
 * on every page that carries it, see page-digest.ts) makes linkinator 8 queue a "reuse" job that runs
 * `results.find((r) => r.url === mapUrl(url))` over every result so far, only to repeat the result
 * for this page if it was BROKEN. That is pages × 15 jobs, each scanning a list as long as the site,
 * all through a queue whose every step shifts and rescans an array as long as itself: `node
 * --cpu-prof` put most of a 5,000-page check in those two places (`tick` in queue.js, the `find`).
 *
 * Here, such an occurrence is answered from the relationship cache instead: the (URL, page) pair is
 * remembered in a Map and no job is queued. When the check is over, each BROKEN URL's result is
 * repeated once for every page remembered for it — the same results linkinator would have produced
 * (reported through the same `link` event and in the returned list), in one linear pass, without
 * the display text linkinator would have copied onto those repeats. The results array linkinator
 * keeps for itself holds the BROKEN ones only: it reads that array nowhere else than in `passed` and
 * in the `find` above, which acts on a BROKEN result only; every result still reaches the `link`
 * event as it is recorded. (Upstream, a Map from URL to its first result and a head index in the
 * queue would make it linear for everyone: see docs/benchmarks.md.)
 *
 * And a page whose server listed its fragment ids at its start (fragment-ids.ts) is not parsed a
 * second time for them: linkinator reads them from a document holding only those ids.
 */
import { LinkChecker, LinkState, type CheckOptions, type LinkResult } from 'linkinator';
import { idsDocument, servedFragmentIds } from './fragment-ids.ts';

type CrawlOptions = Parameters<LinkChecker['crawl']>[0];
/** linkinator 8's (private) `cacheFragmentPage`: reads a page's fragment ids and checks the links waiting on them. */
type CacheFragmentPage = (context: unknown, url: string, html: Buffer, status: number, shouldValidate: boolean) => Promise<void>;

interface RunState {
	results: LinkResult[];
	/** Fragmentless URL → pages, other than the first, whose links to it linkinator did not queue. */
	repeats: Map<string, Set<string>>;
}

export class LeanLinkChecker extends LinkChecker {
	private run: RunState | undefined;

	constructor() {
		super();
		// A page whose server already listed its fragment ids (fragment-ids.ts, site-worker.ts) is read
		// for them from a document holding only those ids, instead of being parsed a second time.
		// linkinator declares the method private, so it is wrapped on the instance, not overridden.
		const self = this as unknown as { cacheFragmentPage: CacheFragmentPage };
		const cacheFragmentPage = self.cacheFragmentPage.bind(this);
		self.cacheFragmentPage = (context, url, html, status, shouldValidate) => {
			const ids = shouldValidate ? servedFragmentIds(html) : undefined;
			return cacheFragmentPage(context, url, ids ? idsDocument(ids) : html, status, shouldValidate);
		};
	}

	override async check(options: CheckOptions): Promise<{ links: LinkResult[]; passed: boolean }> {
		this.run = undefined;
		const result = await super.check(options);
		const run = this.run as RunState | undefined;
		if (!run) return result;
		const firstBroken = new Map<string, LinkResult>();
		for (const r of run.results) if (r.state === LinkState.BROKEN && !firstBroken.has(r.url)) firstBroken.set(r.url, r);
		for (const [url, pages] of run.repeats) {
			const broken = firstBroken.get(url);
			if (!broken) continue;
			for (const parent of pages) {
				const repeat: LinkResult = { url: broken.url, status: broken.status, state: broken.state, parent, failureDetails: broken.failureDetails };
				run.results.push(repeat);
				this.emit('link', repeat);
			}
		}
		return { links: run.results, passed: !run.results.some((r) => r.state === LinkState.BROKEN) };
	}

	override crawl(options: CrawlOptions): Promise<void> {
		// The first crawl of a check sees the arrays and sets every later one shares. A checker that
		// stood up its own server for a folder maps result URLs (mapUrl); it keeps linkinator's own path.
		if (!this.run && !options.checkOptions.staticHttpServerHost) this.run = lean(options);
		return super.crawl(options);
	}
}

function lean(options: CrawlOptions): RunState {
	const { results, cache, relationshipCache } = options;
	const repeats = new Map<string, Set<string>>();
	// Own properties on this one array and set, so nothing else in the process is touched.
	Object.defineProperty(results, 'push', {
		value: (...items: LinkResult[]) => Array.prototype.push.apply(results, items.filter((r) => r.state === LinkState.BROKEN)),
		configurable: true,
		writable: true,
	});
	Object.defineProperty(relationshipCache, 'has', {
		value: (key: string) => {
			if (Set.prototype.has.call(relationshipCache, key)) return true;
			// The key is `${linkUrl}|${pageUrl}`, and a page URL is an absolute http(s) URL. Should the split
			// ever be wrong, the URL is not in the cache and linkinator takes its own path: slower, not wrong.
			const split = key.lastIndexOf('|http');
			const url = key.slice(0, split);
			if (split < 0 || !cache.has(url)) return false;
			let pages = repeats.get(url);
			if (!pages) repeats.set(url, (pages = new Set()));
			pages.add(key.slice(split + 1));
			return true;
		},
		configurable: true,
		writable: true,
	});
	return { results, repeats };
}
