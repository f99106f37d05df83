import type { MermaidError } from '../mermaid-runtime.ts';
import type { MermaidFence, Report } from '../types.ts';

export { collectMermaid } from '../../../src/lib/mermaid-budget.ts';

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


export { checkMermaidBudget, estimateEdges, MERMAID_PAGE_BUDGET } from '../../../src/lib/mermaid-budget.ts';
