/**
 * The code stage of the authors' check: every fenced block is checked by its own language's parser
 * (see ./languages.ts for which, and one module per language beside this file), after its
 * placeholders are substituted (./placeholders.ts); every finding is placed at the offending
 * character of the page (./fences.ts).
 *
 * The parsers are wasm or large schema sets, loaded once on the first page that needs them, on a
 * thread of their own (./thread.ts), and asynchronous; the shell parser runs here and shellcheck as
 * batched child processes. So `checkCode` only starts the work of a page, and its findings are
 * added to the page's problems as they come; whoever runs pages must `await settleCode()` before
 * using their problems (../run.ts and ../worker.ts do).
 */
import type { Root } from 'mdast';
import type { Facts } from '../../../schemas/facts.ts';
import { checkImageTags } from '../rules/facts.ts';
import type { Report } from '../types.ts';
import { consoleCommands, verifyShell } from './bash.ts';
import { collectFences, lineColumn, type CodeFence } from './fences.ts';
import type { Position } from '../../../src/lib/position.ts';
import { UNVERIFIED_TEXT, unknownLanguage, VERIFIED } from './languages.ts';
import { substitutePlaceholders } from './placeholders.ts';
import { settleShellcheck } from './shellcheck.ts';
import { verifyElsewhere } from './thread.ts';

export { useCodeThread } from './thread.ts';

const pending = new Set<Promise<void>>();
/** Whether a PostgreSQL may have been started for this run (./sql-pg.ts), to stop it when the run settles. */
let sqlServerUsed = false;
export const markSqlServerUsed = () => {
	sqlServerUsed = true;
};

/** Whether a page can have anything for this stage to check: most have no fence at all. */
export const hasFences = (source: string) => source.includes('```') || source.includes('~~~');

/** Starts checking the page's blocks; findings go to `report`, possibly after this returns. */
export function checkCode(root: Root, source: string, facts: Facts, report: Report): void {
	const shell: { fence: CodeFence; text: string }[] = [];
	for (const fence of collectFences(root, source)) {
		const verifier = VERIFIED[fence.lang];
		if (verifier === 'mermaid') continue; // ../rules/mermaid.ts
		if (!verifier) {
			if (!UNVERIFIED_TEXT.has(fence.lang)) track(fence, report, unknownLanguage(fence.lang).then((message) => message && report('code-lang', 'error', fence.infoAt(), message)));
			checkImageTags(fence.value, facts, offsetIn(fence), report);
			continue;
		}
		const { text, words } = substitutePlaceholders(fence, fence.value, report);
		checkImageTags(text, facts, offsetIn(fence), report);
		if (verifier === 'bash' || verifier === 'console') shell.push({ fence, text: verifier === 'console' ? consoleCommands(text) : text });
		else {
			if (verifier === 'sql') {
				// Against a real PostgreSQL (issue 22), here: the server is this process's, started on the first SQL.
				sqlServerUsed = true;
				track(fence, report, import('./sql-pg.ts').then((m) => m.verifySqlWithServer(text, [...words], fence.at, report)));
			}
			// On the code thread: the block's places come back inside the block, and are placed in the page here.
			const found = verifyElsewhere(verifier, fence.lang, text, [...words], facts).then((problems) => {
				for (const p of problems) report(p.rule, p.severity, p.line === 0 ? fence.infoAt() : fence.at(p.line, p.column), p.message);
			});
			track(fence, report, found);
		}
	}
	// Synchronous up to queueing the page's script: shellcheck's batches run while the next pages are checked.
	if (shell.length) {
		try {
			let parsed: { fence: CodeFence; text: string }[] = [];
			track(shell[0]!.fence, report, verifyShell(shell, report, (blocks) => (parsed = blocks)));
			// Command lines against their CLIs' specs, destructive steps guarded (issue 22): loaded on the first page with shell.
			if (parsed.length) track(shell[0]!.fence, report, import('./command-checks.ts').then((m) => m.checkCommandLinesAndDanger(parsed, root, source, report)));
		} catch (error) {
			track(shell[0]!.fence, report, Promise.reject(error));
		}
	}
}

const offsetIn = (fence: CodeFence) => (offset: number) => {
	const { line, column } = lineColumn(fence.value, offset);
	return fence.at(line, column);
};

/**
 * Inline code that is a whole command (a table cell's fix): the restart rule's part of it
 * (./rollout-restart.ts), loaded only on a page that mentions `rollout restart`.
 */
export function checkInlineCommands(root: Root, source: string, report: Report): void {
	if (!/rollout\s+restart/.test(source)) return;
	trackAt({ line: 1, column: 1 }, "this page's inline commands", report, import('./rollout-restart.ts').then((m) => m.checkInlineRolloutRestart(root, source, report)));
}

/** A verifier that fails inside is one finding at its block, never a lost page or a crash. */
function track(fence: CodeFence, report: Report, work: Promise<unknown>): void {
	trackAt(fence.infoAt(), `this \`${fence.lang}\` block`, report, work);
}

/** Work the page's check waits for (settleCode); a failure inside is one `check-internal` finding at `at`, naming `what`. */
function trackAt(at: Position, what: string, report: Report, work: Promise<unknown>): void {
	const done = work
		.then(() => undefined)
		.catch((error: unknown) => {
			report('check-internal', 'error', at, `Unexpected failure checking ${what} (${String((error as Error)?.message ?? error).split('\n')[0]}), expected the check to finish; please report this with the file`);
		})
		.finally(() => pending.delete(done));
	pending.add(done);
}

/** Waits until every page's blocks started so far are checked. */
export async function settleCode(): Promise<void> {
	while (pending.size) await Promise.all([...pending]);
	await settleShellcheck();
	if (sqlServerUsed) await (await import('./sql-pg.ts')).settleSqlServer();
}
