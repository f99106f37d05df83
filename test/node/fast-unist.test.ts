/**
 * The checker's bundle swaps `unist-util-visit-parents` and `unist-util-is` for faster drop-ins
 * (scripts/check/bundle.ts). A drop-in must be indistinguishable: over every real doc's tree, both
 * make the same calls with the same arguments, in the same order, for every kind of test and for
 * every answer a visitor can give (continue, skip, exit, jump to an index, reverse, enter/exit).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert as upstreamConvert } from 'unist-util-is';
import { visitParents as upstreamVisit } from 'unist-util-visit-parents';
import { describe, expect, it } from 'vitest';
import { convert as fastConvert } from '../../scripts/check/fast-unist-is.ts';
import { visitParents as fastVisit, SKIP, EXIT, withFlatTree } from '../../scripts/check/fast-visit-parents.ts';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { parseDoc } from '../../src/lib/markdown.ts';
import { ROOT } from '../helpers/paths.ts';

type Node = { type: string; children?: Node[]; depth?: number };

const DOCS = join(ROOT, 'src/content/docs');
const tree = new DocTree(DOCS);
const trees = tree.docs().map((rel) => ({ rel, root: parseDoc(readFileSync(join(DOCS, rel), 'utf8'), rel.endsWith('.mdx')) as unknown as Node }));

const TESTS: unknown[] = [undefined, null, 'heading', ['link', 'image', 'definition'], ['paragraph'], { type: 'code', lang: 'bash' }, (n: Node) => n.type === 'text', [(n: Node) => n.type === 'list', 'table']];

/** A visitor whose answer depends on the node, covering every action; it records what it was given. */
function recorder(log: string[], label: 'enter' | 'exit', reverse: boolean) {
	let calls = 0;
	return (node: Node, ancestors: Node[], index?: number) => {
		calls++;
		log.push(`${label} ${node.type} @${index} in ${ancestors.map((a) => a.type).join('>')}`);
		// `exit` may not skip (upstream throws, and so must the drop-in: see below).
		if (node.type === 'table' && label === 'enter') return SKIP;
		// Jump over the next sibling (in the direction of the walk).
		if (node.type === 'code') return [true, (index ?? 0) + (reverse ? -2 : 2)] as const;
		if (calls === 400) return EXIT;
		return undefined;
	};
}

describe('fast-visit-parents', () => {
	it.each([
		['recursing', (_root: Node, pass: () => void) => pass()],
		['down one listing of the tree (withFlatTree)', (root: Node, pass: () => void) => withFlatTree(root as never, pass)],
	])('visits every real doc exactly as upstream, for every test and visitor answer, %s', (_mode, within) => {
		let compared = 0;
		for (const { rel, root } of trees) {
			for (const test of TESTS) {
				for (const [reverse, withExit] of [[false, false], [false, true], [true, false], [true, true]]) {
					if (test === undefined && withExit) continue;
					const run = (visit: typeof fastVisit) => {
						const log: string[] = [];
						if (test === undefined) visit(root as never, recorder(log, 'enter', reverse), reverse);
						else if (!withExit) visit(root as never, test, recorder(log, 'enter', reverse), reverse);
						else visit(root as never, test, { enter: recorder(log, 'enter', reverse), exit: recorder(log, 'exit', reverse) }, reverse);
						return log;
					};
					const expected = run(upstreamVisit as unknown as typeof fastVisit);
					let actual: string[] = [];
					within(root, () => (actual = run(fastVisit)));
					expect(actual, `${rel} ${String(test)} reverse=${reverse} exit=${withExit}`).toEqual(expected);
					compared += expected.length;
				}
			}
		}
		expect(compared).toBeGreaterThan(100_000);
	});

	it('rejects bad arguments with upstream’s messages', () => {
		const root = trees[0]!.root;
		const skipOnExit = { exit: () => SKIP };
		for (const args of [[null, () => {}], [root, 'x', { enter: 1, exit: () => {} }], [root, 'x', { enter: () => {} }], [root, 42], [root, 'heading', skipOnExit]] as unknown[][]) {
			const message = (visit: (...a: unknown[]) => void) => {
				try {
					visit(...args);
					return 'no error';
				} catch (error) {
					return (error as Error).message;
				}
			};
			expect(message(fastVisit as never)).toBe(message(upstreamVisit as never));
		}
	});
});

describe('fast-unist-is', () => {
	it('answers as upstream’s convert for every node of every doc, and for values that are not nodes', () => {
		const values: unknown[] = [null, undefined, 0, 'heading', { type: undefined }, { value: 'x' }, Object.create({ type: 'heading' })];
		for (const { root } of trees) {
			const walk = (n: Node) => {
				values.push(n);
				n.children?.forEach(walk);
			};
			walk(root);
		}
		for (const test of [...TESTS, 'text', ['strong', 'emphasis', 'inlineCode', 'text']]) {
			const fast = fastConvert(test);
			const upstream = upstreamConvert(test as never);
			const differ = values.filter((value) => fast(value) !== upstream(value as never));
			expect(differ, String(test)).toEqual([]);
		}
	});
});
