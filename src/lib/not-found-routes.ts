/**
 * Every published page and every old address (`redirect_from`) with its title: what the 404 page's
 * script (src/pages/404.astro, src/lib/nearest-routes.ts) looks a mistyped URL up in. Served as its
 * own file, /not-found-routes.json, fetched only when a reader lands on the 404: inside the page it
 * made the 404 grow with the site (~80 bytes a page: 80 KB at 1,000 pages, issue #16).
 */
import { getCollection } from 'astro:content';
import type { Frontmatter } from '../../schemas/frontmatter.ts';
import type { Route } from './nearest-routes.ts';
import { claimsOfTree, redirectsOf } from './redirects.ts';
import { urlForId } from './routes.ts';
import { siteGraph } from './site-graph.ts';

export const NOT_FOUND_ROUTES_URL = '/not-found-routes.json';

export async function notFoundRoutes(): Promise<Route[]> {
	const entries = await getCollection('docs');
	const routes: Route[] = entries
		.map((e) => ({ url: urlForId(e.id || 'index'), title: (e.data as unknown as Frontmatter).title }))
		.sort((a, b) => a.url.localeCompare(b.url));
	// Old addresses of moved pages (`redirect_from`): a mistyped old link still finds where the page went.
	const titleOf = new Map(routes.map((r) => [r.url, r.title]));
	const moved = redirectsOf(claimsOfTree((await siteGraph()).tree)).map((r) => ({ url: r.from, href: r.to, title: titleOf.get(r.to) ?? r.to }));
	return [...routes, ...moved];
}
