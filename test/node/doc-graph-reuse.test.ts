/**
 * `astro dev` builds the doc graph again after every save; the headings of pages whose text did not
 * change (same content-layer digest) are reused instead of parsed again (src/lib/doc-graph.ts). The
 * graph must stay the graph built from scratch: a page whose text changed is read again, so an
 * anchor it no longer has stops counting as a link.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildDocGraph, type GraphEntry } from '../../src/lib/doc-graph.ts';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { TMP } from '../helpers/paths.ts';

const DOCS = join(TMP, 'doc-graph-reuse');
const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;

function write(files: Record<string, string>) {
	rmSync(DOCS, { recursive: true, force: true });
	mkdirSync(DOCS, { recursive: true });
	for (const [rel, text] of Object.entries(files)) writeFileSync(join(DOCS, rel), text);
}

const entries = (files: Record<string, string>, digests: Record<string, string>): GraphEntry[] =>
	Object.entries(files).map(([rel, text]) => ({ id: rel.replace(/\.mdx$/, ''), filePath: join(DOCS, rel), body: text.split('---\n')[2], digest: digests[rel], data: { title: rel } }));

afterAll(() => rmSync(DOCS, { recursive: true, force: true }));

describe('doc graph rebuilt after a save', () => {
	it('parses only the pages whose digest changed, and links to an anchor the changed page lost drop out', () => {
		const files = {
			'a.mdx': page('A', 'See [B](./b.md#setup).'),
			'b.mdx': page('B', '## Setup\n\nText.'),
			'c.mdx': page('C', 'See [A](./a.md).'),
		};
		write(files);
		const headings = vi.spyOn(DocTree.prototype, 'headings');
		const first = buildDocGraph(entries(files, { 'a.mdx': '1', 'b.mdx': '1', 'c.mdx': '1' }), DOCS);
		expect(first.outbound('a')).toEqual(['b']);
		expect(first.backlinks('b').map((r) => r.id)).toEqual(['a']);
		const parsedFirst = headings.mock.results.filter((r) => r.type === 'return').length;
		expect(parsedFirst).toBeGreaterThan(0);

		// Nothing changed: the same graph, and no page read for its headings.
		headings.mockClear();
		const readSpy = vi.spyOn(DocTree.prototype, 'read');
		const same = buildDocGraph(entries(files, { 'a.mdx': '1', 'b.mdx': '1', 'c.mdx': '1' }), DOCS);
		expect(same.outbound('a')).toEqual(['b']);
		expect(readSpy).not.toHaveBeenCalled();

		// B saved without its `## Setup`: its new digest makes it read again, and A's link no longer resolves.
		const saved = { ...files, 'b.mdx': page('B', '## Install\n\nText.') };
		write(saved);
		const after = buildDocGraph(entries(saved, { 'a.mdx': '1', 'b.mdx': '2', 'c.mdx': '1' }), DOCS);
		expect(readSpy.mock.calls.map((c) => c[0])).toEqual(['b.mdx']);
		expect(after.outbound('a')).toEqual([]);
		expect(after.backlinks('b')).toEqual([]);
		expect(after.outbound('c')).toEqual(['a']);
		readSpy.mockRestore();
		headings.mockRestore();
	});
});
