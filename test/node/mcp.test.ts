import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../schemas/category.ts';
import { KINDS } from '../../schemas/kind.ts';
import { slicePart, MAX_RESPONSE_CHARS } from '../../scripts/mcp/server.ts';
import { run } from '../helpers/build.ts';
import { callTool, connectHttp, connectStdio, startMcpHttp, type McpProcess } from '../helpers/mcp.ts';
import { FIXTURE_DIST, TMP } from '../helpers/paths.ts';

const SITE = 'https://docs.neotool.io';

/** The same tool tests over both transports: one tool code, two ways in. */
describe.each(['stdio', 'http'] as const)('MCP server over %s (fixture build)', (transport) => {
	let client: Client;
	let http: McpProcess | undefined;
	let stderr = '';

	beforeAll(async () => {
		if (transport === 'stdio') client = await connectStdio(FIXTURE_DIST, (text) => (stderr += text));
		else {
			http = await startMcpHttp(['--dist', FIXTURE_DIST]);
			client = await connectHttp(http.url);
		}
	});
	afterAll(async () => {
		await client?.close();
		await http?.stop();
	});
	const call = (name: string, args: Record<string, unknown>) => callTool(client, name, args);

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
		if (transport === 'stdio') expect(stderr).toBe(`mcp: serving 5 docs, 18 sections from ${FIXTURE_DIST} (generated ${generatedAt}) on stdio\n`);
		else expect(http!.stderr()).toBe(`mcp: serving 5 docs, 18 sections from ${FIXTURE_DIST} (generated ${generatedAt}) on ${http!.url}\n`);
		// Filters publish their allowed values, from the schema modules.
		expect(search.inputSchema.properties!.kind).toMatchObject({ enum: Object.keys(KINDS) });
		expect(search.inputSchema.properties!.query).toMatchObject({ maxLength: 512 });
	});

	it('search_docs returns ranked sections with page title, section URL, Markdown URL and snippet, filters and pages', async () => {
		const result = await call('search_docs', { query: 'bounce pods', limit: 2 });
		const { hits, total, collapsed } = result.structuredContent as { total: number; collapsed: number; hits: { chunkId: string; url: string; headingPath: string[]; docId: string; title: string; mdUrl: string; snippet: string }[] };
		expect(hits[0]).toMatchObject({ docId: 'ops/restart-runbook', title: 'Restart Runbook', chunkId: 'ops/restart-runbook#expected-outcome', url: `${SITE}/ops/restart-runbook/#expected-outcome`, mdUrl: `${SITE}/ops/restart-runbook/index.md`, headingPath: ['Restart Runbook', 'Expected outcome'] });
		expect(hits[0]!.snippet.length).toBeGreaterThan(0);
		expect(hits).toHaveLength(2);
		// Six sections match; at most two per page are listed unless perDoc says more.
		expect(total + collapsed).toBe(6);
		const expanded = (await call('search_docs', { query: 'bounce pods', limit: 20, perDoc: 20 })).structuredContent as { total: number; collapsed: number; hits: { docId: string; docSections: number }[] };
		expect(expanded).toMatchObject({ total: 6, collapsed: 0 });
		const perDoc = new Map<string, number>();
		for (const h of expanded.hits) perDoc.set(h.docId, (perDoc.get(h.docId) ?? 0) + 1);
		for (const h of expanded.hits) expect(h.docSections).toBe(perDoc.get(h.docId));
		const collapsedHits = ((await call('search_docs', { query: 'bounce pods', limit: 20 })).structuredContent as { hits: { docId: string }[] }).hits;
		expect(collapsedHits).toHaveLength(total);
		for (const [docId, n] of perDoc) expect(collapsedHits.filter((h) => h.docId === docId)).toHaveLength(Math.min(n, 2));
		const page2 = (await call('search_docs', { query: 'bounce pods', limit: 2, offset: 2 })).structuredContent as { hits: { chunkId: string }[]; offset: number };
		expect(page2.offset).toBe(2);
		expect(page2.hits.map((h) => h.chunkId)).not.toContain(hits[0]!.chunkId);
		const filtered = (await call('search_docs', { query: 'restart', kind: 'guide' })).structuredContent as { hits: { docId: string }[] };
		expect(new Set(filtered.hits.map((h) => h.docId))).toEqual(new Set(['guides/old-guide']));
		expect(result.content[0]!.text.split('\n')[0]).toBe(collapsed ? `${total} matching sections (${collapsed} more sections of the same pages hidden; raise perDoc to see them)` : `${total} matching sections`);
	});

	it('search_docs answers a 100 KB query with a clear error in under 100 ms, and caps the words', async () => {
		const started = performance.now();
		const result = await call('search_docs', { query: 'kubernetes '.repeat(10_000).slice(0, 102_400) });
		const elapsed = performance.now() - started;
		expect(result.isError).toBe(true);
		expect(result.content[0]!.text).toBe('MCP error -32602: Input validation error: Invalid arguments for tool search_docs: Unexpected `query` of 102400 characters, expected at most 512: ask in a few words, e.g. "rotate vault jwt keys" at query');
		expect(elapsed).toBeLessThan(100);
		const words = await call('search_docs', { query: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') });
		expect(words.content[0]!.text).toBe('MCP error -32602: Input validation error: Invalid arguments for tool search_docs: Unexpected `query` of 40 words, expected at most 32: keep the words that name the problem at query');
		expect((await call('search_docs', { query: '   ' })).content[0]!.text).toMatch(/Unexpected empty `query`/);
	});

	it('refuses an unknown filter value, naming the allowed ones from the schema', async () => {
		const kinds = Object.keys(KINDS).map((k) => `\`${k}\``).join(', ');
		const listed = await call('list_docs', { kind: 'runbok' });
		expect(listed.isError).toBe(true);
		expect(listed.content[0]!.text).toBe(`MCP error -32602: Input validation error: Invalid arguments for tool list_docs: Unexpected kind \`runbok\`, expected one of ${kinds} (did you mean \`runbook\`?) at kind`);
		const category = await call('search_docs', { query: 'pods', category: 'nonsense' });
		expect(category.content[0]!.text).toContain(`Unexpected category \`nonsense\`, expected one of ${Object.keys(CATEGORIES).map((k) => `\`${k}\``).join(', ')}`);
		for (const [field, value] of [['type', 'infra'], ['status', 'live'], ['section', 'nope'], ['tags', ['kubernets']]] as const) {
			const result = await call('list_docs', { [field]: value });
			expect(result.isError, field).toBe(true);
			expect(result.content[0]!.text, field).toMatch(new RegExp(`Unexpected ${field === 'tags' ? 'tag' : field} \`${[value].flat()[0]}\`, expected one of `));
		}
		expect((await call('list_docs', { section: 'nope' })).content[0]!.text).toContain('expected one of `guides`, `ops`');
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
		const home = (await call('get_doc', { url: `${SITE}/` })).structuredContent as { doc: { id: string }; nextOffset: number | null };
		expect(home.doc.id).toBe('index');
		expect(home.nextOffset).toBeNull();
		// A part further on: the rest of the twin from that character.
		const rest = (await call('get_doc', { id: 'ops/restart-runbook', offset: 10 })).structuredContent as { markdown: string; nextOffset: number | null };
		expect(rest).toEqual({ doc: expect.anything(), markdown: twin.slice(10), nextOffset: null });
	});

	it('get_doc reports an unknown doc as a tool error', async () => {
		const result = await call('get_doc', { id: 'ops/nope' });
		expect(result.isError).toBe(true);
		expect(result.content[0]!.text).toBe('Unknown doc `ops/nope`, expected a doc id or URL from search_docs or list_docs');
	});

	it('list_docs filters by kind, status and tags, and pages', async () => {
		const ids = async (args: Record<string, unknown>) => ((await call('list_docs', args)).structuredContent as { docs: { id: string }[] }).docs.map((d) => d.id);
		expect(await ids({ limit: 2, offset: 1 })).toEqual(['index', 'ops']);
		expect(((await call('list_docs', { limit: 2 })).structuredContent as { total: number }).total).toBe(5);
		expect((await call('list_docs', { limit: 201 })).isError).toBe(true);
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

describe('get_doc parts', () => {
	it('cuts a long page at a line break within MAX_RESPONSE_CHARS, and the parts join back into the page', () => {
		const line = `${'x'.repeat(99)}\n`;
		const page = line.repeat(Math.ceil((MAX_RESPONSE_CHARS * 2.5) / line.length));
		const parts: string[] = [];
		let offset: number | null = 0;
		while (offset !== null) {
			const { part, nextOffset } = slicePart(page, offset);
			expect(part.length).toBeLessThanOrEqual(MAX_RESPONSE_CHARS);
			expect(part.endsWith('\n')).toBe(true);
			parts.push(part);
			offset = nextOffset;
		}
		expect(parts).toHaveLength(3);
		expect(parts.join('')).toBe(page);
		// One line longer than a part is cut inside the line rather than never ending.
		const long = 'y'.repeat(MAX_RESPONSE_CHARS + 10);
		expect(slicePart(long, 0)).toEqual({ part: long.slice(0, MAX_RESPONSE_CHARS), nextOffset: MAX_RESPONSE_CHARS });
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
