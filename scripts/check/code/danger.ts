/**
 * `code-danger`: a destructive command (./danger-registry.ts) in a shell block, or a destructive SQL
 * statement in an `sql` block or a `psql -c`, must
 *  (a) not run unconditionally after a command that can fail: joined to it with `&&`, or the block
 *      begins with `set -e` (`set -euo pipefail`); a `$(…)` before it counts, since an empty result
 *      of a failed lookup is exactly what turns `kubectl delete pod "$POD"` into a wrong delete;
 *  (b) sit in a step that carries a caution or danger aside: the list item holding the block (a
 *      `<Steps>` step), or the section between the headings around it (an aside that opens a
 *      procedure covers its steps).
 * A `shred`/`rm` whose every operand is a file this block wrote earlier (an output redirection,
 * `umask 077; … > "$f"; use "$f"; shred -u "$f"`) is cleanup of the block's own temporary, not
 * destruction: forcing `&&` there would leave a secret on disk when a step fails. Likewise a
 * `kubectl delete` of only objects the block `kubectl create`d itself (a write check's ConfigMap). (One in a
 * `trap '…' EXIT` is a quoted word, not a command, so it is never seen here.)
 * SQL statements are told by PostgreSQL's parser (libpg-query), loaded only for a page whose SQL
 * mentions DROP or TRUNCATE.
 */
import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { Report } from '../types.ts';
import { commandName } from './cli.ts';
import { simpleCommands, type SimpleCommand, type Word } from './commands.ts';
import { DANGEROUS, DANGEROUS_SQL, type Dangerous } from './danger-registry.ts';
import type { CodeFence } from './fences.ts';

/** Commands that cannot fail in a way that matters before a destructive one. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', ':', 'export', 'set', 'local', 'readonly', 'declare', 'unset', 'sleep', 'date']);
const WRAPPERS = new Set(['sudo', 'env', 'time', 'nohup']);
/** Commands that, on files the block wrote itself, only clean up. */
const CLEANUP = new Set(['shred', 'rm']);

/** `kubectl create <kind> [generic|tls|…] <name>` → `namespace|kind|name`; `kubectl delete` of such keys (`kind name…` or `kind/name…`). */
function kubectlObjects(words: Word[]): { verb: string; keys: string[] } | undefined {
	if (!words[0] || commandName(words[0]) !== 'kubectl') return undefined;
	let namespace = '';
	const positional: string[] = [];
	for (let i = 1; i < words.length; i++) {
		const v = words[i]!.value;
		if (v === '-n' || v === '--namespace') namespace = words[++i]?.value ?? '';
		else if (v.startsWith('--namespace=')) namespace = v.slice('--namespace='.length);
		else if (flagTakesValue(v)) i++;
		else if (!v.startsWith('-')) positional.push(v);
	}
	const [verb, ...args] = positional;
	if (verb === 'create' && args.length >= 2) return { verb, keys: [`${namespace}|${args[0]}|${args[args.length - 1]}`] };
	if (verb !== 'delete' || !args.length) return undefined;
	if (args.every((a) => a.includes('/'))) return { verb, keys: args.map((a) => `${namespace}|${a.replace('/', '|')}`) };
	return { verb, keys: args.slice(1).map((name) => `${namespace}|${args[0]}|${name}`) };
}

/** Whether the command removes only files (or kubectl objects) the block wrote before it (`written`: their words as written, quotes removed). */
function cleansOwnFiles(words: Word[], written: Set<string>): boolean {
	const objects = kubectlObjects(words);
	if (objects?.verb === 'delete') return objects.keys.every((k) => written.has(k));
	if (!words[0] || !CLEANUP.has(commandName(words[0]))) return false;
	const operands = words.slice(1).filter((w) => !w.value.startsWith('-'));
	return operands.length > 0 && operands.every((w) => written.has(w.value));
}

/** The words of the command a wrapper runs (`sudo k3s …` → `k3s …`). */
export function unwrap(words: Word[]): Word[] {
	let i = 0;
	while (i < words.length && WRAPPERS.has(commandName(words[i]!))) {
		i++;
		while (i < words.length && (words[i]!.value.startsWith('-') || /^[A-Za-z_]\w*=/.test(words[i]!.value))) i++;
	}
	return words.slice(i);
}

function matches(entry: Dangerous, words: Word[]): boolean {
	if (!words.length || commandName(words[0]!) !== entry.cli) return false;
	const rest = words.slice(1).map((w) => w.value);
	const positional = rest.filter((v) => !v.startsWith('-'));
	if (entry.path && !entry.path.every((p, i) => positional.includes(p) && (i === 0 || positional.indexOf(p) > positional.indexOf(entry.path![i - 1]!)))) return false;
	// The path's first word is the first subcommand (`kubectl -n x delete`, not `kubectl get … delete`).
	if (entry.path && positional.find((v) => !/^[\w.-]+$/.test(v) || true) !== undefined) {
		const first = rest.find((v, i) => !v.startsWith('-') && !(i > 0 && /^-{1,2}[\w-]+$/.test(rest[i - 1]!) && !rest[i - 1]!.includes('=') && flagTakesValue(rest[i - 1]!)));
		if (first !== entry.path[0]) return false;
	}
	const has = (f: string) => rest.some((v) => v === f || v.startsWith(`${f}=`));
	if (entry.flags && !entry.flags.some(has)) return false;
	if (entry.all && !entry.all.every(has)) return false;
	return true;
}

/** Global flags of the registry's CLIs that take a value (so the word after them is not a subcommand). */
const flagTakesValue = (flag: string) => ['-n', '--namespace', '--context', '--kubeconfig', '-c', '--config', '--data-dir', '-d', '-C'].includes(flag);

/** The caution/danger asides of the step a block sits in. */
function stepHasAside(root: Root, fence: CodeFence): boolean {
	let found = false;
	visitParents(root, 'code', (node, ancestors) => {
		if (node.position?.start.line !== fence.line) return;
		const isAside = (n: Node) => n.type === 'containerDirective' && ['caution', 'danger'].includes((n as unknown as { name: string }).name);
		const contains = (n: Node): boolean => isAside(n) || ((n as Parent).children ?? []).some(contains);
		if (ancestors.some(isAside)) {
			found = true;
			return false;
		}
		const items = ancestors.filter((a) => a.type === 'listItem');
		const item = items.at(-1);
		// The step itself, or a step it is a sub-step of with the aside in its own text (not in a sibling sub-step).
		if ((item && contains(item)) || items.slice(0, -1).some((a) => (a as Parent).children.some((c) => c.type !== 'list' && contains(c)))) {
			found = true;
			return false;
		}
		// The section (the top-level nodes between the headings around the block): an aside there covers its steps;
		// one inside another step's list item covers that step only.
		const top = ancestors[1] ?? node;
		const index = root.children.indexOf(top as Root['children'][number]);
		let from = index;
		while (from > 0 && root.children[from]!.type !== 'heading') from--;
		let to = index + 1;
		while (to < root.children.length && root.children[to]!.type !== 'heading') to++;
		found = root.children.slice(from, to).some((n) => n.type !== 'list' && contains(n));
		return false;
	});
	return found;
}

export async function checkDanger(blocks: { fence: CodeFence; text: string }[], sqlFences: CodeFence[], root: Root, report: Report): Promise<void> {
	for (const { fence, text } of blocks) {
		const commands = simpleCommands(text);
		const strict = commands[0] && commands[0].words[0]?.value === 'set' && commands[0].words.slice(1).some((w) => /^-[a-z]*e/.test(w.value));
		let canFailBefore = false;
		/** The first line of a `$(…)` seen so far: one on an earlier line (`POD=$(…)`) came before; one in the command's own words runs as part of it. */
		let nestedLine = Infinity;
		let aside: boolean | undefined;
		const written = new Set<string>();
		for (const command of commands) {
			const words = unwrap(command.words);
			const entry = cleansOwnFiles(words, written) ? undefined : DANGEROUS.find((e) => matches(e, words));
			for (const w of command.writes ?? []) written.add(w.value);
			const created = kubectlObjects(words);
			if (created?.verb === 'create') created.keys.forEach((k) => written.add(k));
			const sql = entry ? undefined : await psqlDanger(words);
			const what = entry ? { name: [entry.cli, ...(entry.path ?? [])].join(' '), reason: entry.reason, at: words[0]! } : sql;
			if (what) {
				const before = canFailBefore || nestedLine < words[0]!.line;
				const guarded = strict || command.after === '&&' || command.after === '||' || command.conditional || !before;
				if (!guarded) report('code-danger', 'error', fence.at(what.at.line, what.at.column), `Unexpected \`${what.name}\` (${what.reason}) run even when a command before it in this block failed, expected it chained with \`&&\` or \`set -euo pipefail\` at the block's start`);
				aside ??= stepHasAside(root, fence);
				if (!aside) report('code-danger', 'error', fence.at(what.at.line, what.at.column), `Unexpected \`${what.name}\` (${what.reason}) in a step without a caution or danger aside, expected \`:::caution\` or \`:::danger\` in this step saying what it destroys`);
			}
			const name = words[0] ? commandName(words[0]) : '';
			if (command.nested) nestedLine = Math.min(nestedLine, command.words[0]?.line ?? Infinity);
			else if (name && !CANNOT_FAIL.has(name)) canFailBefore = true;
		}
	}
	for (const fence of sqlFences) {
		if (!/\b(drop|truncate)\b/i.test(fence.value)) continue;
		for (const s of await sqlStatements(fence.value)) {
			const reason = DANGEROUS_SQL[s.kind];
			if (!reason) continue;
			if (!stepHasAside(root, fence)) {
				const { line, column } = place(fence.value, s.offset);
				report('code-danger', 'error', fence.at(line, column), `Unexpected \`${s.keyword}\` (${reason}) in a step without a caution or danger aside, expected \`:::caution\` or \`:::danger\` in this step saying what it destroys`);
			}
		}
	}
}

function place(text: string, offset: number) {
	const before = text.slice(0, offset);
	return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

let pg: Promise<typeof import('libpg-query')> | undefined;

/** The statements of an SQL text: kind (libpg-query node type), offset, first keyword. */
async function sqlStatements(sql: string): Promise<{ kind: string; offset: number; keyword: string }[]> {
	pg ??= import('libpg-query').then(async (m) => {
		await m.loadModule();
		return m;
	});
	const lib = await pg;
	const text = sql.replace(/^[ \t]*\\.*$/gm, (line) => ' '.repeat(line.length));
	try {
		const tree = lib.parseSync(text) as { stmts: { stmt: Record<string, unknown>; stmt_location?: number }[] };
		return tree.stmts.map((s) => {
			const offset = s.stmt_location ?? 0;
			const start = offset + (/^\s*/.exec(text.slice(offset))?.[0].length ?? 0);
			return { kind: Object.keys(s.stmt)[0]!, offset: start, keyword: (/^drop\s+\w+/i.exec(text.slice(start)) ?? /^\w+/.exec(text.slice(start)))?.[0].replace(/\s+/, ' ').toUpperCase() ?? '' };
		});
	} catch {
		return []; // a syntax error is code-sql's finding
	}
}

/** A `psql -c "DROP …"`: the destructive statement, at the `-c` value. */
async function psqlDanger(words: Word[]): Promise<{ name: string; reason: string; at: Word } | undefined> {
	if (!words.length || commandName(words[0]!) !== 'psql') return undefined;
	for (let i = 1; i < words.length; i++) {
		const v = words[i]!.value;
		const value = /^-[A-Za-z]*c$/.test(v) || v === '--command' ? words[i + 1] : undefined;
		if (!value || !/\b(drop|truncate)\b/i.test(value.value)) continue;
		for (const s of await sqlStatements(value.value)) {
			if (DANGEROUS_SQL[s.kind]) return { name: s.keyword, reason: DANGEROUS_SQL[s.kind]!, at: value };
		}
	}
	return undefined;
}
