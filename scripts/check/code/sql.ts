/**
 * `sql` blocks, parsed by PostgreSQL's own parser (libpg-query: the server's grammar compiled to
 * wasm, major 18 as in facts). psql meta-commands (`\dt`, `\c db`, `\x`) are psql's, not SQL: their
 * lines are blanked before parsing, so positions stay those of the block. A syntax error is
 * `code-sql`, with PostgreSQL's message at the character it names.
 */
import type { Report } from '../types.ts';
import { lineColumn, type CodeFence } from './fences.ts';

let module: Promise<typeof import('libpg-query')> | undefined;
const load = () =>
	(module ??= import('libpg-query').then(async (pg) => {
		await pg.loadModule();
		return pg;
	}));

export async function verifySql(fence: CodeFence, text: string, report: Report): Promise<void> {
	const pg = await load();
	const sql = text.replace(/^[ \t]*\\.*$/gm, (line) => ' '.repeat(line.length));
	if (!sql.trim()) return;
	try {
		pg.parseSync(sql);
	} catch (error) {
		const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
		// libpg-query's cursor is a 0-based character offset into the statement text.
		const { line, column } = lineColumn(sql, Math.max(details?.cursorPosition ?? 0, 0));
		report('code-sql', 'error', fence.at(line, column), `Unexpected SQL: ${(error as Error).message} (PostgreSQL 18 parser, libpg-query)`);
	}
}
