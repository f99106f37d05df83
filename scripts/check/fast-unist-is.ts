/**
 * `unist-util-is` with a fast `convert` for the tests remark-lint's rules build on every node: a
 * node type, or a list of them (mdast-util-phrasing's twenty phrasing types). Upstream composes one
 * closure per listed type and calls them in turn, twice wrapped; here it is one Set lookup. Any
 * other test goes to upstream unchanged. The checker's bundle (./bundle.ts) puts this module in the
 * place of `unist-util-is`; test/node/fast-unist.test.ts compares it with upstream.
 */
import { convert as upstreamConvert, is } from 'unist-util-is';

export { is };

type Check = (node: unknown, index?: number | null, parent?: unknown) => boolean;

// Upstream also asks `'type' in node`; a node whose `type` equals a string test has that property,
// so reading it is the same answer without the slow `in`.
export function convert(test: unknown): Check {
	if (typeof test === 'string') return (node) => typeof node === 'object' && node !== null && (node as { type?: unknown }).type === test;
	if (Array.isArray(test) && test.every((t) => typeof t === 'string')) {
		const types = new Set<unknown>(test);
		return (node) => typeof node === 'object' && node !== null && types.has((node as { type?: unknown }).type);
	}
	return upstreamConvert(test as Parameters<typeof upstreamConvert>[0]) as Check;
}
