/**
 * The link checker's server reads a `<nav>` it has met before from what it kept
 * (scripts/linkcheck/repeated-regions.ts): every page must still give exactly the links (in order,
 * with their text) and ids linkinator's own `getLinks` finds in the whole page, and a region that
 * cannot be shown to read alike must be read in place.
 */
import { describe, expect, it } from 'vitest';
import { readPage, type ParsedLink } from '../../scripts/linkcheck/page-digest.ts';
import { regionReader } from '../../scripts/linkcheck/repeated-regions.ts';

const ORIGIN = 'http://127.0.0.1:9';
const show = (links: ParsedLink[]) => links.map((l) => [l.link, l.urlWithFragment ?? 'unparsable', l.fragment, l.displayText]);

/** A site navigation as Starlight writes it: the page's own entry marked `aria-current="page"`. */
const sidebar = (current: number, extra = '') =>
	`<nav class="sidebar" aria-label="Main"><ul id="side">${[0, 1, 2]
		.map((i) => `<li><a href="/part/p${i}/"${i === current ? ' aria-current="page"' : ''} class="entry"><span>Page ${i}</span></a></li>`)
		.join('')}${extra}<li><a href="https://github.example/repo">Repo</a><img srcset="/i-1x.png 1x, /i-2x.png 2x" src="/i.png"></li></ul></nav>`;
const page = (current: number, nav: string, body = '') =>
	`<!doctype html><html><head><link rel="stylesheet" href="/a.css"></head><body><header><a href="/">Home</a></header>${nav}<main><h1 id="title">P${current}</h1><a href="../p${(current + 1) % 3}/#title">next</a><a href="#title">top</a>${body}</main></body></html>`;

async function both(reader: ReturnType<typeof regionReader>, html: string, path: string) {
	const url = `${ORIGIN}${path}`;
	const [whole, spared] = [await readPage(Buffer.from(html), url), await reader.read(Buffer.from(html), url)];
	expect(show(spared.links), path).toEqual(show(whole.links));
	expect([...spared.ids].sort(), path).toEqual([...whole.ids].sort());
	return spared;
}

describe('a <nav> met on earlier pages', () => {
	it('is read from what was kept from the third page on, and every page gives what getLinks gives it whole', async () => {
		const reader = regionReader(readPage, ORIGIN);
		for (const i of [0, 1, 2]) await both(reader, page(i, sidebar(i)), `/part/p${i}/`);
		// Met on p0, kept on p1 (read on its own once), put back on p1 and p2. (linkinator reads an img's src before its srcset.)
		expect(reader.stats).toEqual({ pages: 2, regions: 2, kept: 1 });
		const again = await both(reader, page(0, sidebar(0)), '/part/p0/');
		expect(again.ids.has('side')).toBe(true);
		expect(show(again.links).map(([link]) => link)).toEqual(['/a.css', '/', '/part/p0/', '/part/p1/', '/part/p2/', 'https://github.example/repo', '/i.png', '/i-1x.png', '/i-2x.png', '../p1/#title', '#title']);
		expect(reader.stats.pages).toBe(3);
	});

	it('is read in place when its links depend on the page (relative or same-page links)', async () => {
		for (const extra of ['<li><a href="../p9/">rel</a></li>', '<li><a href="#side">here</a></li>', '<li><a href="http:p9">scheme-relative</a></li>', '<li><a href=" /p9/">spaced</a></li>']) {
			const reader = regionReader(readPage, ORIGIN);
			for (const i of [0, 1, 2, 0]) await both(reader, page(i, sidebar(i, extra)), `/part/p${i}/`);
			expect(reader.stats.pages, extra).toBe(0);
		}
	});

	it('is read in place when it does not stand where a tag can start, or the page has a <base>', async () => {
		const cases = [
			(i: number) => page(i, `<!--${sidebar(i)}-->`),
			(i: number) => page(i, `<script>const nav = '${sidebar(i)}';</script>`),
			(i: number) => page(i, `<a title="${sidebar(i).replaceAll('"', "'")}" href="/t/">t</a>`),
			(i: number) => page(i, sidebar(i)).replace('<head>', '<head><BASE href="https://elsewhere.example/docs/">'),
		];
		for (const make of cases) {
			const reader = regionReader(readPage, ORIGIN);
			for (const i of [0, 1, 2, 1]) await both(reader, make(i), `/part/p${i}/`);
			expect(reader.stats.pages).toBe(0);
		}
	});

	it('is read in place when aria-current="page" is not an attribute between two others, or a value is single-quoted', async () => {
		const inText = (i: number) => sidebar(i).replace('<span>Page 1</span>', '<span>Page 1 aria-current="page"x</span>');
		const singleQuoted = (i: number) => sidebar(i).replace('class="entry"', "class='entry'");
		for (const nav of [inText, singleQuoted]) {
			const reader = regionReader(readPage, ORIGIN);
			for (const i of [0, 1, 2]) await both(reader, page(i, nav(i)), `/part/p${i}/`);
			expect(reader.stats.pages).toBe(0);
		}
	});

	it('leaves the page whole when the region leaves the tokenizer inside a script or a comment', async () => {
		const reader = regionReader(readPage, ORIGIN);
		const open = (i: number) => sidebar(i).replace('</ul></nav>', '</ul><script></nav>');
		// The </nav> ends the region by bytes, but the script is still open: what follows is script text.
		for (const i of [0, 1, 2]) await both(reader, page(i, `${open(i)}</script>`), `/part/p${i}/`);
		expect(reader.stats).toEqual({ pages: 0, regions: 0, kept: 0 });
	});
});
