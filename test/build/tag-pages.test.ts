/**
 * Tag pages are paged (issue #16): the fixture site builds with TAG_PAGE_SIZE=2 (test/helpers/build.ts),
 * so its `operations` tag, carried by all five fixture pages, makes three pages of 2, 2 and 1 entries.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precacheManifest } from '../../scripts/lib/service-worker.ts';
import { FIXTURE_DIST } from '../helpers/paths.ts';

const html = (route: string) => readFileSync(join(FIXTURE_DIST, route, 'index.html'), 'utf8');
const main = (page: string) => page.slice(page.indexOf('<main'), page.indexOf('</main>'));
const entries = (route: string) => [...main(html(route)).matchAll(/<li><a href="([^"]+)"><strong>([^<]+)<\/strong>/g)].map((m) => `${m[2]} ${m[1]}`);
const pager = (route: string) => {
	const nav = main(html(route)).match(/<nav class="tag-pages"[^>]*>([\s\S]*?)<\/nav>/)?.[1];
	if (nav === undefined) return undefined;
	return { prev: nav.match(/<a href="([^"]+)" rel="prev">/)?.[1], next: nav.match(/<a href="([^"]+)" rel="next">/)?.[1], label: nav.match(/<span>(Page [^<]+)<\/span>/)?.[1] };
};

describe('tag pages', () => {
	it('splits a tag into pages of TAG_PAGE_SIZE, by title, the first at the tag URL', () => {
		expect(entries('tags/operations')).toEqual(['Fixture Home /', 'Old Guide /guides/old-guide/']);
		expect(entries('tags/operations/2')).toEqual(['Ops Section /ops/', 'Platform Facts /ops/platform-facts/']);
		expect(entries('tags/operations/3')).toEqual(['Restart Runbook /ops/restart-runbook/']);
		expect(existsSync(join(FIXTURE_DIST, 'tags/operations/1'))).toBe(false);
		expect(existsSync(join(FIXTURE_DIST, 'tags/operations/4'))).toBe(false);
		expect(html('tags/operations')).toContain('<title>Tag: operations | ');
		expect(html('tags/operations/3')).toContain('<title>Tag: operations (page 3 of 3) | ');
		expect(main(html('tags/operations/2'))).toContain('<p class="tag-range">3–4 of the 5 pages with this tag.</p>');
	});

	it('chains the pages with previous and next links', () => {
		expect(pager('tags/operations')).toEqual({ prev: undefined, next: '/tags/operations/2/', label: 'Page 1 of 3' });
		expect(pager('tags/operations/2')).toEqual({ prev: '/tags/operations/', next: '/tags/operations/3/', label: 'Page 2 of 3' });
		expect(pager('tags/operations/3')).toEqual({ prev: '/tags/operations/2/', next: undefined, label: 'Page 3 of 3' });
		// Following "next" from the first page lists every doc with the tag once, as the agents' index has them.
		const seen: string[] = [];
		for (let route: string | undefined = '/tags/operations/'; route; route = pager(route.slice(1, -1))?.next) seen.push(...entries(route.slice(1, -1)));
		const index = JSON.parse(readFileSync(join(FIXTURE_DIST, 'docs-index.json'), 'utf8')) as { tags: { id: string; docs: string[] }[] };
		const tagged = index.tags.find((t) => t.id === 'operations')!.docs;
		expect(seen).toHaveLength(tagged.length);
		expect(new Set(seen).size).toBe(tagged.length);
	});

	it('leaves a tag that fits on one page unpaged', () => {
		expect(entries('tags/kubernetes')).toEqual(['Ops Section /ops/', 'Restart Runbook /ops/restart-runbook/']);
		expect(pager('tags/kubernetes')).toBeUndefined();
		expect(main(html('tags/kubernetes'))).not.toContain('tag-range');
	});

	it('links to no tag page that does not exist, and the sitemap and the service worker have every one', async () => {
		const pages = readdirSync(join(FIXTURE_DIST, 'tags'), { recursive: true }).map(String).filter((f) => f.endsWith('index.html')).map((f) => `/tags/${f.replace(/index\.html$/, '')}`).sort();
		expect(pages).toEqual(['/tags/', '/tags/kubernetes/', '/tags/operations/', '/tags/operations/2/', '/tags/operations/3/']);
		const linked = new Set<string>();
		for (const file of readdirSync(FIXTURE_DIST, { recursive: true }).map(String).filter((f) => f.endsWith('.html'))) {
			for (const m of readFileSync(join(FIXTURE_DIST, file), 'utf8').matchAll(/href="(\/tags\/[^"#]*)"/g)) linked.add(m[1]!);
		}
		expect([...linked].filter((href) => !pages.includes(href))).toEqual([]);
		expect([...linked].sort()).toEqual(pages);
		const sitemap = readFileSync(join(FIXTURE_DIST, 'sitemap-0.xml'), 'utf8');
		for (const page of pages) expect(sitemap).toContain(`/${page.slice(1)}</loc>`);
		const precached = new Set((await precacheManifest(FIXTURE_DIST)).map((e) => e.url));
		for (const page of pages) expect(precached, page).toContain(page.slice(1));
	});
});
