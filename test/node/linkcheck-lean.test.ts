import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LinkChecker, type LinkResult } from 'linkinator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeanLinkChecker } from '../../scripts/linkcheck/lean-checker.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { TMP } from '../helpers/paths.ts';

// A small site where every kind of repeat that reaches linkinator's "reuse" path occurs: a dead page
// linked with a fragment from several pages (fragment links are never de-duplicated in the HTML), a
// dead fragment on a live page from two pages, same-page anchors, and live cross-page anchors.
const site = join(TMP, 'linkcheck-lean');
const page = (id: string, body: string) => `<!doctype html><html><head><title>${id}</title></head><body><h1 id="top-${id}">${id}</h1>${body}<h2 id="s">S</h2></body></html>`;
const pages: Record<string, string> = {
	'index.html': page('home', '<a href="/a/">a</a> <a href="/b/">b</a> <a href="/c/">c</a> <a href="#s">s</a>'),
	'a/index.html': page('a', '<a href="/gone/#x">gone</a> <a href="/b/#s">b</a> <a href="/b/#nope">bad</a> <a href="#s">s</a> <a href="/">home</a>'),
	'b/index.html': page('b', '<a href="/gone/#x">gone</a> <a href="/a/#s">a</a> <a href="#s">s</a> <a href="/c/">c</a>'),
	'c/index.html': page('c', '<a href="/gone/#y">gone</a> <a href="/b/#nope">bad</a> <a href="/b/#s">b</a> <a href="#missing-here">self</a>'),
};

let server: StaticServer;
beforeAll(async () => {
	rmSync(site, { recursive: true, force: true });
	for (const [path, html] of Object.entries(pages)) {
		mkdirSync(join(site, path, '..'), { recursive: true });
		writeFileSync(join(site, path), html);
	}
	server = await serveStatic(site, { notFoundPage: false });
});
afterAll(() => server?.close());

async function brokenFrom(checker: LinkChecker): Promise<{ events: string[]; returned: string[] }> {
	const seen: LinkResult[] = [];
	checker.on('link', (r) => seen.push(r));
	const result = await checker.check({ path: `${server.url}/`, recurse: true, checkFragments: true, concurrency: 4 });
	const show = (r: LinkResult) => `${r.parent?.replace(server.url, '')} -> ${r.url.replace(server.url, '')}`;
	return { events: seen.filter((r) => r.state === 'BROKEN').map(show).sort(), returned: result.links.filter((r) => r.state === 'BROKEN').map(show).sort() };
}

describe('LeanLinkChecker (linkinator with its repeat lookups made linear)', () => {
	it('reports every broken link and fragment on every page that carries it', async () => {
		const { events, returned } = await brokenFrom(new LeanLinkChecker());
		expect(events).toEqual([
			'/a/ -> /b/#nope',
			'/a/ -> /gone/',
			'/b/ -> /gone/',
			'/c/ -> /b/#nope',
			'/c/ -> /c/#missing-here',
			'/c/ -> /gone/',
		]);
		expect(returned).toEqual(events);
	});

	it('finds exactly what linkinator itself finds', async () => {
		const lean = await brokenFrom(new LeanLinkChecker());
		const plain = await brokenFrom(new LinkChecker());
		expect(lean.events).toEqual(plain.events);
		expect(lean.returned).toEqual(plain.returned);
	});
});
