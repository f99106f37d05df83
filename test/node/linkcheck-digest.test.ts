/**
 * What the link checker's server shows linkinator instead of a page (scripts/linkcheck/page-digest.ts)
 * must make linkinator find the same links as the page would, and the links each page drops must be
 * remembered; files checked on disk (files-on-disk.ts) must be the existing ones only.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesOnDisk } from '../../scripts/linkcheck/files-on-disk.ts';
import { servedFragmentIds } from '../../scripts/linkcheck/fragment-ids.ts';
import { linkDeduper, pageDigest, readPage, type ParsedLink } from '../../scripts/linkcheck/page-digest.ts';
import { TMP } from '../helpers/paths.ts';

const PAGE_URL = 'http://127.0.0.1:9/guide/page/';
const show = (links: ParsedLink[]) => links.map((l) => [l.urlWithFragment ?? `unparsable ${l.link}`, l.fragment, l.displayText]);

// Every way linkinator 8 finds a link, and some it must not.
const TRICKY = [
	'<!doctype html><head><link rel="stylesheet" href="../../a.css"><link rel="preconnect" href="https://cdn.example"><meta property="og:url" content="https://docs.example/x/"><meta name="description" content="not a url"></head><body><a href="../other/#Sec%20tion">Other  <b>page</b>\n</a><a href="#local">here</a><a href="#local">again</a></body>',
	'<base href="/base/"><img src="pic.png" srcset="pic-1x.png 1x, pic-2x.png 2x"><video poster="p.jpg"><source src="v.mp4"></video><iframe src="https://x.example/e"></iframe><a href="rel">r</a>',
	'<meta http-equiv="refresh" content="0; url=/moved/"><script type="application/ld+json">{"@type":"Article","url":"https://docs.example/a/","image":{"url":"https://docs.example/i.png"}}</script><script src="/s.js"></script>',
	'<a href="http://[broken">bad</a><a href="mailto:x@example.com">mail</a><a href="/q/?a=1&amp;b=&quot;2&quot;#f">q</a><a href="">empty</a><a href="/t/">a &lt;tag&gt; &amp; more</a><a href="/n/"><img src="/icon.svg"></a>',
];

describe('the page digest linkinator is served', () => {
	it.each(TRICKY)('gives linkinator the links the page gives it, in order: %s', async (html) => {
		const page = await readPage(Buffer.from(html), PAGE_URL);
		const digest = Buffer.from(pageDigest(Buffer.from(html), page.ids, page.links));
		const again = await readPage(digest, PAGE_URL);
		expect(show(again.links)).toEqual(show(page.links));
		expect(servedFragmentIds(digest)).toEqual([...page.ids]);
	});

	it('keeps a page linkinator takes for a soft 404 one', async () => {
		const html = Buffer.from('<head><meta name="robots" content="noindex, nofollow"></head><a href="#x">x</a>');
		const page = await readPage(html, PAGE_URL);
		const digest = pageDigest(html, page.ids, page.links);
		expect(digest.includes('content="noindex') && digest.includes('nofollow')).toBe(true);
		const plain = Buffer.from('<a href="#x">x</a>');
		expect(pageDigest(plain, new Set(), [])).not.toContain('noindex');
	});
});

describe('the links each page is shown', () => {
	const links = async (html: string, pagePath: string) => (await readPage(Buffer.from(html), `http://127.0.0.1:9${pagePath}`)).links;

	it('shows a URL on the first page only, every fragment link on every page, each once a page', async () => {
		const deduper = linkDeduper();
		const html = '<a href="/x/">x</a><a href="/x/">x again</a><a href="/y/#s">y</a><a href="#top">top</a><a href="#top">top</a><a href="http://[bad">bad</a>';
		expect(show(deduper.keep(await links(html, '/a/'), '/a/')).map(([url]) => url)).toEqual(['http://127.0.0.1:9/x/', 'http://127.0.0.1:9/y/#s', 'http://127.0.0.1:9/a/#top', 'unparsable http://[bad']);
		expect(show(deduper.keep(await links(html, '/b/'), '/b/')).map(([url]) => url)).toEqual(['http://127.0.0.1:9/y/#s', 'http://127.0.0.1:9/b/#top', 'unparsable http://[bad']);
		// Served again (a retry): still the page that shows it.
		expect(show(deduper.keep(await links(html, '/a/'), '/a/')).map(([url]) => url)).toContain('http://127.0.0.1:9/x/');
		expect(deduper.repeatsOf('http://127.0.0.1:9/x/')).toEqual(['/b/']);
		// /y/ was first shown with a fragment: a plain link to it later is a repeat like any other.
		deduper.keep(await links('<a href="/y/">y</a>', '/c/'), '/c/');
		expect(deduper.repeatsOf('http://127.0.0.1:9/y/')).toEqual(['/c/']);
	});
});

describe('files checked on disk', () => {
	const dist = join(TMP, 'linkcheck-on-disk');
	rmSync(dist, { recursive: true, force: true });
	mkdirSync(join(dist, '_astro'), { recursive: true });
	mkdirSync(join(dist, 'page'), { recursive: true });
	for (const file of ['_astro/app.js', '_astro/app.css', 'page/index.html', 'page/index.md', 'other.html']) writeFileSync(join(dist, file), 'x');
	const base = 'http://127.0.0.1:9';

	it('are the existing files linkinator reads no links from; everything else is left to it', () => {
		const onDisk = filesOnDisk(dist, base);
		expect(onDisk.has(`${base}/_astro/app.js`)).toBe(true);
		expect(onDisk.has(`${base}/page/index.md#part`)).toBe(true);
		expect(onDisk.has(`${base}/_astro/missing.js`)).toBe(false);
		// Bodies linkinator reads (HTML, CSS), folders, pages, other hosts, paths leaving the site.
		for (const url of [`${base}/_astro/app.css`, `${base}/other.html`, `${base}/page/`, `${base}/page`, `${base}/_astro`, 'http://127.0.0.1:10/_astro/app.js', `${base}/../outside.js`, `${base}/%E0%A4%A.js`]) expect(onDisk.has(url), url).toBe(false);
		expect([...onDisk.found].sort()).toEqual([`${base}/_astro/app.js`, `${base}/page/index.md`]);
	});
});
