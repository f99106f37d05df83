/**
 * A drop-in for `unist-util-visit-parents` 6 (same exports, arguments, order and return protocol),
 * which the checker's bundle (./bundle.ts) puts in its place for every module that imports it:
 * remark-lint's rules, unist-util-visit and the check's own rules.
 *
 * Why by hand: upstream builds a closure for every node and renames it with
 * `Object.defineProperty(visit, 'name', …)`, a debugging aid that costs more than the walk itself.
 * On the 1,000-doc benchmark corpus, remark-lint took 3.27 s with upstream and 1.32 s with that one
 * statement removed; this version also drops the per-node closure. Tests come from `convert`, which
 * the bundle takes from ./fast-unist-is.ts.
 * test/node/fast-unist.test.ts runs both over the real docs and compares every call.
 *
 * `withFlatTree(root, pass)` goes further for passes that only read the tree: it lists the tree's
 * nodes in preorder once, with each node's index and (frozen, shared) ancestors, and every forward
 * walk from `root` during `pass` runs down that list instead of recursing. The check walks each page
 * ~22 times (16 of them remark-lint's rules), so this replaces ~22 recursive walks with one.
 */
import { convert, type Test } from 'unist-util-is';

interface UnistNode {
	type: string;
	children?: UnistNode[];
}
type Action = boolean | 'skip';
type ActionTuple = readonly [(Action | null | undefined | void)?, (number | null | undefined)?];
type VisitorResult = Action | number | ActionTuple | null | undefined | void;
type Visitor = (node: UnistNode, ancestors: UnistNode[], index: number | undefined) => VisitorResult;
interface Visitors {
	enter?: Visitor | null;
	exit: Visitor;
}

export const CONTINUE = true;
export const EXIT = false;
export const SKIP = 'skip';

const empty: ActionTuple = [];

function toResult(value: VisitorResult): ActionTuple {
	if (Array.isArray(value)) return value as ActionTuple;
	if (typeof value === 'number') return [CONTINUE, value];
	return value === null || value === undefined ? empty : [value as Action];
}

export function visitParents(tree: UnistNode, testOrVisitors: unknown, visitorsOrReverse?: unknown, reverse?: boolean): void {
	if (!tree || typeof tree !== 'object') throw new Error('Unexpected value `' + tree + '` for `tree`, expected node');
	let preorder = true;
	let test: Test | undefined;
	let visitors: unknown;
	if (typeof visitorsOrReverse === 'function' || (visitorsOrReverse && typeof visitorsOrReverse === 'object')) {
		test = testOrVisitors as Test;
		visitors = visitorsOrReverse;
		if (reverse) preorder = false;
	} else {
		visitors = testOrVisitors;
		if (visitorsOrReverse) preorder = false;
	}
	let enter: Visitor | undefined;
	let exit: Visitor | undefined;
	if (typeof visitors === 'function') enter = visitors as Visitor;
	else if (visitors && typeof visitors === 'object') {
		const v = visitors as Visitors;
		if (v.enter !== null && v.enter !== undefined) {
			if (typeof v.enter !== 'function') throw new Error('Unexpected value `' + v.enter + '` for `visitors.enter`, expected optional visitor');
			enter = v.enter;
		}
		if (typeof v.exit !== 'function') throw new Error('Unexpected value `' + v.exit + '` for `visitors.exit`, expected visitor (pass a visitor directly if you only want an enter visitor)');
		exit = v.exit;
	} else throw new Error('Unexpected value `' + visitors + '` for `enter` or `visitors`, expected visitor or object with visitors');

	const is = test ? convert(test) : undefined;
	if (flat?.root === tree && preorder && enter && !exit) return walkFlat(flat, is, enter);
	const step = preorder ? 1 : -1;

	const visit = (node: UnistNode, index: number | undefined, parents: UnistNode[]): ActionTuple => {
		const parent = parents[parents.length - 1];
		const matches = is ? is(node, index, parent as never) : true;
		let result = empty;
		if (enter && matches) {
			result = toResult(enter(node, parents, index));
			if (result[0] === EXIT) return result;
		}
		const children = node.children;
		if (children && result[0] !== SKIP) {
			let offset = (preorder ? -1 : children.length) + step;
			const grandparents = [...parents, node];
			while (offset > -1 && offset < children.length) {
				const sub = visit(children[offset]!, offset, grandparents);
				if (sub[0] === EXIT) return sub;
				offset = typeof sub[1] === 'number' ? sub[1] : offset + step;
			}
		}
		if (exit && matches) {
			const exitResult = toResult(exit(node, parents, index));
			if (exitResult[0] === SKIP) throw new Error('Unexpected value `' + exitResult[0] + '` from `exit`, expected `CONTINUE`, `EXIT`, index, or nothing');
			if (exitResult[0] === EXIT || typeof exitResult[1] === 'number') return exitResult;
		}
		return result;
	};
	visit(tree, undefined, []);
}

/** A tree listed in preorder, one entry per node (struct of arrays: the walk reads them in a tight loop). */
interface FlatTree {
	root: UnistNode;
	nodes: UnistNode[];
	ancestors: readonly UnistNode[][];
	indexes: (number | undefined)[];
	/** Entry of each node's parent, -1 for the root. */
	parentOf: number[];
	/** Entry just past each node's subtree: where the walk goes on when it skips the node's children. */
	end: number[];
}

let flat: FlatTree | undefined;

function flatten(root: UnistNode): FlatTree {
	const tree: FlatTree = { root, nodes: [], ancestors: [], indexes: [], parentOf: [], end: [] };
	const ancestors = tree.ancestors as UnistNode[][];
	const add = (node: UnistNode, index: number | undefined, above: UnistNode[], parent: number) => {
		const at = tree.nodes.length;
		tree.nodes.push(node);
		ancestors.push(above);
		tree.indexes.push(index);
		tree.parentOf.push(parent);
		tree.end.push(0);
		const children = node.children;
		if (children?.length) {
			// Shared by every walk and every sibling, as upstream shares it between siblings; frozen so
			// that a visitor changing it fails loudly instead of misleading the walks after it.
			const below = Object.freeze([...above, node]) as UnistNode[];
			for (let k = 0; k < children.length; k++) add(children[k]!, k, below, at);
		}
		tree.end[at] = tree.nodes.length;
	};
	add(root, undefined, Object.freeze([]) as unknown as UnistNode[], -1);
	return tree;
}

/**
 * Runs `pass`, during which every forward walk of `root` with an enter visitor only uses one
 * preorder listing of it. `pass` must not change the tree (the listing would be stale); a walk of any
 * other tree, in reverse, or with an exit visitor recurses as usual.
 */
export function withFlatTree<T>(root: UnistNode, pass: () => T): T {
	const previous = flat;
	flat = flatten(root);
	try {
		return pass();
	} finally {
		flat = previous;
	}
}

/** The entry of the `k`-th child of entry `parent`, if it has one. */
function childEntry(tree: FlatTree, parent: number, k: number): number | undefined {
	const count = tree.nodes[parent]!.children!.length;
	if (!(k > -1 && k < count)) return undefined;
	let entry = parent + 1;
	for (let i = 0; i < k; i++) entry = tree.end[entry]!;
	return entry;
}

/**
 * The recursive walk's answers, in a loop: skip goes to the end of the node's subtree; exit stops;
 * an index applies, as upstream, once the node's own subtree is done, and sends the walk to that
 * child of the node's parent (or past the parent when there is no such child).
 */
function walkFlat(tree: FlatTree, is: ReturnType<typeof convert> | undefined, enter: Visitor): void {
	const { nodes, ancestors, indexes, parentOf, end } = tree;
	const jumps: { after: number; parent: number; to: number }[] = [];
	let i = 0;
	while (i < nodes.length) {
		const node = nodes[i]!;
		let next = i + 1;
		const parent = parentOf[i]!;
		if (!is || is(node as never, indexes[i], (parent === -1 ? undefined : nodes[parent]) as never)) {
			const result = toResult(enter(node, ancestors[i]!, indexes[i]));
			if (result[0] === EXIT) return;
			if (result[0] === SKIP) next = end[i]!;
			if (typeof result[1] === 'number' && parent !== -1) jumps.push({ after: end[i]!, parent, to: result[1] });
		}
		i = next;
		// Every move stays inside the subtree of the node whose jump is pending, or lands just past it.
		while (jumps.length && jumps[jumps.length - 1]!.after === i) {
			const { parent: from, to } = jumps.pop()!;
			i = childEntry(tree, from, to) ?? end[from]!;
		}
	}
}
