/**
 * The doc graph (src/lib/doc-graph.ts) links a page to the pages its links lead to, anchors aside:
 * it must not parse every linked page for its headings (that was most of `astro dev`'s first page
 * and of every save at 1,000 docs). A link with an anchor is an edge to its page, a same-page
 * anchor is none, and a link to a missing page is none.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildDocGraph, type GraphEntry } from '../../src/lib/doc-graph.ts';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { TMP } from '../helpers/paths.ts';

const DOCS = join(TMP, 'doc-graph');
const files: Record<string, string> = {
	'a.mdx': 'See [B](./b.md#setup), [its top](#intro) and [nothing](./gone.md#x).\n\n## Intro\n',
	'b.mdx': '## Setup\n\nBack to [A](./a.md).\n',
	'c.mdx': 'See [B](./b.md#setup) and [A](./a.mdx).\n',
};

afterAll(() => rmSync(DOCS, { recursive: true, force: true }));

describe('doc graph', () => {
	it('links pages through their links, anchors aside, without parsing any page for its headings', () => {
		rmSync(DOCS, { recursive: true, force: true });
		mkdirSync(DOCS, { recursive: true });
		for (const [rel, body] of Object.entries(files)) writeFileSync(join(DOCS, rel), `---\ntitle: ${rel}\n---\n\n${body}`);
		const entries: GraphEntry[] = Object.entries(files).map(([rel, body]) => ({ id: rel.replace(/\.mdx$/, ''), filePath: join(DOCS, rel), body, data: { title: rel.toUpperCase() } }));
		const headings = vi.spyOn(DocTree.prototype, 'headings');
		const graph = buildDocGraph(entries, DOCS);
		expect(headings).not.toHaveBeenCalled();
		headings.mockRestore();
		expect(graph.outbound('a')).toEqual(['b']);
		expect(graph.outbound('b')).toEqual(['a']);
		expect(graph.outbound('c')).toEqual(['a', 'b']);
		expect(graph.backlinks('b').map((r) => r.id)).toEqual(['a', 'c']);
		expect(graph.backlinks('a').map((r) => r.id)).toEqual(['b', 'c']);
	});
});
