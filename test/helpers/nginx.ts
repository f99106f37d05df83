/**
 * Debian's nginx running the production config (deploy/nginx/) against built sites, on loopback:
 * one process, one server block per site. Only what ties the config to a container is changed:
 * the web root (the build's output), the listen address (127.0.0.1 and a free port), and the paths
 * under /tmp (pid, temp files) moved into this run's own folder under test/.tmp. As root, nginx is
 * started as `nobody`, as production runs it unprivileged; never as a daemon, never the system service.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, TMP } from './paths.ts';

export const NGINX = '/usr/sbin/nginx';
const DEPLOY = join(ROOT, 'deploy/nginx');
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so';
export const hasBrotli = () => existsSync(BROTLI_MODULE);

export interface NginxSites<Name extends string> {
	url: Record<Name, string>;
	stop: () => Promise<void>;
	/** What nginx wrote to stderr (warnings and errors). */
	log: () => string;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

const replaceOnce = (text: string, from: string, to: string) => {
	if (!text.includes(from)) throw new Error(`deploy/nginx: expected \`${from}\` in the config (test/helpers/nginx.ts rewrites it)`);
	return text.split(from).join(to);
};

export async function startNginx<Name extends string>(sites: Record<Name, string>): Promise<NginxSites<Name>> {
	mkdirSync(TMP, { recursive: true });
	const prefix = mkdtempSync(join(TMP, 'nginx-'));
	// mkdtemp makes it private; nginx (as nobody) reads its config from it.
	chmodSync(prefix, 0o755);
	const run = join(prefix, 'run');
	mkdirSync(run);
	// Debian's module snippets load `modules/…so` relative to the prefix, which is ours here.
	symlinkSync('/usr/lib/nginx/modules', join(prefix, 'modules'));
	const url = {} as Record<Name, string>;
	const includes: string[] = [];
	const server = readFileSync(join(DEPLOY, 'docs.conf'), 'utf8');
	for (const [name, dist] of Object.entries(sites) as [Name, string][]) {
		const port = await freePort();
		url[name] = `http://127.0.0.1:${port}`;
		const conf = join(prefix, `${name}.conf`);
		writeFileSync(conf, replaceOnce(replaceOnce(server, 'listen 8080;', `listen 127.0.0.1:${port};`), '/usr/share/nginx/html', dist));
		includes.push(`include ${conf};`);
	}
	let main = readFileSync(join(DEPLOY, 'nginx.conf'), 'utf8');
	main = replaceOnce(main, 'include /etc/nginx/docs/docs.conf;', includes.join('\n\t'));
	main = replaceOnce(main, '/etc/nginx/docs/brotli.conf*', `${prefix}/brotli.conf*`);
	main = main.replace(/(^\s*(?:pid|\w+_temp_path)\s+)\/tmp\//gm, `$1${run}/`);
	if (hasBrotli()) copyFileSync(join(DEPLOY, 'brotli.conf'), join(prefix, 'brotli.conf'));
	writeFileSync(join(prefix, 'nginx.conf'), main);

	// As root: nginx as `nobody`, when nobody can read the sites (a checkout under a private home
	// folder cannot be); else as root with root workers, on loopback, for this test only.
	const nobody = { uid: 65534, gid: 65534 };
	const root = process.getuid?.() === 0;
	const nobodyReads = root && Object.values<string>(sites).every((dist) => spawnSync('/usr/bin/test', ['-r', join(dist, 'index.html')], nobody).status === 0);
	const asNobody = nobodyReads ? nobody : {};
	if (nobodyReads) chownSync(run, nobody.uid, nobody.gid);
	let stderr = '';
	const child: ChildProcess = spawn(NGINX, ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', root && !nobodyReads ? 'daemon off; user root;' : 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'], ...asNobody });
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// Never left behind by a test process that dies before its afterAll.
	const reap = () => child.exitCode === null && child.kill('SIGKILL');
	process.once('exit', reap);

	const deadline = Date.now() + 15_000;
	const first = Object.values<string>(url)[0]!;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}) before serving:\n${stderr}`);
		try {
			if ((await fetch(`${first}/healthz`)).ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`nginx did not answer on ${first} within 15 s:\n${stderr}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url,
		log: () => stderr,
		stop: async () => {
			if (child.exitCode === null) {
				child.kill('SIGQUIT');
				const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
				await exited;
				clearTimeout(timer);
			}
			process.removeListener('exit', reap);
			rmSync(prefix, { recursive: true, force: true });
		},
	};
}
