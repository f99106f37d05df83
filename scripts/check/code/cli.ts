/**
 * `code-cli`: every command of a shell block checked against its CLI's command tree, a Fig
 * completion spec (`@withfig/autocomplete`, or one of ./cli-specs/ for the CLIs it lacks, with the
 * project's documented patches in ./cli-specs/overlays.ts). An unknown subcommand or flag is an
 * error with the closest known name; a flag that needs a value and has none is an error. A command
 * with no spec is reported once per page (`code-cli-unverified`, warning level: the check has no
 * info level) and never passed silently.
 *
 * The walk follows Fig's own reading of a command line: options of the current command and the
 * persistent ones of its parents, `--flag=value` and `--flag value`, POSIX short-flag clusters
 * (`-xzf`) unless the spec says its flags are not POSIX, subcommands until the first positional
 * argument, and an argument marked `isCommand` (sudo, `kubectl exec … --`, xargs) as a command of
 * its own.
 */
import { closest } from '../../../schemas/suggest.ts';
import type { SimpleCommand, Word } from './commands.ts';
import { loadSpec, SHELL_BUILTINS, type Option, type Spec, type Subcommand } from './cli-specs/index.ts';

export interface CliFinding {
	line: number;
	column: number;
	message: string;
}

const names = (x: { name: string | string[] }) => (Array.isArray(x.name) ? x.name : [x.name]);
const argsOf = (x: { args?: unknown }) => (x.args === undefined ? [] : Array.isArray(x.args) ? (x.args as Arg[]) : [x.args as Arg]);

interface Arg {
	isOptional?: boolean;
	isCommand?: boolean;
	isVariadic?: boolean;
	name?: string;
	loadSpec?: unknown;
}

/** Whether an option needs a value (an argument that is not optional). */
const needsValue = (o: Option) => argsOf(o).some((a) => !a.isOptional);
const takesValue = (o: Option) => argsOf(o).length > 0;

/** The command's name as typed (a path is its basename: `./bin/kafka-topics.sh` → `kafka-topics.sh`). */
export const commandName = (word: Word) => word.value.replace(/^.*\//, '');

export interface CheckedCommand {
	/** The CLI looked up (null for a shell builtin or a word only known when run). */
	cli: string | null;
	verified: boolean;
}

/**
 * Checks one simple command; `report` gets its findings. Returns what was checked, so the caller can
 * count verified lines and report unverified CLIs once per page.
 */
export async function checkCommand(command: SimpleCommand, findings: CliFinding[]): Promise<CheckedCommand[]> {
	return walkFrom(command.words, 0, findings);
}

async function walkFrom(words: Word[], index: number, findings: CliFinding[]): Promise<CheckedCommand[]> {
	const first = words[index];
	if (!first) return [];
	if (first.dynamic) return [{ cli: null, verified: false }];
	const name = commandName(first);
	if (SHELL_BUILTINS.has(name)) return [{ cli: null, verified: true }];
	const spec = await loadSpec(name);
	if (!spec) return [{ cli: name, verified: false }];
	const result: CheckedCommand[] = [{ cli: name, verified: true }];
	const chain: Subcommand[] = [spec];
	let current: Subcommand = spec;
	let positional = false;
	let count = 0;
	/** The next argument is a command of its own (Fig `isCommand`); flags before it are still this command's. */
	let commandNext = false;
	const strictOrder = () => chain.some((c) => (c as { parserDirectives?: { optionsMustPrecedeArguments?: boolean } }).parserDirectives?.optionsMustPrecedeArguments);
	const posix = () => !chain.some((c) => (c as { parserDirectives?: { flagsArePosixNoncompliant?: boolean } }).parserDirectives?.flagsArePosixNoncompliant);
	const path = () => [name, ...chain.slice(1).map((c) => names(c)[0])].join(' ');
	const options = () => {
		const own = current.options ?? [];
		const inherited = chain.slice(0, -1).flatMap((c) => (c.options ?? []).filter((o) => o.isPersistent));
		return [...own, ...inherited];
	};
	const find = (flag: string) => options().find((o) => names(o).includes(flag));
	for (let i = index + 1; i < words.length; i++) {
		const word = words[i]!;
		const v = word.value;
		if (v === '--') {
			// Everything after `--` is arguments; a command argument (kubectl exec … -- psql) is a command.
			if (argsOf(current).some((a) => a.isCommand)) result.push(...(await walkFrom(words, i + 1, findings)));
			break;
		}
		if (commandNext && !v.startsWith('-')) {
			// The argument that is a command (`docker compose exec SERVICE kafka-topics.sh …`).
			result.push(...(await walkFrom(words, i, findings)));
			break;
		}
		if (positional && strictOrder()) {
			// After the first argument every word is an argument (`docker run IMAGE --config.file=…` is the image's).
			if (argsOf(current)[count]?.isCommand && !word.dynamic) result.push(...(await walkFrom(words, i, findings)));
			break;
		}
		if (word.dynamic && !v.startsWith('-')) {
			positional = true;
			count++;
			commandNext = argsOf(current)[count]?.isCommand === true;
			continue;
		}
		if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v)) {
			const eq = v.indexOf('=');
			const flag = eq > 0 ? v.slice(0, eq) : v;
			let option = find(flag);
			let attached = eq > 0;
			if (!option && !v.startsWith('--') && posix() && v.length > 2) {
				// A cluster of short flags (`-xzf`), or a short flag with its value glued (`-n5`).
				const head = find(v.slice(0, 2));
				if (head && takesValue(head)) {
					option = head;
					attached = true;
				} else if (head) {
					let ok = true;
					for (let k = 1; k < v.length; k++) {
						const o = find(`-${v[k]}`);
						if (!o) {
							ok = false;
							break;
						}
						if (takesValue(o)) {
							if (k === v.length - 1 && needsValue(o)) i = consume(words, i, o, v.slice(0, 1) + v[k], path(), findings);
							break;
						}
					}
					if (ok) continue;
				}
			}
			if (!option) {
				const known = options().flatMap(names);
				const hint = closest(flag, known);
				findings.push({ line: word.line, column: word.column, message: `Unexpected flag \`${flag}\` for \`${path()}\`, expected a flag of that command${hint ? ` (did you mean \`${hint}\`?)` : ''}` });
				continue;
			}
			if (!attached && needsValue(option)) i = consume(words, i, option, flag, path(), findings);
			continue;
		}
		if (!positional) {
			const sub = (current.subcommands ?? []).find((s) => names(s).includes(v));
			if (sub) {
				const loaded = await resolveSubcommand(sub);
				if (!loaded) {
					// A subcommand that is another CLI (`k3s crictl`) with no spec of its own.
					result[0] = { cli: `${path()} ${v}`, verified: false };
					break;
				}
				chain.push(loaded);
				current = loaded;
				continue;
			}
			const args = argsOf(current);
			if (current.subcommands?.length && !args.length) {
				const hint = closest(v, current.subcommands.flatMap(names));
				findings.push({ line: word.line, column: word.column, message: `Unexpected subcommand \`${v}\` for \`${path()}\`, expected one of its subcommands${hint ? ` (did you mean \`${hint}\`?)` : ''}` });
				break;
			}
			if (args[0]?.isCommand) {
				result.push(...(await walkFrom(words, i, findings)));
				break;
			}
		}
		// The first positional ends subcommands; one whose argument is a command (`docker compose exec SERVICE cmd…`) ends this command's flags.
		positional = true;
		count++;
		commandNext = argsOf(current)[count]?.isCommand === true;
	}
	return result;
}

/** Moves past a flag's value; reports a flag left without one. Returns the index of the value. */
function consume(words: Word[], i: number, option: Option, flag: string, path: string, findings: CliFinding[]): number {
	const next = words[i + 1];
	if (!next || (next.value.startsWith('-') && next.value.length > 1 && !next.dynamic && !/^-\d/.test(next.value))) {
		const word = words[i]!;
		const arg = argsOf(option)[0]?.name;
		findings.push({ line: word.line, column: word.column, message: `Unexpected flag \`${flag}\` for \`${path}\` without a value, expected \`${flag} <${arg ?? 'value'}>\`` });
		return i;
	}
	return i + 1;
}

/** A subcommand whose tree is another spec file (`docker compose` → `docker-compose`); null when that spec does not exist. */
async function resolveSubcommand(sub: Subcommand): Promise<Subcommand | null> {
	const ref = (sub as { loadSpec?: unknown }).loadSpec;
	if (typeof ref === 'string' && !sub.subcommands) {
		const loaded = await loadSpec(ref);
		return loaded ? { ...loaded, name: sub.name } : null;
	}
	return sub;
}
