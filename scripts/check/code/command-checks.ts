/**
 * The checks that read a page's command lines (issue 22), run after the shell parser accepted the
 * blocks: `code-cli` (./cli-page.ts), `code-danger` (./danger.ts),
 * `code-rollout-restart-field-manager` (./rollout-restart.ts). Its own module so the page checker loads the specs' code only
 * on the first page with shell.
 */
import type { Root } from 'mdast';
import type { Report } from '../types.ts';
import { checkCommandLines } from './cli-page.ts';
import { checkDanger } from './danger.ts';
import { checkRolloutRestart } from './rollout-restart.ts';
import { collectFences, type CodeFence } from './fences.ts';
import { VERIFIED } from './languages.ts';
import { commandName } from './cli.ts';
import { simpleCommands } from './commands.ts';
import { markSqlServerUsed } from './index.ts';

/** The SQL of `psql -c "…"` / `-Atc "…"` / `--command=…`, against the server like an `sql` block (./sql-pg.ts). */
async function checkPsqlCommands(blocks: { fence: CodeFence; text: string }[], report: Report): Promise<void> {
	if (!blocks.some(({ text }) => text.includes('psql'))) return;
	const { verifySqlWithServer } = await import('./sql-pg.ts');
	markSqlServerUsed();
	for (const { fence, text } of blocks) {
		for (const command of simpleCommands(text)) {
			const words = command.words;
			const at = words.findIndex((w) => commandName(w) === 'psql');
			if (at === -1) continue;
			// PgBouncer's admin console (`dbname=pgbouncer`, `-d pgbouncer`) speaks its own commands (SHOW POOLS), not PostgreSQL's SQL.
			if (words.slice(at + 1).some((w) => /(^|\s)dbname=pgbouncer(\s|$)/.test(w.value) || w.value === 'pgbouncer' || w.value === '--dbname=pgbouncer' || /^postgres(ql)?:\/\/[^ ]*\/pgbouncer(\?|$)/.test(w.value))) continue;
			for (let i = at + 1; i < words.length; i++) {
				const v = words[i]!.value;
				const inline = v.startsWith('--command=') ? v.slice('--command='.length) : undefined;
				const value = inline ?? (/^-[A-Za-z]*c$/.test(v) || v === '--command' ? words[i + 1]?.value : undefined);
				if (value === undefined || words[i + (inline ? 0 : 1)]!.dynamic && /\$/.test(value.replace(/\$\d/g, ''))) continue;
				const word = words[i + (inline ? 0 : 1)]!;
				// The SQL's first character is after the word's opening quote (or `--command=`).
				const lead = inline ? '--command='.length : /^["']/.test(word.raw) ? 1 : 0;
				const place = (line: number, column: number) => (line === 1 ? fence.at(word.line, word.column + lead + column - 1) : fence.at(word.line + line - 1, column));
				await verifySqlWithServer(value, [...text.matchAll(/_[A-Z][A-Z0-9_]*_/g)].map((m) => m[0]), place, report);
			}
		}
	}
}

export async function checkCommandLinesAndDanger(blocks: { fence: CodeFence; text: string }[], root: Root, source: string, report: Report): Promise<void> {
	await checkCommandLines(blocks, report);
	await checkRolloutRestart(blocks, report);
	await checkPsqlCommands(blocks, report);
	const sql = /\b(drop|truncate)\b/i.test(source) ? collectFences(root, source).filter((f) => VERIFIED[f.lang] === 'sql') : [];
	await checkDanger(blocks, sql, root, report);
}
