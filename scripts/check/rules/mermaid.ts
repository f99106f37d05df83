import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { MermaidError } from '../mermaid-runtime.ts';
import type { MermaidFence, Report } from '../types.ts';

/** The ```mermaid fences of a doc (what the site turns into diagrams). */
export function collectMermaid(root: Root): MermaidFence[] {
	const out: MermaidFence[] = [];
	visit(root, 'code', (node: Code) => {
		if (node.lang === 'mermaid') out.push({ value: node.value, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
	});
	return out;
}

/**
 * Each diagram parses with mermaid 12; `verdictOf` gives mermaid's answer for a diagram text (the
 * run parses each distinct text once, see ../run.ts). The error line is the fence's line plus the
 * diagram's line (diagram line 1 is the line after the fence).
 */
export function reportMermaid(fences: MermaidFence[], verdictOf: (text: string) => MermaidError | null, report: Report): void {
	for (const fence of fences) {
		const error = verdictOf(fence.value);
		if (!error) continue;
		const lines = fence.value.split('\n');
		const diagramLine = Math.min(Math.max(error.line ?? 1, 1), Math.max(lines.length, 1));
		const text = lines[diagramLine - 1] ?? '';
		const column = fence.column + (error.column !== undefined ? error.column - 1 : text.length - text.trimStart().length);
		report('mermaid-syntax', 'error', { line: fence.line + diagramLine, column }, error.message);
	}
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
