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

/** Verdicts remembered from earlier runs (see ../cache.ts); undefined means "not known". */
export interface MermaidMemo {
	mermaid(text: string): MermaidError | null | undefined;
	setMermaid(text: string, verdict: MermaidError | null): void;
}

/**
 * Each diagram parses with mermaid 12. The error line is the fence's line plus the diagram's line
 * (diagram line 1 is the line after the fence). The runtime (jsdom + mermaid, about a second to
 * load) is imported only when a diagram's verdict is not already known.
 */
export async function checkMermaid(fences: MermaidFence[], report: Report, memo?: MermaidMemo): Promise<void> {
	for (const fence of fences) {
		let error = memo?.mermaid(fence.value);
		if (error === undefined) {
			const { parseDiagram } = await import('../mermaid-runtime.ts');
			error = await parseDiagram(fence.value);
			memo?.setMermaid(fence.value, error);
		}
		if (!error) continue;
		const lines = fence.value.split('\n');
		const diagramLine = Math.min(Math.max(error.line ?? 1, 1), Math.max(lines.length, 1));
		const text = lines[diagramLine - 1] ?? '';
		const column = fence.column + (error.column !== undefined ? error.column - 1 : text.length - text.trimStart().length);
		report('mermaid-syntax', 'error', { line: fence.line + diagramLine, column }, error.message);
	}
}
