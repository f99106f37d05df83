/**
 * `npm run mcp [-- --dist <folder>]`: the NeoTool docs as a Model Context Protocol server on stdio,
 * reading a built site (dist/ by default). stdout carries the protocol only; logs go to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DistError, loadBuiltDocs } from '../src/lib/agents/dist.ts';
import { createDocsServer } from './mcp/server.ts';

const root = resolve(import.meta.dirname, '..');
let args;
try {
	args = parseArgs({ options: { dist: { type: 'string', default: resolve(root, 'dist') }, help: { type: 'boolean', default: false } } }).values;
} catch (error) {
	console.error(`mcp: ${(error as Error).message}; usage: npm run mcp [-- --dist <built site folder>]`);
	process.exit(2);
}
if (args.help) {
	console.error('usage: npm run mcp [-- --dist <built site folder>]  (serves MCP on stdio; tools: search_docs, get_doc, list_docs, related_docs)');
	process.exit(0);
}

try {
	const built = loadBuiltDocs(resolve(args.dist!));
	const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
	const server = createDocsServer(built, version);
	await server.connect(new StdioServerTransport());
	console.error(`mcp: serving ${built.index.counts.docs} docs, ${built.index.counts.chunks} sections from ${args.dist} (generated ${built.index.generatedAt}) on stdio`);
} catch (error) {
	if (!(error instanceof DistError)) throw error;
	console.error(`mcp: ${error.message}`);
	process.exit(1);
}
