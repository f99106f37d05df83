/**
 * What a mistyped or outdated URL most likely meant: the published pages whose address is nearest to
 * it (edit distance, by whole path and by last segment, so both `/11-infrastructure/pitr-runbok/` and
 * `/postgresql-pitr-runbook/` find the PITR runbook; old addresses from `redirect_from` count too and
 * lead to where the page moved), and the words in it, for the search box. Pure,
 * runs in the browser on the 404 page (the static host knows only that nothing was there).
 */
import { distance } from 'fastest-levenshtein';

export interface Route {
	url: string;
	title: string;
	/** Where the link goes when `url` is an old address (a `redirect_from` path): the page it moved to. */
	href?: string;
}

const normalise = (path: string) =>
	decodeURIComponent(path)
		.toLowerCase()
		.replace(/[?#].*$/, '')
		.replace(/\/index\.html?$|\.(html?|mdx?)$/, '')
		.replace(/^\/+|\/+$/g, '');

/** 0 = same address, 1 = nothing in common; a route containing the typed last segment counts as near. */
function closeness(typed: string, url: string): number {
	const a = normalise(typed);
	const b = normalise(url);
	if (a === '' || b === '') return 1;
	const lastA = a.split('/').at(-1)!;
	const lastB = b.split('/').at(-1)!;
	const whole = distance(a, b) / Math.max(a.length, b.length);
	const last = distance(lastA, lastB) / Math.max(lastA.length, lastB.length);
	const contains = lastA.length >= 4 && lastB.includes(lastA) ? 0.2 : 1;
	return Math.min(whole, last, contains);
}

/** Up to `limit` routes nearest to `path`, nearest first; none when nothing is reasonably close. */
export function nearestRoutes(path: string, routes: Route[], limit = 5, threshold = 0.45): Route[] {
	return routes
		.map((route) => ({ route, score: closeness(path, route.url) }))
		.filter((r) => r.score <= threshold)
		.sort((x, y) => x.score - y.score || x.route.url.localeCompare(y.route.url))
		.map((r) => r.route)
		// A page near by its address and by an old one is offered once.
		.filter((route, i, all) => all.findIndex((other) => (other.href ?? other.url) === (route.href ?? route.url)) === i)
		.slice(0, limit);
}

/** The words of a URL path, for a search query: `/11-infrastructure/pitr-runbok/` → `infrastructure pitr runbok`. */
export function wordsOfPath(path: string): string {
	return normalise(path)
		.split(/[/\-_.+\s]+/)
		.filter((w) => w !== '' && !/^\d+$/.test(w))
		.join(' ');
}
