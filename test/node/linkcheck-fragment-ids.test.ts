/**
 * The ids the link checker's server lists for a page (found in the same parse as its links by
 * linkinator's `getLinks` as patched, scripts/linkcheck/page-digest.ts) are the ones linkinator's own
 * `extractFragmentIds` finds, and a document built from them gives linkinator back exactly that set;
 * a page without the server's list is left to linkinator.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { idsDocument, servedFragmentIds, withFragmentIds } from '../../scripts/linkcheck/fragment-ids.ts';
import { readPage } from '../../scripts/linkcheck/page-digest.ts';
import { ROOT } from '../helpers/paths.ts';

// linkinator's own function, from the file its package does not export (the rules being compared).
const { extractFragmentIds } = (await import(pathToFileURL(join(ROOT, 'node_modules/linkinator/build/src/links.js')).href)) as { extractFragmentIds: (source: Readable) => Promise<Set<string>> };
const linkinatorIds = async (html: string | Buffer) => [...(await extractFragmentIds(Readable.from([Buffer.from(html)])))].sort();
const serverIds = async (html: string) => [...(await readPage(Buffer.from(html), 'http://127.0.0.1:1/page/')).ids].sort();

const TRICKY = [
	'<!doctype html><h1 id="_top">T</h1><h2 id="a&amp;b">x</h2><p id="say-&quot;hi&quot;">q</p>',
	'<a name="legacy">old</a><a id="user-content-x" href="#x">¶</a><a href="#not-an-id">no</a><a id="p" href="#">bare</a>',
	'<div ID="Upper"></div><svg><g id="m-1"><use href="#m-1"/></g></svg><details id="d"><summary id="">e</summary></details>',
	'<script>const s = \'<p id="in-script">\';</script><style>#x{}</style><!-- <p id="in-comment"> --><code>id="in-text"</code>',
	'<p id="a>b">gt</p><p id=" spaced ">s</p><p id="ünï-çødé">u</p><p id="-->">end</p>',
];

describe('link checker fragment ids', () => {
	it.each(TRICKY)('finds what linkinator finds in %s', async (html) => {
		expect(await serverIds(html)).toEqual(await linkinatorIds(html));
	});

	it('hands the ids over at the start of the page and linkinator reads them back from a document of ids alone', async () => {
		for (const html of TRICKY) {
			const served = Buffer.from(withFragmentIds(await serverIds(html), html));
			expect(served.toString().endsWith(html)).toBe(true);
			const ids = servedFragmentIds(served);
			expect(ids && [...ids].sort()).toEqual(await linkinatorIds(html));
			expect(await linkinatorIds(idsDocument(ids!))).toEqual(await linkinatorIds(html));
			// The comment in front adds no id and hides none.
			expect(await linkinatorIds(served)).toEqual(await linkinatorIds(html));
		}
	});

	it('leaves a page without the list to linkinator', () => {
		expect(servedFragmentIds(Buffer.from('<!DOCTYPE html><p id="x">'))).toBeUndefined();
		expect(servedFragmentIds(Buffer.from('<p><!--linkcheck-ids:["x"]--></p>'))).toBeUndefined();
	});
});
