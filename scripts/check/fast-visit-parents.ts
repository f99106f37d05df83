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
 * test/node/fast-visit-parents.test.ts runs both over the real docs and compares every call.
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
