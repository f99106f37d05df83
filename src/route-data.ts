/**
 * Starlight route middleware (astro.config.mjs `routeMiddleware`): the "Related" and "Referenced by"
 * lists that src/components/RelatedDocs.astro renders after the page body are headings like any other,
 * so they are listed in the page's table of contents too. The ids and the condition are the
 * component's own (relatedSections), so the TOC never links to a list the page does not show.
 *
 * Generated pages (the tag pages, the 404) are kept out of the search index: they list or point at
 * pages that are themselves in it, and a page that says "nothing is here" is never a search answer.
 * The closed schema (schemas/theme.ts) refuses `pagefind: false` in frontmatter, StarlightPage's
 * included, so it is set on the route's copy of the data instead.
 *
 * A deprecated or archived page is kept out too (issue 19): it is a pointer to its replacement, and
 * its title alone, which Pagefind boosts above any text, put it first for the very words its
 * replacement answers ("rollback deployment" found the superseded Deployment Rollback, not Roll Back
 * a Deployment). Pagefind cannot lower one page's title weight, so the page leaves the index; its URL,
 * its links and its banner naming the replacement stay.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { relatedSections } from './components/related-sections.ts';
import { isRetired } from './lib/search-signals.ts';
import { docIdOf, siteGraph } from './lib/site-graph.ts';

export const onRequest = defineRouteMiddleware(async (context) => {
	const route = context.locals.starlightRoute;
	const graph = await siteGraph();
	const id = docIdOf(route.entry);
	if (!graph.has(id)) {
		(route.entry.data as { pagefind?: boolean }).pagefind = false;
		return;
	}
	const { status } = route.entry.data as { status?: string };
	if (isRetired(status)) (route.entry.data as { pagefind?: boolean }).pagefind = false;
	if (!route.toc) return;
	for (const section of relatedSections(graph.related(id), graph.backlinks(id), route.headings.map((h) => h.slug))) {
		route.toc.items.push({ depth: 2, slug: section.id, text: section.title, children: [] });
	}
});
