/**
 * The doc graph (src/lib/doc-graph.ts) links a page to the pages its links lead to, anchors aside:
 * it must not parse every linked page for its headings (that was most of `astro dev`'s first page
 * and of every save at 1,000 docs). A link with an anchor is an edge to its page, a same-page
 * anchor is none, and a link to a missing page is none. Built again (as `astro dev` does after every
 * save), it resolves only the pages whose text changed, unless the tree's files changed.
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
	it('built again, resolves the links of the changed page only, and of every page once the files change', () => {
		const write = (rel: string, body: string) => writeFileSync(join(DOCS, rel), `---\ntitle: ${rel}\n---\n\n${body}`);
		for (const [rel, body] of Object.entries(files)) write(rel, body);
		const entries = (bodies: Record<string, string>, digests: Record<string, string>): GraphEntry[] =>
			Object.entries(bodies).map(([rel, body]) => ({ id: rel.replace(/\.mdx$/, ''), filePath: join(DOCS, rel), body, digest: digests[rel], data: { title: rel.toUpperCase() } }));
		const resolved = vi.spyOn(DocTree.prototype, 'resolveLink');
		const from = () => [...new Set(resolved.mock.calls.map((c) => c[0]))].sort();
		buildDocGraph(entries(files, { 'a.mdx': '1', 'b.mdx': '1', 'c.mdx': '1' }), DOCS);
		expect(from()).toEqual(['a.mdx', 'b.mdx', 'c.mdx']);

		resolved.mockClear();
		const same = buildDocGraph(entries(files, { 'a.mdx': '1', 'b.mdx': '1', 'c.mdx': '1' }), DOCS);
		expect(resolved).not.toHaveBeenCalled();
		expect(same.outbound('c')).toEqual(['a', 'b']);
		expect(same.backlinks('b').map((r) => r.id)).toEqual(['a', 'c']);

		// B saved: it now links to C instead of A.
		resolved.mockClear();
		const saved = { ...files, 'b.mdx': '## Setup\n\nOn to [C](./c.md).\n' };
		write('b.mdx', saved['b.mdx']);
		const after = buildDocGraph(entries(saved, { 'a.mdx': '1', 'b.mdx': '2', 'c.mdx': '1' }), DOCS);
		expect(from()).toEqual(['b.mdx']);
		expect(after.outbound('b')).toEqual(['c']);
		expect(after.backlinks('a').map((r) => r.id)).toEqual(['c']);
		expect(after.backlinks('c').map((r) => r.id)).toEqual(['b']);

		// A page added: links that missed may now resolve, so every page is resolved again.
		resolved.mockClear();
		write('gone.mdx', 'Back.\n');
		const grown = buildDocGraph(entries({ ...saved, 'gone.mdx': 'Back.\n' }, { 'a.mdx': '1', 'b.mdx': '2', 'c.mdx': '1', 'gone.mdx': '1' }), DOCS);
		expect(from()).toEqual(['a.mdx', 'b.mdx', 'c.mdx']);
		expect(grown.outbound('a')).toEqual(['b', 'gone']);
		resolved.mockRestore();
	});
});
