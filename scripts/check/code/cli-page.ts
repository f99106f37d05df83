/**
 * A page's command lines: every simple command of its shell blocks (./commands.ts) checked against
 * its CLI's spec (./cli.ts, `code-cli`); the CLIs with no spec reported once per page
 * (`code-cli-unverified`, info level). A shell function the page defines on one line around one
 * command ending in `"$@"`/`"${@:2}"` (`kafka() { kubectl … exec … -- "/opt/kafka/bin/$1" … "${@:2}"; }`)
 * is expanded at each call, so `kafka kafka-topics.sh --describe` is checked as the command it runs.
 */
import type { Report } from '../types.ts';
import { checkCommand, type CliFinding } from './cli.ts';
import { simpleCommands, type SimpleCommand, type Word } from './commands.ts';
import type { CodeFence } from './fences.ts';

const DEFINITION = /^[ \t]*(?:function[ \t]+)?([A-Za-z_][\w-]*)[ \t]*\(\)[ \t]*\{(.*);[ \t]*\}[ \t]*$/gm;

/** Counts across a run, for the README's verified share. */
export const cliTotals = { commands: 0, verified: 0 };

/** The call's words in place of `$1`, `$@`, `${@:N}` in the function's body. */
function expand(body: Word[], call: Word[]): Word[] {
	const out: Word[] = [];
	for (const w of body) {
		const all = /^\$\{?@\}?$/.exec(w.value) ? 1 : Number(/^\$\{@:(\d+)\}$/.exec(w.value)?.[1] ?? 0);
		if (all) out.push(...call.slice(all));
		else if (/\$1\b|\$\{1\}/.test(w.value) && call[1]) out.push({ ...call[1], value: w.value.replace(/\$\{?1\}?/, call[1].value) });
		else out.push(w);
	}
	return out;
}

export async function checkCommandLines(blocks: { fence: CodeFence; text: string }[], report: Report): Promise<void> {
	const functions = new Map<string, Word[]>();
	for (const { text } of blocks) {
		for (const m of text.matchAll(DEFINITION)) {
			const [command] = simpleCommands(m[2]!);
			if (command && /"\$(\{@(:\d+)?\}|@)"/.test(m[2]!)) functions.set(m[1]!, command.words);
		}
	}
	const unverified = new Map<string, { fence: CodeFence; word: Word }>();
	for (const { fence, text } of blocks) {
		for (const command of simpleCommands(text)) {
			const body = functions.get(command.words[0]!.value);
			const checked: SimpleCommand = body ? { ...command, words: expand(body, command.words) } : command;
			if (body && text.includes(`${command.words[0]!.value}()`)) continue; // the definition itself
			const findings: CliFinding[] = [];
			for (const result of await checkCommand(checked, findings)) {
				if (result.cli === null && result.verified) continue;
				cliTotals.commands++;
				if (result.verified) cliTotals.verified++;
				else if (result.cli && !unverified.has(result.cli)) unverified.set(result.cli, { fence, word: command.words[0]! });
			}
			for (const f of findings) report('code-cli', 'error', fence.at(f.line, f.column), f.message);
		}
	}
	for (const [cli, { fence, word }] of unverified) {
		report('code-cli-unverified', 'info', fence.at(word.line, word.column), `Unverified command \`${cli}\`: no CLI spec for it, expected one in scripts/check/code/cli-specs/ (its flags were not checked)`);
	}
}
