/**
 * `bash`/`sh`/`shell` blocks (and the command lines of `console` blocks): parsed by mvdan/sh (the
 * `sh-syntax` build for Node) in Bash mode, then handed to shellcheck (./shellcheck.ts). A parse
 * error is `code-bash`; a shellcheck finding at warning level and above is `code-shellcheck`,
 * with shellcheck's own message and code.
 *
 * shellcheck gets one script per page: the page's blocks that parse, in order, as a reader runs
 * them in one shell session (a variable set in one block and used in the next is not "unassigned").
 * A block that does not parse is left out, so one mistake is one finding.
 *
 * `parseShell` returns the statements of a block with their places, for checks that look at command
 * lines (issue 22); sh-syntax exposes statements and their command's extent, not words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Report } from '../types.ts';
import { charColumn, type CodeFence } from './fences.ts';
import { shellcheck, shellcheckPath, type ShellcheckComment } from './shellcheck.ts';

/** A statement of a block: where it starts and ends (1-based lines and character columns of the block). */
export interface ShellStatement {
	start: { line: number; column: number };
	end: { line: number; column: number };
}

export type ShellParse = { ok: true; statements: ShellStatement[] } | { ok: false; line: number; column: number; message: string };

interface GoPos {
	Line: number;
	Col: number;
}
interface Answer {
	file?: { Stmts: { Pos: GoPos; End: GoPos }[] };
	parseError?: { Text: string; Pos?: GoPos } | null;
	message?: string;
}

let parser: ((text: string) => Answer) | undefined;

/**
 * TinyGo's heap inside one instance is never given back (10 MB, exhausted after ~1,200 blocks of
 * the corpus's size): a fresh instance every CALLS_PER_INSTANCE calls, and on any failure.
 */
const CALLS_PER_INSTANCE = 400;

/**
 * One mvdan/sh instance for many blocks, called synchronously. Written by hand around the
 * library's wasm (its exports `wasmAlloc`, `wasmFree`, `process`, called as its own
 * lib/processor.js calls them) because the library's processor compiles and starts a new Go
 * instance for every call: ~4 ms and a fresh wasm memory each (1.4 s of CPU and as much garbage
 * collection for the corpus's 369 blocks), against ~0.5 ms here.
 */
function load(): (text: string) => Answer {
	if (parser) return parser;
	const require = createRequire(import.meta.url);
	// Loads Go's wasm_exec (globalThis.Go) and the library's shims; its LangVariant values too.
	const sh = require('sh-syntax') as { LangVariant: { LangBash: number } };
	const wasm = new WebAssembly.Module(readFileSync(fileURLToPath(import.meta.resolve('sh-syntax/main.wasm'))));
	const Go = (globalThis as unknown as { Go: new () => { importObject: WebAssembly.Imports; run(instance: WebAssembly.Instance): Promise<void> } }).Go;
	type Exports = { memory: WebAssembly.Memory; wasmAlloc(size: number): number; wasmFree(pointer: number): void; process(...args: (number | boolean)[]): number };
	let exports: Exports | undefined;
	let calls = 0;
	const fresh = (): Exports => {
		const go = new Go();
		const instance = new WebAssembly.Instance(wasm, go.importObject);
		void go.run(instance);
		calls = 0;
		return instance.exports as unknown as Exports;
	};
	const encoder = new TextEncoder();
	const decoder = new TextDecoder();
	const once = (text: string): Answer => {
		if (!exports || calls++ >= CALLS_PER_INSTANCE) exports = fresh();
		const { memory, wasmAlloc, wasmFree, process: run } = exports;
		const put = (bytes: Uint8Array) => {
			const pointer = wasmAlloc(bytes.byteLength);
			new Uint8Array(memory.buffer).set(bytes, pointer);
			return pointer;
		};
		const name = encoder.encode('');
		const body = encoder.encode(text);
		const stop = encoder.encode('');
		const [p1, p2, p3] = [put(name), put(body), put(stop)];
		// filepath, text, print=false, keepComments=true, variant, stopAt, recoverErrors=0, then the printer's options (unused when not printing).
		const result = run(p1, name.byteLength, name.byteLength, p2, body.byteLength, body.byteLength, false, true, sh.LangVariant.LangBash, p3, stop.byteLength, stop.byteLength, 0, false, 2, true, true, true, false, false, false, false);
		wasmFree(p1);
		wasmFree(p2);
		wasmFree(p3);
		const out = new Uint8Array(memory.buffer).subarray(result);
		return JSON.parse(decoder.decode(out.subarray(0, out.indexOf(0)))) as Answer;
	};
	parser = (text) => {
		try {
			return once(text);
		} catch {
			exports = undefined;
			return once(text);
		}
	};
	return parser;
}

export function parseShell(text: string): ShellParse {
	const answer = load()(text);
	const lines = text.split('\n');
	const at = (pos: GoPos) => ({ line: Math.max(pos.Line, 1), column: charColumn(lines[Math.max(pos.Line, 1) - 1] ?? '', Math.max(pos.Col, 1)) });
	if (answer.parseError || answer.message || !answer.file) {
		const pos = answer.parseError?.Pos ?? { Line: 1, Col: 1 };
		return { ok: false, ...at(pos), message: answer.parseError?.Text ?? answer.message ?? 'unreadable answer from sh-syntax' };
	}
	return { ok: true, statements: answer.file.Stmts.map((s) => ({ start: at(s.Pos), end: at(s.End) })) };
}

/**
 * The command lines of a console transcript (`$ cmd`, and the lines a trailing `\` continues), at
 * their places; output lines become empty lines and the prompt spaces, so lines and columns stay.
 */
export function consoleCommands(text: string): string {
	let continued = false;
	return text
		.split('\n')
		.map((line) => {
			const prompt = /^(\s*)\$ /.exec(line);
			if (prompt || continued) {
				const command = prompt ? `${prompt[1]}  ${line.slice(prompt[0].length)}` : line;
				continued = /\\$/.test(line);
				return command;
			}
			return '';
		})
		.join('\n');
}

let warnedMissing = false;

/**
 * Checks a page's shell blocks (placeholders already substituted): parse errors at once, shellcheck's
 * findings when its batch has run (the returned promise).
 */
export function verifyShell(blocks: { fence: CodeFence; text: string }[], report: Report, onParsed?: (parsed: { fence: CodeFence; text: string }[]) => void): Promise<void> {
	const script: string[] = [];
	const starts: { fence: CodeFence; from: number; lines: number }[] = [];
	for (const { fence, text } of blocks) {
		const parse = parseShell(text);
		if (!parse.ok) {
			report('code-bash', 'error', fence.at(parse.line, parse.column), `Unexpected shell syntax: ${parse.message} (sh-syntax, Bash mode)`);
			continue;
		}
		const lines = text.split('\n');
		starts.push({ fence, from: script.length + 1, lines: lines.length });
		script.push(...lines);
	}
	// The blocks that parse, for the checks that read command lines (./cli-page.ts, ./danger.ts).
	onParsed?.(blocks.filter(({ fence }) => starts.some((s) => s.fence === fence)));
	if (!starts.length) return Promise.resolve();
	if (!shellcheckPath()) {
		if (!warnedMissing) {
			warnedMissing = true;
			report('code-shellcheck', 'warning', starts[0]!.fence.infoAt(), 'Unexpected missing shellcheck, expected it installed to check shell blocks (`apt-get install shellcheck`); only their syntax was checked in this run');
		}
		return Promise.resolve();
	}
	return new Promise<void>((resolve) =>
		shellcheck(script.join('\n'), (comments: ShellcheckComment[], failure?: string) => {
			if (failure) report('code-shellcheck', 'warning', starts[0]!.fence.infoAt(), `Unexpected failure running shellcheck (${failure}), expected it to check this page's shell blocks`);
			for (const c of comments) {
				const block = starts.findLast((s) => s.from <= c.line);
				if (!block) continue;
				const line = Math.min(c.line - block.from + 1, block.lines);
				report('code-shellcheck', 'error', block.fence.at(line, c.column), `${c.message} (shellcheck SC${c.code}, https://www.shellcheck.net/wiki/SC${c.code})`);
			}
			resolve();
		}),
	);
}
