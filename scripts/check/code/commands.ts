/**
 * The simple commands of a shell block, word by word with their places, for the checks that look at
 * command lines (`code-cli`, `code-danger`, the SQL of `psql -c`).
 *
 * Only blocks that mvdan/sh parsed are given here (./bash.ts decides syntax). Written by hand
 * because sh-syntax's wasm answers statements and their extent, never words (see ./bash.ts); this is
 * a word splitter over text already known to be valid Bash, not a second grammar: it follows quotes,
 * `$(…)`/backticks (whose commands are commands too), `${…}`, `$((…))`, `\` continuations, here-docs
 * (whose bodies are data), redirections, assignments, comments, and the reserved words that start
 * or end compound commands (`if … then`, `for … do`, `case … esac`).
 */
import { lineIndex } from '../../../src/lib/position.ts';

export interface Word {
	/** The word with quotes removed and escapes resolved; expansions kept as written. */
	value: string;
	/** The word as written. */
	raw: string;
	/** 1-based line and column of the word's first character in the block. */
	line: number;
	column: number;
	/** Whether the word has a parameter/command expansion (its value is known only when run). */
	dynamic: boolean;
}

export interface SimpleCommand {
	words: Word[];
	/** How it joins the command before it: start of a list, `&&`, `||`, `|`, or `;`/newline. */
	after: 'start' | '&&' | '||' | '|' | ';';
	/** The statement's line (where the first word is) and whether it is inside `$(…)`. */
	nested: boolean;
	/** Operator that follows the command (`&&`, `||`, `|`, `;`, or `end`). */
	before?: '&&' | '||' | '|' | ';' | 'end';
	/** Inside the branch of an `if`/`case` or a loop's body: runs only when its condition held. */
	conditional?: boolean;
	/** Targets of its output redirections (`> f`, `>> f`, `>| f`, `&> f`, `<> f`): files it creates or writes. */
	writes?: Word[];
}

const RESERVED_START = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_END = new Set(['fi', 'done', 'esac', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/** Splits a block into its simple commands (nested ones from `$(…)` included, marked `nested`). */
export function simpleCommands(text: string): SimpleCommand[] {
	const out: SimpleCommand[] = [];
	const place = lineIndex(text);
	scan(text, 0, text.length, false, out, place);
	return out;
}

type Place = (offset: number) => { line: number; column: number };

/** Index of the `)` closing a `$(` whose body starts at `from` (quotes and nesting followed). */
function closeParen(text: string, from: number, end: number): number {
	let depth = 1;
	for (let i = from; i < end; i++) {
		const c = text[i];
		if (c === '\\') i++;
		else if (c === "'") i = text.indexOf("'", i + 1) === -1 ? end : text.indexOf("'", i + 1);
		else if (c === '"') i = closeDouble(text, i + 1, end);
		else if (c === '(') depth++;
		else if (c === ')' && --depth === 0) return i;
	}
	return end;
}

/** Index of the `"` closing a double-quoted string whose body starts at `from`. */
function closeDouble(text: string, from: number, end: number): number {
	for (let i = from; i < end; i++) {
		const c = text[i];
		if (c === '\\') i++;
		else if (c === '"') return i;
		else if (c === '$' && text[i + 1] === '(') i = closeParen(text, i + 2, end);
		else if (c === '`') i = text.indexOf('`', i + 1) === -1 ? end : text.indexOf('`', i + 1);
	}
	return end;
}

function closeBrace(text: string, from: number, end: number): number {
	let depth = 1;
	for (let i = from; i < end; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '{') depth++;
		else if (text[i] === '}' && --depth === 0) return i;
	}
	return end;
}

function scan(text: string, start: number, end: number, nested: boolean, out: SimpleCommand[], place: Place): void {
	let words: Word[] = [];
	let after = 'start' as SimpleCommand['after'];
	let heredocs: { delimiter: string; strip: boolean }[] = [];
	/** `case` nesting: whether the next words are a pattern (up to `)`). */
	const cases: { pattern: boolean }[] = [];
	/** After `for`/`select`: words up to `do` are not a command. */
	let skipping = false;
	let expectRedirectTarget = false;
	/** Whether the pending redirection target is written to (`>`, `>>`, `>|`, `&>`, `<>`; not `<`, `>&2`). */
	let redirectWrites = false;
	let writes: Word[] = [];
	/** Open `if`/loop bodies and `case` branches: commands in them are conditional. */
	let branches = 0;

	const finish = (op: SimpleCommand['before'], next: SimpleCommand['after']) => {
		if (words.length && !skipping) out.push({ words, after, nested, before: op, ...(branches > 0 || cases.length > 0 ? { conditional: true } : {}), ...(writes.length ? { writes } : {}) });
		skipping = false;
		words = [];
		writes = [];
		after = next;
	};

	let i = start;
	while (i < end) {
		const c = text[i]!;
		if (c === ' ' || c === '\t' || c === '\r') {
			i++;
			continue;
		}
		if (c === '\\' && text[i + 1] === '\n') {
			i += 2;
			continue;
		}
		if (c === '\n') {
			// A line ending in `&&`, `||` or `|` goes on with the next line's command.
			if (!(words.length === 0 && (after === '&&' || after === '||' || after === '|'))) finish(';', ';');
			i++;
			// Here-document bodies follow the line that opened them: data, not commands.
			for (const doc of heredocs) {
				while (i < end) {
					const lineEnd = text.indexOf('\n', i) === -1 ? end : text.indexOf('\n', i);
					const line = text.slice(i, lineEnd);
					i = lineEnd + 1;
					if ((doc.strip ? line.replace(/^\t+/, '') : line) === doc.delimiter) break;
				}
			}
			heredocs = [];
			continue;
		}
		if (c === '#' && (i === start || /[\s;&|()]/.test(text[i - 1]!))) {
			const lineEnd = text.indexOf('\n', i);
			i = lineEnd === -1 ? end : lineEnd;
			continue;
		}
		// Operators.
		const two = text.slice(i, i + 2);
		if (two === '&&' || two === '||') {
			finish(two, two);
			i += 2;
			continue;
		}
		if (two === ';;' || two === ';&') {
			finish(';', ';');
			if (cases.length) cases[cases.length - 1]!.pattern = true;
			i += text[i + 2] === '&' ? 3 : 2;
			continue;
		}
		if (c === '|' || c === ';' || c === '&') {
			if (cases.length && cases[cases.length - 1]!.pattern && c === '|') {
				i++;
				continue;
			}
			if (c === '&' && text[i + 1] === '>') {
				// `&>file`: a redirection.
				i += text[i + 2] === '>' ? 3 : 2;
				expectRedirectTarget = true;
				redirectWrites = true;
				continue;
			}
			finish(c === '|' ? '|' : ';', c === '|' ? '|' : ';');
			i += c === '|' && text[i + 1] === '&' ? 2 : 1;
			continue;
		}
		if (c === '(' || c === ')') {
			if (c === ')' && cases.length && cases[cases.length - 1]!.pattern) {
				cases[cases.length - 1]!.pattern = false;
				words = [];
				i++;
				continue;
			}
			if (c === '(' && text[i + 1] === '(') {
				// `(( … ))`: arithmetic, no command.
				const close = text.indexOf('))', i);
				i = close === -1 ? end : close + 2;
				continue;
			}
			// `name() {`: a function definition, not a command.
			if (c === '(' && words.length === 1 && text[i + 1] === ')') {
				words = [];
				i += 2;
				continue;
			}
			finish(';', ';');
			i++;
			continue;
		}
		// Redirections: `>`, `>>`, `2>&1`, `<`, `<<EOF`, `<<<`, `<(…)`.
		const redirect = /^(\d*)(<<<|<<-|<<|>>|>&|<&|>\||<>|>|<)/.exec(text.slice(i, i + 6));
		if (redirect && (redirect[1] === '' || words.length === 0 || /\s/.test(text[i - 1]!))) {
			const op = redirect[2]!;
			if ((op === '<' || op === '>') && text[i + redirect[0].length] === '(') {
				// Process substitution: its commands are commands.
				const open = i + redirect[0].length + 1;
				const close = closeParen(text, open, end);
				scan(text, open, close, true, out, place);
				i = close + 1;
				continue;
			}
			i += redirect[0].length;
			if (op === '<<' || op === '<<-') {
				while (text[i] === ' ' || text[i] === '\t') i++;
				const m = /^(['"]?)([^\s'";|&<>()]+)\1/.exec(text.slice(i));
				if (m) {
					heredocs.push({ delimiter: m[2]!, strip: op === '<<-' });
					i += m[0].length;
				}
				continue;
			}
			expectRedirectTarget = true;
			redirectWrites = op === '>' || op === '>>' || op === '>|' || op === '<>';
			continue;
		}
		// A word.
		const from = i;
		let value = '';
		let dynamic = false;
		while (i < end) {
			const ch = text[i]!;
			if (/[\s|&;()<>]/.test(ch)) {
				if ((ch === '<' || ch === '>') && text[i + 1] === '(') {
					// Process substitution glued to a word: part of it.
				} else break;
			}
			if (ch === '\\') {
				if (text[i + 1] === '\n') {
					i += 2;
					continue;
				}
				value += text[i + 1] ?? '';
				i += 2;
			} else if (ch === "'") {
				const close = text.indexOf("'", i + 1);
				const stop = close === -1 || close > end ? end : close;
				value += text.slice(i + 1, stop);
				i = stop + 1;
			} else if (ch === '"') {
				const close = closeDouble(text, i + 1, end);
				const body = text.slice(i + 1, close);
				// Commands inside `$(…)` in the string are commands too.
				for (let j = body.indexOf('$('); j !== -1; j = body.indexOf('$(', j + 1)) {
					if (body[j + 2] === '(') continue;
					const open = i + 1 + j + 2;
					scan(text, open, closeParen(text, open, end), true, out, place);
				}
				if (/[$`]/.test(body)) dynamic = true;
				value += body.replace(/\\([$`"\\\n])/g, '$1');
				i = close + 1;
			} else if (ch === '$' && text[i + 1] === '(') {
				dynamic = true;
				if (text[i + 2] === '(') {
					const close = text.indexOf('))', i);
					const stop = close === -1 ? end : close + 2;
					value += text.slice(i, stop);
					i = stop;
				} else {
					const close = closeParen(text, i + 2, end);
					scan(text, i + 2, close, true, out, place);
					value += text.slice(i, close + 1);
					i = close + 1;
				}
			} else if (ch === '$' && text[i + 1] === '{') {
				dynamic = true;
				const close = closeBrace(text, i + 2, end);
				value += text.slice(i, close + 1);
				i = close + 1;
			} else if (ch === '`') {
				dynamic = true;
				const close = text.indexOf('`', i + 1);
				const stop = close === -1 || close > end ? end : close;
				scan(text, i + 1, stop, true, out, place);
				value += text.slice(i, stop + 1);
				i = stop + 1;
			} else if ((ch === '<' || ch === '>') && text[i + 1] === '(') {
				dynamic = true;
				const close = closeParen(text, i + 2, end);
				scan(text, i + 2, close, true, out, place);
				value += text.slice(i, close + 1);
				i = close + 1;
			} else {
				if (ch === '$' && /[A-Za-z_0-9@*#?!$-]/.test(text[i + 1] ?? '')) dynamic = true;
				value += ch;
				i++;
			}
		}
		const raw = text.slice(from, i);
		const at = place(from);
		const word: Word = { value, raw, ...at, dynamic };
		if (expectRedirectTarget) {
			expectRedirectTarget = false;
			// `>&2`, `2>&1` duplicate a descriptor: no file.
			if (redirectWrites && !/^&?-?\d*-?$/.test(raw)) writes.push(word);
			continue;
		}
		if (cases.length && cases[cases.length - 1]!.pattern) {
			if (raw === 'esac') {
				cases.pop();
				finish(';', ';');
			}
			continue;
		}
		if (words.length === 0) {
			if (skipping) continue;
			if (raw === 'case') {
				cases.push({ pattern: false });
				skipping = true;
				// `case WORD in`: the patterns start after `in`.
				const m = /^\s+\S+\s+in\b/.exec(text.slice(i));
				if (m) {
					i += m[0].length;
					cases[cases.length - 1]!.pattern = true;
					skipping = false;
				}
				continue;
			}
			if (raw === '[[') {
				// A conditional expression (its `&&`, `<` are its own): no command inside.
				const close = text.indexOf(']]', i);
				i = close === -1 ? end : close + 2;
				continue;
			}
			if (raw === 'for' || raw === 'select' || raw === 'function') {
				skipping = true;
				continue;
			}
			if (raw === 'then' || raw === 'do') branches++;
			if (raw === 'fi' || raw === 'done') branches = Math.max(0, branches - 1);
			if (RESERVED_START.has(raw)) continue;
			if (RESERVED_END.has(raw)) continue;
			if (raw === 'esac') {
				cases.pop();
				continue;
			}
			if (ASSIGNMENT.test(raw)) continue;
		} else if (skipping && raw === 'do') {
			branches++;
			skipping = false;
			words = [];
			continue;
		}
		if (skipping) continue;
		words.push(word);
	}
	finish('end', ';');
}
