/**
 * `npm run mcp`: the NeoTool docs as a Model Context Protocol server.
 *   stdio (default): stdout carries the protocol only; logs go to stderr.
 *   --http: Streamable HTTP on POST /mcp, stateless, 127.0.0.1:3333 unless --host/--port say otherwise.
 * It reads a built site (dist/ by default, or --dist) or a published one (--site https://…).
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DistError, loadBuiltDocs } from '../src/lib/agents/dist.ts';
import { loadPublishedDocs } from '../src/lib/agents/published.ts';
import { isLoopback, startHttpServer } from './mcp/http.ts';
import { createDocsServer, prepareDocs } from './mcp/server.ts';

const USAGE = 'usage: npm run mcp [-- [--dist <built site folder> | --site <https://published site>] [--http [--port 3333] [--host 127.0.0.1] [--token <bearer token>] [--allowed-host <name>]… [--allowed-origin <origin>]… [--request-timeout 30000]]]';
const root = resolve(import.meta.dirname, '..');
let args;
try {
	args = parseArgs({
		options: {
			dist: { type: 'string' },
			site: { type: 'string' },
			http: { type: 'boolean', default: false },
			port: { type: 'string', default: '3333' },
			host: { type: 'string', default: '127.0.0.1' },
			token: { type: 'string' },
			'allowed-host': { type: 'string', multiple: true },
			'allowed-origin': { type: 'string', multiple: true },
			'request-timeout': { type: 'string', default: '30000' },
			help: { type: 'boolean', default: false },
		},
	}).values;
} catch (error) {
	console.error(`mcp: ${(error as Error).message}; ${USAGE}`);
	process.exit(2);
}
if (args.help) {
	console.error(`${USAGE}\n(tools: search_docs, get_doc, list_docs, related_docs; MCP_TOKEN in the environment stands for --token)`);
	process.exit(0);
}
const port = Number(args.port);
const requestTimeoutMs = Number(args['request-timeout']);
const problem =
	args.dist && args.site ? 'unexpected both --dist and --site, expected one source'
	: !Number.isInteger(port) || port < 0 || port > 65535 ? `unexpected --port \`${args.port}\`, expected a port number 0-65535`
	: !Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 100 ? `unexpected --request-timeout \`${args['request-timeout']}\`, expected milliseconds (at least 100)`
	: // Off loopback, an unchecked Host header is what DNS rebinding needs: the deployer names the hosts.
		args.http && !isLoopback(args.host!) && !args['allowed-host'] ? `unexpected --host ${args.host} without --allowed-host: off loopback, name the Host values clients use (DNS rebinding protection), e.g. --allowed-host docs-mcp.internal`
	: !args.http && (args.token || args['allowed-host'] || args['allowed-origin']) ? 'unexpected --token/--allowed-host/--allowed-origin without --http'
	: undefined;
if (problem) {
	console.error(`mcp: ${problem}; ${USAGE}`);
	process.exit(2);
}

try {
	const dist = resolve(args.dist ?? resolve(root, 'dist'));
	const built = args.site ? await loadPublishedDocs(args.site) : loadBuiltDocs(dist);
	const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
	const prepared = prepareDocs(built);
	const from = `${built.index.counts.docs} docs, ${built.index.counts.chunks} sections from ${args.site ?? dist} (generated ${built.index.generatedAt})`;
	if (args.http) {
		// A token in argv is visible in `ps`; a shared deployment passes it in the environment.
		const token = args.token ?? process.env.MCP_TOKEN;
		const running = await startHttpServer(() => createDocsServer(prepared, version), { host: args.host!, port, token: token || undefined, allowedHosts: args['allowed-host'], allowedOrigins: args['allowed-origin'], requestTimeoutMs });
		console.error(`mcp: serving ${from} on ${running.url}${token ? ' (bearer token required)' : ''}`);
		const stop = () => void running.close().then(() => process.exit(0));
		process.on('SIGTERM', stop);
		process.on('SIGINT', stop);
	} else {
		await createDocsServer(prepared, version).connect(new StdioServerTransport());
		console.error(`mcp: serving ${from} on stdio`);
	}
} catch (error) {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
		console.error(`mcp: cannot listen on ${args.host}:${port} (${code}); pick another --port or --host`);
		process.exit(1);
	}
	if (!(error instanceof DistError)) throw error;
	console.error(`mcp: ${error.message}`);
	process.exit(1);
}
