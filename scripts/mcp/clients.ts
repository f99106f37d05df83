/**
 * Ways to reach the docs MCP server as a client does, for the tests and `npm run bench:mcp`: the real
 * CLI as a child process (HTTP or stdio) and the SDK's client transports.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface McpProcess {
	/** The MCP endpoint, e.g. http://127.0.0.1:41234/mcp. */
	url: string;
	child: ChildProcess;
	stderr: () => string;
	stop: () => Promise<void>;
}

/** `npm run mcp -- --http --port 0 …` as a child process, resolved once it says where it listens. */
export function startMcpHttp(args: string[], env: Record<string, string> = {}): Promise<McpProcess> {
	const child = spawn(process.execPath, [join(ROOT, 'scripts/mcp.ts'), '--http', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`mcp --http did not start in 30 s: ${stderr}`)), 30_000);
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			const url = / on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1];
			if (url) {
				clearTimeout(timer);
				resolve({ url, child, stderr: () => stderr, stop });
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`mcp --http exited ${code}: ${stderr}`));
		});
	});
}

export async function connectHttp(url: string, headers: Record<string, string> = {}): Promise<Client> {
	const client = new Client({ name: 'mcp-test', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
	return client;
}

export async function connectStdio(dist: string, onStderr: (text: string) => void = () => {}): Promise<Client> {
	const transport = new StdioClientTransport({ command: process.execPath, args: [join(ROOT, 'scripts/mcp.ts'), '--dist', dist], cwd: ROOT, stderr: 'pipe' });
	transport.stderr!.on('data', (chunk: Buffer) => onStderr(chunk.toString()));
	const client = new Client({ name: 'mcp-test', version: '1.0.0' });
	await client.connect(transport);
	return client;
}
