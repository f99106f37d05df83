/**
 * The fenced code blocks of a page, each with a map from a place inside the block to the place in
 * the page: the fence's line plus the line inside the block, and the column plus whatever the page
 * puts before the block's text on that line (list indentation, a blockquote's `>`). Every finding
 * of the code stage is reported through it, so it points at the offending character in the file.
 */
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Position } from '../../../src/lib/position.ts';

export interface CodeFence {
	/** The info string's first word, lower-cased (`bash`, `yaml`…); empty for none. */
	lang: string;
	/** The whole info string as written (`bash title="Restore"`). */
	info: string;
	/** The block's text, indentation of the fence already removed (as the site renders it). */
	value: string;
	/** Where the opening fence starts in the page. */
	line: number;
	column: number;
	/** The page position of a 1-based line and column inside `value`. */
	at(line: number, column: number): Position;
	/** The page position of the info string's first word (for findings about the language). */
	infoAt(): Position;
}

/** Every fenced block with an info string; indented blocks and bare fences are remark-lint's (`fenced-code-flag`). */
export function collectFences(root: Root, source: string): CodeFence[] {
	let pageLines: string[] | undefined;
	const lineOf = (n: number) => (pageLines ??= source.split('\n'))[n - 1] ?? '';
	const out: CodeFence[] = [];
	visit(root, 'code', (node: Code) => {
		const start = node.position?.start;
		if (!start || !node.lang) return;
		const info = node.meta ? `${node.lang} ${node.meta}` : node.lang;
		let blockLines: string[] | undefined;
		const value = node.value;
		out.push({
			lang: node.lang.toLowerCase(),
			info,
			value,
			line: start.line,
			column: start.column,
			at(line, column) {
				const lines = (blockLines ??= value.split('\n'));
				const inside = Math.min(Math.max(line, 1), Math.max(lines.length, 1));
				const text = lines[inside - 1] ?? '';
				const raw = lineOf(start.line + inside).replace(/\r$/, '');
				// What precedes the block's text on this page line: a list's indentation, a `>`.
				const prefix = raw.endsWith(text) ? raw.length - text.length : start.column - 1;
				return { line: start.line + inside, column: prefix + Math.min(Math.max(column, 1), text.length + 1) };
			},
			infoAt() {
				const raw = lineOf(start.line);
				const fence = /^(?:`{3,}|~{3,})[ \t]*/.exec(raw.slice(start.column - 1));
				return { line: start.line, column: start.column + (fence ? fence[0].length : 0) };
			},
		});
	});
	return out;
}

/** 1-based line and column of a character offset inside a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: offset - lineStart + 1 };
}

/** A UTF-8 byte column (what Go tools report) as a character column of the same line. */
export function charColumn(lineText: string, byteColumn: number): number {
	const bytes = Buffer.from(lineText, 'utf8');
	return bytes.subarray(0, Math.max(byteColumn - 1, 0)).toString('utf8').length + 1;
}
