import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/build.ts';
import { FIXTURE_DIST, ROOT, TMP } from '../helpers/paths.ts';

const SITE = 'https://docs.neotool.io';
let client: Client;
let stderr = '';

beforeAll(async () => {
	const transport = new StdioClientTransport({ command: process.execPath, args: [join(ROOT, 'scripts/mcp.ts'), '--dist', FIXTURE_DIST], cwd: ROOT, stderr: 'pipe' });
	transport.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	client = new Client({ name: 'mcp-test', version: '1.0.0' });
	await client.connect(transport);
});
afterAll(async () => {
	await client?.close();
});

const call = async (name: string, args: Record<string, unknown>) => {
	const result = await client.callTool({ name, arguments: args });
	return result as { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text: string }[] };
};

describe('MCP server over stdio (fixture build)', () => {
	it('lists the four read-only tools with input and output schemas, and logs only on stderr', async () => {
		const { tools } = await client.listTools();
		expect(tools.map((t) => t.name)).toEqual(['search_docs', 'get_doc', 'list_docs', 'related_docs']);
		for (const t of tools) {
			expect(t.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, destructiveHint: false });
			expect(t.outputSchema?.type).toBe('object');
		}
		const search = tools.find((t) => t.name === 'search_docs')!;
		expect(search.inputSchema.required).toEqual(['query']);
		expect(search.inputSchema.properties!.limit).toMatchObject({ maximum: 20 });
		const { generatedAt } = JSON.parse(readFileSync(join(FIXTURE_DIST, 'docs-index.json'), 'utf8')) as { generatedAt: string };
		expect(stderr).toBe(`mcp: serving 5 docs, 18 sections from ${FIXTURE_DIST} (generated ${generatedAt}) on stdio\n`);
	});

	it('search_docs returns ranked sections with URL and heading path, filters and pages', async () => {
		const result = await call('search_docs', { query: 'bounce pods', limit: 2 });
		const { hits, total } = result.structuredContent as { total: number; hits: { chunkId: string; url: string; headingPath: string[]; docId: string }[] };
		expect(hits[0]).toMatchObject({ docId: 'ops/restart-runbook', chunkId: 'ops/restart-runbook#expected-outcome', url: `${SITE}/ops/restart-runbook/#expected-outcome`, headingPath: ['Restart Runbook', 'Expected outcome'] });
		expect(hits).toHaveLength(2);
		expect(total).toBe(6);
		const page2 = (await call('search_docs', { query: 'bounce pods', limit: 2, offset: 2 })).structuredContent as { hits: { chunkId: string }[]; offset: number };
		expect(page2.offset).toBe(2);
		expect(page2.hits.map((h) => h.chunkId)).not.toContain(hits[0]!.chunkId);
		const filtered = (await call('search_docs', { query: 'restart', kind: 'guide' })).structuredContent as { hits: { docId: string }[] };
		expect(new Set(filtered.hits.map((h) => h.docId))).toEqual(new Set(['guides/old-guide']));
		expect(result.content[0]!.text.split('\n')[0]).toBe('6 matching sections');
	});

	it('search_docs refuses a limit over 20', async () => {
		const result = await call('search_docs', { query: 'pods', limit: 50 });
		expect(result.isError).toBe(true);
		expect(result.content[0]!.text).toMatch(/limit/);
	});

	it('get_doc returns the Markdown twin by id or URL, or the index entry with chunks as JSON', async () => {
		const twin = readFileSync(join(FIXTURE_DIST, 'ops/restart-runbook/index.md'), 'utf8');
		for (const ref of [{ id: 'ops/restart-runbook' }, { url: `${SITE}/ops/restart-runbook/#steps` }, { url: '/ops/restart-runbook/index.md' }]) {
			const result = await call('get_doc', ref);
			expect(result.content[0]!.text).toBe(twin);
			expect((result.structuredContent as { markdown: string; doc: { id: string } }).doc.id).toBe('ops/restart-runbook');
		}
		const json = (await call('get_doc', { id: 'ops', format: 'json' })).structuredContent as { doc: { id: string; chunks: string[] }; chunks: { id: string }[] };
		expect(json.doc.id).toBe('ops');
		expect(json.chunks.map((c) => c.id)).toEqual(json.doc.chunks);
		const home = (await call('get_doc', { url: `${SITE}/` })).structuredContent as { doc: { id: string } };
		expect(home.doc.id).toBe('index');
	});

	it('get_doc reports an unknown doc as a tool error', async () => {
		const result = await call('get_doc', { id: 'ops/nope' });
		expect(result.isError).toBe(true);
		expect(result.content[0]!.text).toBe('Unknown doc `ops/nope`, expected a doc id or URL from search_docs or list_docs');
	});

	it('list_docs filters by kind, status and tags', async () => {
		const ids = async (args: Record<string, unknown>) => ((await call('list_docs', args)).structuredContent as { docs: { id: string }[] }).docs.map((d) => d.id);
		expect(await ids({})).toEqual(['guides/old-guide', 'index', 'ops', 'ops/platform-facts', 'ops/restart-runbook']);
		expect(await ids({ kind: 'runbook' })).toEqual(['ops/restart-runbook']);
		expect(await ids({ status: 'deprecated' })).toEqual(['guides/old-guide']);
		expect(await ids({ tags: ['kubernetes', 'operations'] })).toEqual(['ops', 'ops/restart-runbook']);
		expect(await ids({ section: 'ops', kind: 'reference' })).toEqual(['ops/platform-facts']);
	});

	it('related_docs walks related and link edges both ways, one or two hops', async () => {
		const related = async (depth: number) => ((await call('related_docs', { id: 'guides/old-guide', depth })).structuredContent as { docs: { id: string; distance: number; relations: string[] }[] }).docs.map((d) => `${d.id} ${d.distance} ${d.relations.join('+')}`);
		expect(await related(1)).toEqual(['ops 1 linked-from', 'ops/restart-runbook 1 linked-from+links-to+related-from']);
		expect(await related(2)).toEqual(['ops 1 linked-from', 'ops/restart-runbook 1 linked-from+links-to+related-from', 'index 2 linked-from+related-from']);
		expect((await call('related_docs', { id: 'guides/old-guide', depth: 3 })).isError).toBe(true);
	});
});

describe('npm run mcp without a built site', () => {
	it('exits 1 with one line saying what to do', () => {
		const result = run('node', ['scripts/mcp.ts', '--dist', join(TMP, 'no-such-dist')]);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('mcp: test/.tmp/no-such-dist/docs-index.json not found: build the site first (`npm run build`), or pass --dist <folder> pointing at a built site\n');
		expect(result.status).toBe(1);
	});
});
