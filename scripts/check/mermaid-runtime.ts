/**
 * mermaid 12 in Node: its parser needs a DOM only for DOMPurify, so a jsdom window stands in for
 * the browser. Loading jsdom + mermaid costs ~0.6 s from the checker's bundle (~1 s from
 * node_modules), so this module is imported only when a file has a mermaid fence, and mermaid is
 * initialised once per process.
 */
import { JSDOM } from 'jsdom';

type Mermaid = typeof import('mermaid').default;
let ready: Promise<Mermaid> | undefined;

export function loadMermaid(): Promise<Mermaid> {
	ready ??= (async () => {
		const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: false });
		// DOMPurify binds to the global window when mermaid is first imported; set it before.
		const g = globalThis as Record<string, unknown>;
		g.window ??= window;
		g.document ??= window.document;
		const { default: mermaid } = await import('mermaid');
		// 'fatal' keeps mermaid's own console logging out of the check's output.
		mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', logLevel: 'fatal' });
		return mermaid;
	})();
	return ready;
}

export interface MermaidError {
	/** Line within the diagram, 1-based, when mermaid says. */
	line?: number;
	column?: number;
	message: string;
}

const cache = new Map<string, MermaidError | null>();

/** Parse one diagram; null when it parses. The same text is parsed once per process. */
export async function parseDiagram(text: string): Promise<MermaidError | null> {
	if (cache.has(text)) return cache.get(text)!;
	const mermaid = await loadMermaid();
	let result: MermaidError | null = null;
	try {
		await mermaid.parse(text);
	} catch (error) {
		result = describe(error);
	}
	cache.set(text, result);
	return result;
}

const KEYWORDS = 'flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph';

/** mermaid's errors come from jison (flowchart, sequence, …) or langium (pie, gitGraph, …); both name a line. */
function describe(error: unknown): MermaidError {
	const e = error as { name?: string; message?: string; hash?: { text?: string; token?: string | number; expected?: string[]; line?: number } };
	const message = String(e.message ?? error);
	if (e.name === 'UnknownDiagramError' || /No diagram type detected/.test(message)) {
		const first = message.replace(/^[\s\S]*?for text:\s*/, '').split('\n')[0]!.trim();
		return { line: 1, message: `Unexpected diagram type \`${first.slice(0, 40)}\`, expected a mermaid diagram keyword such as ${KEYWORDS}` };
	}
	const lineMatch = /line (\d+)(?:, column (\d+))?/i.exec(message);
	const line = lineMatch ? Number(lineMatch[1]) : undefined;
	const column = lineMatch?.[2] ? Number(lineMatch[2]) : undefined;
	if (e.hash?.expected?.length) {
		const got = e.hash.text && e.hash.text.trim() ? `\`${e.hash.text.trim()}\`` : e.hash.token === 'NEWLINE' || e.hash.text === '\n' ? 'end of line' : e.hash.token === 'EOF' || e.hash.token === 1 ? 'end of diagram' : `\`${String(e.hash.token)}\``;
		const expected = e.hash.expected.map((x) => x.replace(/^'|'$/g, ''));
		const shown = expected.slice(0, 6).map((x) => `\`${x}\``).join(', ') + (expected.length > 6 ? ` or ${expected.length - 6} more` : '');
		return { line, column, message: `Unexpected ${got === 'end of diagram' ? got : `${got} in the diagram`}, expected ${shown}${got === 'end of diagram' ? ' (an unclosed bracket or quote?)' : ''}` };
	}
	const detail = message.split('\n').filter((l) => l.trim() && !/^-*\^$/.test(l.trim()))[0] ?? message;
	return { line, column, message: `Unexpected mermaid syntax: ${detail.trim()}, expected a diagram mermaid 12 parses` };
}
