/**
 * `promql` and `logql` blocks, parsed by Prometheus's and Grafana's own Lezer grammars
 * (@prometheus-io/lezer-promql, @grafana/lezer-logql: what their query editors use). Lezer never
 * throws: it recovers and marks what it could not parse with error nodes; the first one is the
 * finding (`code-promql`, `code-logql`), at its character, with the text found there.
 * A block may hold several queries: paragraphs (separated by a blank line), and within one, lines
 * that start at the first column, indented lines continuing the query above them. A paragraph that
 * parses whole is one query; else, if each of its column-one pieces parses, they are several.
 * `#` starts a comment in both languages' grammars.
 */
import type { Report } from '../types.ts';
import { lineColumn, type CodeFence } from './fences.ts';

interface Parser {
	parse(text: string): { iterate(spec: { enter(node: { type: { isError: boolean }; from: number; to: number }): boolean | void }): void };
}

const parsers: Partial<Record<'promql' | 'logql', Promise<Parser>>> = {};
const load = (lang: 'promql' | 'logql') =>
	(parsers[lang] ??= lang === 'promql' ? import('@prometheus-io/lezer-promql').then((m) => m.parser as unknown as Parser) : import('@grafana/lezer-logql').then((m) => m.parser as unknown as Parser));

const NAMES = { promql: 'PromQL', logql: 'LogQL' };

type Span = { from: number; to: number };

/** The first error node of a text, as offsets into it; undefined when it parses. */
function firstError(parser: Parser, text: string): Span | undefined {
	let error: Span | undefined;
	parser.parse(text).iterate({
		enter(node) {
			if (error) return false;
			if (node.type.isError) error = { from: node.from, to: node.to };
		},
	});
	return error;
}

export async function verifyQuery(lang: 'promql' | 'logql', fence: CodeFence, text: string, report: Report): Promise<void> {
	const parser = await load(lang);
	// A line that is only a comment belongs to no query: blanked (same length), so offsets stay the block's.
	const blanked = text.replace(/^[ \t]*#.*$/gm, (line) => ' '.repeat(line.length));
	for (const paragraph of blanked.matchAll(/\S[\s\S]*?(?=\n[ \t]*\n|\s*$)/g)) {
		const start = paragraph.index!;
		let error = firstError(parser, paragraph[0]);
		let at = start;
		if (error) {
			// Several queries, one per column-one line (its indented lines continue it).
			const pieces = [...paragraph[0].matchAll(/^\S.*(?:\n[ \t]+.*)*/gm)];
			if (pieces.length > 1) {
				error = undefined;
				for (const piece of pieces) {
					error = firstError(parser, piece[0]);
					if (error) {
						at = start + piece.index!;
						break;
					}
				}
			}
		}
		if (!error) continue;
		const offset = at + error.from;
		const found = text.slice(offset, at + Math.max(error.to, error.from + 1)).trim();
		const { line, column } = lineColumn(text, offset);
		const what = offset >= text.trimEnd().length ? 'end of the query' : `\`${found || text[offset]}\``;
		report(`code-${lang}`, 'error', fence.at(line, column), `Unexpected ${what}, expected valid ${NAMES[lang]} (${lang === 'promql' ? '@prometheus-io/lezer-promql' : '@grafana/lezer-logql'})`);
	}
}
