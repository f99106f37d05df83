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
		result = describe(error, text);
	}
	cache.set(text, result);
	return result;
}

const KEYWORDS = 'flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph';

/** The arrows an author most likely meant, by diagram type (the first word of the diagram). */
const ARROWS: Record<string, string> = {
	sequenceDiagram: '`->>`, `-->>`, `->` or `-)`',
	classDiagram: '`<|--`, `*--`, `o--` or `-->`',
	erDiagram: '`||--o{` or `}o--||`',
	'stateDiagram-v2': '`-->`',
	stateDiagram: '`-->`',
};
const FLOWCHART_ARROWS = '`-->`, `---`, `-.->` or `==>`';

/** jison token names mermaid's grammars expect, as what the author would write there. */
const ARROW_TOKENS = /^(LINK|START_LINK|LINK_ID|-->|ARROW.*|SOLID.*|DOTTED.*)$/;
const CLOSING_TOKENS = /^(SQE|PE|DIAMOND_STOP|STADIUMEND|SUBROUTINEEND|CYLINDEREND|DOUBLECIRCLEEND|TAGEND|TRAPEND|INVTRAPEND|-\))$/;
/** Punctuation an arrow is made of: an offending run of these is a mistyped arrow. */
const ARROWISH = /^[-=.<>ox*|{}~]*(--|==|-\.|->|<-)[-=.<>ox*|{}~]*$/;

/**
 * What the parser stopped at, as written: the run of arrow punctuation or of word characters around
 * the failing token (jison's token is often one character of it: `>` of `-->>`), with its 1-based column.
 */
function offending(text: string, loc: { last_line?: number; last_column?: number } | undefined, token: string): { shown: string; column: number } | undefined {
	if (!loc?.last_line || loc.last_column === undefined || !token.trim()) return undefined;
	const line = text.split('\n')[loc.last_line - 1];
	if (line === undefined) return undefined;
	// The token ends at last_column; it starts where its text would.
	let at = line.lastIndexOf(token.trim(), loc.last_column);
	if (at === -1) return undefined;
	const kind = /[\w]/.test(line[at]!) ? /[\w]/ : /[-=.<>|*~]/;
	let start = at;
	let end = at + token.trim().length;
	while (start > 0 && kind.test(line[start - 1]!)) start--;
	while (end < line.length && kind.test(line[end]!)) end++;
	return { shown: line.slice(start, end), column: start + 1 };
}

/** mermaid's errors come from jison (flowchart, sequence, …) or langium (pie, gitGraph, …); both name a line. */
function describe(error: unknown, text: string): MermaidError {
	const e = error as { name?: string; message?: string; hash?: { text?: string; token?: string | number; expected?: string[]; line?: number; loc?: { first_line?: number; last_line?: number; first_column?: number; last_column?: number } } };
	const message = String(e.message ?? error);
	if (e.name === 'UnknownDiagramError' || /No diagram type detected/.test(message)) {
		const first = message.replace(/^[\s\S]*?for text:\s*/, '').split('\n')[0]!.trim();
		return { line: 1, message: `Unexpected diagram type \`${first.slice(0, 40)}\`, expected a mermaid diagram keyword such as ${KEYWORDS}` };
	}
	const lineMatch = /line (\d+)(?:, column (\d+))?/i.exec(message);
	const line = lineMatch ? Number(lineMatch[1]) : undefined;
	const column = lineMatch?.[2] ? Number(lineMatch[2]) : undefined;
	if (e.hash?.expected?.length) {
		const atEnd = e.hash.token === 'EOF' || e.hash.token === 1;
		const atEol = !atEnd && (e.hash.token === 'NEWLINE' || e.hash.text === '\n');
		const got = e.hash.text && e.hash.text.trim() ? `\`${e.hash.text.trim()}\`` : atEol ? 'end of line' : atEnd ? 'end of diagram' : `\`${String(e.hash.token)}\``;
		const expected = e.hash.expected.map((x) => x.replace(/^'|'$/g, ''));
		const type = text.trimStart().split(/\s/, 1)[0] ?? '';
		const arrows = ARROWS[type] ?? FLOWCHART_ARROWS;
		const where = atEnd || atEol ? undefined : offending(text, e.hash.loc, e.hash.text ?? '');
		const found = where ? `\`${where.shown}\`` : got;
		const at = { line: e.hash.loc?.last_line ?? line, column: where?.column ?? column };
		// What the author meant, from the grammar's expectations and what was written; the token list only when nothing reads better.
		if (where && (ARROWISH.test(where.shown) || expected.some((x) => ARROW_TOKENS.test(x)))) return { ...at, message: `Unexpected ${found}, expected an arrow such as ${arrows}` };
		if ((atEnd || atEol) && expected.some((x) => CLOSING_TOKENS.test(x))) return { line, column, message: `Unexpected ${got}, expected a closing bracket such as \`]\`, \`)\` or \`}\` (a node's label left open?)` };
		if (atEol && expected.includes('TXT')) return { line, column, message: `Unexpected end of line, expected \`:\` and the message text after the arrow (e.g. \`A->>B: text\`)` };
		const shown = expected.slice(0, 6).map((x) => `\`${x}\``).join(', ') + (expected.length > 6 ? ` or ${expected.length - 6} more` : '');
		return { line, column, message: `Unexpected ${got === 'end of diagram' ? got : `${got} in the diagram`}, expected ${shown}${got === 'end of diagram' ? ' (an unclosed bracket or quote?)' : ''}` };
	}
	const detail = message.split('\n').filter((l) => l.trim() && !/^-*\^$/.test(l.trim()))[0] ?? message;
	return { line, column, message: `Unexpected mermaid syntax: ${detail.trim()}, expected a diagram mermaid 12 parses` };
}
