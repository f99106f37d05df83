/**
 * The ```mermaid fences of a page and the page's diagram budget: pure, shared by the authors' check
 * (scripts/check/rules/mermaid.ts) and the build (src/plugins/page-policy.ts).
 */
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Position } from './position.ts';

/** A ```mermaid fence: its diagram text and where the fence opens. */
export interface MermaidFence extends Position {
	value: string;
}

export type Report = (rule: 'mermaid-budget', severity: 'error', at: Position, message: string) => void;

/** The ```mermaid fences of a doc (what the site turns into diagrams). */
export function collectMermaid(root: Root): MermaidFence[] {
	const out: MermaidFence[] = [];
	visit(root, 'code', (node: Code) => {
		if (node.lang === 'mermaid') out.push({ value: node.value, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
	});
	return out;
}

/**
 * Every diagram of a page is laid out in the reader's browser when the page opens; mermaid limits one
 * diagram (500 edges, 50,000 characters) but not how many a page holds, so a page of 100 large
 * diagrams stalls the tab for minutes. These are the page's limits, far above what a runbook needs
 * (the largest page today: 2 diagrams, ~35 edges).
 */
export const MERMAID_PAGE_BUDGET = { diagrams: 10, characters: 50_000, edges: 500 } as const;

// Link operators (`-->`, `---`, `-.->`, `==>`, `~~~`, `->>`, `--x`, `<-->` …) and `&`, which joins
// several nodes on one side of a link (`a & b --> c & d` is four edges). This only sizes a diagram
// for the budget; whether it is valid is mermaid's call (above).
const LINK = /<?(?:-{2,}|={2,}|-\.+-|~{3,}|-[>)x])[->ox)]*/g;

/** Edges a diagram may draw, counted from above: each line's links times the nodes `&` joins on each side. */
export function estimateEdges(text: string): number {
	let edges = 0;
	for (const line of text.split('\n')) {
		if (line.trimStart().startsWith('%%')) continue;
		const links = line.match(LINK)?.length ?? 0;
		if (links === 0) continue;
		const joined = line.split('&').length;
		edges += links * joined * joined;
	}
	return edges;
}

/** The page's diagrams within MERMAID_PAGE_BUDGET; the error is at the first fence over it. */
export function checkMermaidBudget(fences: MermaidFence[], report: Report): void {
	const { diagrams, characters, edges } = MERMAID_PAGE_BUDGET;
	if (fences.length > diagrams) {
		const over = fences[diagrams]!;
		report('mermaid-budget', 'error', over, `Unexpected ${fences.length} mermaid diagrams in one page, expected at most ${diagrams} (each is drawn in the reader's browser as the page opens; split the page or link to the others)`);
		return;
	}
	let chars = 0;
	let links = 0;
	for (const fence of fences) {
		chars += fence.value.length;
		links += estimateEdges(fence.value);
		if (chars > characters) {
			report('mermaid-budget', 'error', fence, `Unexpected ${chars.toLocaleString('en')} characters of mermaid diagrams by this one, expected at most ${characters.toLocaleString('en')} per page (split the diagram or the page)`);
			return;
		}
		if (links > edges) {
			report('mermaid-budget', 'error', fence, `Unexpected ~${links.toLocaleString('en')} diagram edges in the page by this diagram, expected at most ${edges} per page (split the diagram or the page)`);
			return;
		}
	}
}
