/**
 * `npm run bench:mcp [-- --dist <folder>] [--calls 1000]`: latency (p50/p99) and throughput of the docs
 * MCP server over stdio and over HTTP, with the load test's call mix (scripts/mcp/drive.ts), on a
 * built site. Prints a Markdown table for the README's agents section.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { DocsIndex } from '../schemas/docs-index.ts';
import { connectHttp, connectStdio, startMcpHttp } from './mcp/clients.ts';
import { drive, summarise, type DriveResult } from './mcp/drive.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { dist: { type: 'string', default: resolve(root, 'dist') }, calls: { type: 'string', default: '1000' } } });
const dist = resolve(values.dist!);
const calls = Number(values.calls);
let index: DocsIndex;
try {
	index = JSON.parse(readFileSync(resolve(dist, 'docs-index.json'), 'utf8')) as DocsIndex;
} catch {
	console.error(`bench:mcp: ${dist}/docs-index.json not found or unreadable: build the site first (\`npm run build\`), or pass --dist <folder>`);
	process.exit(1);
}

const rows: string[] = [];
const record = (transport: string, shape: string, result: DriveResult) => {
	if (result.errors.length) throw new Error(`${transport}: ${result.errors.length} errors, first: ${result.errors[0]}`);
	const s = summarise(result);
	rows.push(`| ${transport} | ${shape} | ${s.calls} | ${s.p50} | ${s.p99} | ${s.callsPerSecond} |`);
	console.error(`bench:mcp: ${transport}, ${shape}: p50 ${s.p50} ms, p99 ${s.p99} ms, ${s.callsPerSecond} calls/s`);
};

// Warm-up calls are not counted: the first calls pay for JIT compilation, as after any restart.
const warm = async (connect: () => Promise<Client>) => void (await drive(connect, index, 1, 50, undefined, { close: false }));

// stdio is one client per server process.
const stdio = await connectStdio(dist);
const shared = async () => stdio;
await warm(shared);
record('stdio', '1 client, one call at a time', await drive(shared, index, 1, calls));

const http = await startMcpHttp(['--dist', dist]);
try {
	await warm(() => connectHttp(http.url));
	record('HTTP', '1 client, one call at a time', await drive(() => connectHttp(http.url), index, 1, calls));
	record('HTTP', '50 clients at once', await drive(() => connectHttp(http.url), index, 50, Math.max(1, Math.round(calls / 50))));
} finally {
	await http.stop();
}

// Figures from a busy machine mean little without how busy it was.
console.log(`${index.counts.docs} docs, ${index.counts.chunks} sections; node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| Transport | Clients | Calls | p50 (ms) | p99 (ms) | Calls/s |\n| --- | --- | ---: | ---: | ---: | ---: |');
console.log(rows.join('\n'));
// Warm-up clients and fetch's keep-alive sockets would hold the process open for a while.
process.exit(0);
