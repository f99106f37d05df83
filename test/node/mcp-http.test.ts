import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { callTool, connectHttp, startMcpHttp, type McpProcess } from '../helpers/mcp.ts';
import { FIXTURE_DIST, ROOT, TMP } from '../helpers/paths.ts';

interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
const ACCEPT = 'application/json, text/event-stream';

/** One HTTP request with exactly the headers given (fetch would not let a test set Host). */
function raw(url: string, { method = 'POST', body, headers = {} }: { method?: string; body?: string; headers?: Record<string, string> }): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers } }, (res) => {
			let text = '';
			res.on('data', (chunk: Buffer) => (text += chunk.toString()));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

describe('MCP over HTTP: DNS-rebinding protection, token, methods', () => {
	let open: McpProcess;
	let locked: McpProcess;
	beforeAll(async () => {
		[open, locked] = await Promise.all([startMcpHttp(['--dist', FIXTURE_DIST, '--allowed-origin', 'https://agents.example']), startMcpHttp(['--dist', FIXTURE_DIST], { MCP_TOKEN: 's3cret-token' })]);
	});
	afterAll(async () => {
		await Promise.all([open?.stop(), locked?.stop()]);
	});

	it('binds to 127.0.0.1 by default', () => {
		expect(open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
	});

	it('refuses a foreign Origin or Host with 403 before any MCP work, and answers loopback and allowed origins', async () => {
		const body = JSON.stringify(INIT);
		const evil = await raw(open.url, { body, headers: { origin: 'http://evil.example' } });
		expect(evil.status).toBe(403);
		expect(JSON.parse(evil.body)).toEqual({ jsonrpc: '2.0', error: { code: -32000, message: 'Forbidden: Origin `http://evil.example` is not allowed (DNS rebinding protection); start the server with --allowed-origin http://evil.example to allow a browser client there' }, id: null });
		// DNS rebinding: the attacker's name resolves to 127.0.0.1, so the Host header carries it.
		const port = new URL(open.url).port;
		const rebound = await raw(open.url, { body, headers: { host: `evil.example:${port}` } });
		expect(rebound.status).toBe(403);
		expect(JSON.parse(rebound.body).error.message).toBe(`Forbidden: Host \`evil.example:${port}\` is not one this server answers for (DNS rebinding protection); expected one of localhost, 127.0.0.1, [::1]`);
		for (const headers of [{}, { origin: 'http://localhost:5173' }, { origin: 'https://agents.example' }, { host: `localhost:${port}` }] as Record<string, string>[]) {
			const ok = await raw(open.url, { body, headers });
			expect(ok.status, JSON.stringify(headers)).toBe(200);
			expect(JSON.parse(ok.body).result.serverInfo.name).toBe('neotool-docs');
		}
	});

	it('requires the bearer token when started with one', async () => {
		const body = JSON.stringify(INIT);
		for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 's3cret-token' }] as Record<string, string>[]) {
			const refused = await raw(locked.url, { body, headers });
			expect(refused.status).toBe(401);
			expect(refused.headers['www-authenticate']).toBe('Bearer realm="neotool-docs-mcp"');
		}
		expect(locked.stderr()).toMatch(/on http:\/\/127\.0\.0\.1:\d+\/mcp \(bearer token required\)\n$/);
		const client = await connectHttp(locked.url, { authorization: 'Bearer s3cret-token' });
		const hits = (await callTool(client, 'search_docs', { query: 'restart' })).structuredContent as { hits: unknown[] };
		expect(hits.hits.length).toBeGreaterThan(0);
		await client.close();
	});

	it('is stateless: no session id, GET and DELETE answered 405, a call needs no earlier initialize', async () => {
		const init = await raw(open.url, { body: JSON.stringify(INIT) });
		expect(init.headers['mcp-session-id']).toBeUndefined();
		for (const method of ['GET', 'DELETE']) {
			const res = await raw(open.url, { method });
			expect(res.status).toBe(405);
			expect(res.headers.allow).toBe('POST');
		}
		const call = await raw(open.url, { body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'list_docs', arguments: { kind: 'runbook' } } }), headers: { 'mcp-protocol-version': '2025-06-18' } });
		expect(call.status).toBe(200);
		expect(JSON.parse(call.body)).toMatchObject({ id: 7, result: { structuredContent: { total: 1 } } });
		expect((await raw(open.url.replace(/\/mcp$/, '/healthz'), { method: 'GET' })).body).toBe('ok\n');
		expect((await raw(open.url.replace(/\/mcp$/, '/other'), { method: 'GET' })).status).toBe(404);
	});
});

describe('MCP over HTTP: faults', () => {
	let server: McpProcess;
	beforeAll(async () => {
		server = await startMcpHttp(['--dist', FIXTURE_DIST, '--request-timeout', '1000']);
	});
	afterAll(async () => {
		await server?.stop();
	});

	const stillServes = async () => {
		const res = await raw(server.url, { body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_docs', arguments: { query: 'restart', limit: 1 } } }) });
		expect(res.status).toBe(200);
		expect(JSON.parse(res.body).result.structuredContent.hits).toHaveLength(1);
	};

	it('answers malformed JSON-RPC with a JSON-RPC error and keeps serving', async () => {
		const cases: [string, number, number][] = [
			['{"jsonrpc": "2.0", "id": 1, "method": ', 400, -32700],
			['{"not": "json-rpc"}', 400, -32700],
			['{"jsonrpc":"2.0","id":3,"method":"no/such/method"}', 200, -32601],
			// The SDK answers a request that fails its own schema with -32603 and the zod issues (path params.arguments).
			['{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"search_docs","arguments":"restart"}}', 200, -32603],
		];
		for (const [body, status, code] of cases) {
			const res = await raw(server.url, { body });
			expect(res.status, body).toBe(status);
			expect(JSON.parse(res.body).error.code, body).toBe(code);
		}
		const huge = await raw(server.url, { body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'search_docs', arguments: { query: 'x'.repeat(2 * 1024 * 1024) } } }) });
		expect(huge.status).toBe(413);
		await stillServes();
	});

	it('survives a client that disconnects mid-request and mid-call', async () => {
		const { port } = new URL(server.url);
		const body = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'get_doc', arguments: { id: 'ops/restart-runbook' } } });
		for (const sent of [body.slice(0, 20), body]) {
			await new Promise<void>((resolve) => {
				const socket = connect(Number(port), '127.0.0.1', () => {
					socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nAccept: ${ACCEPT}\r\nContent-Length: ${body.length}\r\n\r\n${sent}`);
					// Gone before the answer: mid-body, or with the call in flight.
					socket.destroy();
					resolve();
				});
			});
		}
		await new Promise((r) => setTimeout(r, 100));
		await stillServes();
		expect(server.child.exitCode).toBeNull();
	});

	it('cuts off a slow client after the request timeout without holding up anyone else', async () => {
		const { port } = new URL(server.url);
		const started = Date.now();
		let response = '';
		const closed = new Promise<number>((resolve) => {
			const socket = connect(Number(port), '127.0.0.1', () => {
				socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nAccept: ${ACCEPT}\r\nContent-Length: 1000\r\n\r\n{`);
				// One byte every 100 ms: 1000 bytes would take 100 s.
				const drip = setInterval(() => socket.writable && socket.write(' '), 100);
				socket.on('data', (chunk) => (response += chunk.toString()));
				socket.on('close', () => {
					clearInterval(drip);
					resolve(Date.now() - started);
				});
				socket.on('error', () => {});
			});
		});
		// Meanwhile others are answered at once.
		const client = await connectHttp(server.url);
		for (let i = 0; i < 20; i++) {
			const t = performance.now();
			expect((await callTool(client, 'search_docs', { query: 'pods' })).isError).toBeFalsy();
			expect(performance.now() - t).toBeLessThan(500);
		}
		await client.close();
		const after = await closed;
		expect(response.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
		expect(after).toBeGreaterThanOrEqual(1000);
		expect(after).toBeLessThan(4000);
		await stillServes();
	});
});

describe('MCP over HTTP from a published site (--site), served on loopback', () => {
	let site: StaticServer;
	let mcp: McpProcess;
	beforeAll(async () => {
		site = await serveStatic(FIXTURE_DIST);
		mcp = await startMcpHttp(['--site', site.url]);
	});
	afterAll(async () => {
		await mcp?.stop();
		await site?.close();
	});

	it('reads the index and chunks from the site, and each twin when first asked for', async () => {
		expect(mcp.stderr()).toContain(`mcp: serving 5 docs, 18 sections from ${site.url} (generated `);
		const client = await connectHttp(mcp.url);
		const hits = (await callTool(client, 'search_docs', { query: 'bounce pods', limit: 1 })).structuredContent as { hits: { docId: string }[] };
		expect(hits.hits[0]!.docId).toBe('ops/restart-runbook');
		const doc = await callTool(client, 'get_doc', { id: 'ops/restart-runbook' });
		expect(doc.content[0]!.text).toBe(readFileSync(join(FIXTURE_DIST, 'ops/restart-runbook/index.md'), 'utf8'));
		expect(((await callTool(client, 'list_docs', {})).structuredContent as { total: number }).total).toBe(5);
		await client.close();
	});

	it('refuses a twin that is not the one the index was built with (a redeploy since start)', async () => {
		const copy = join(TMP, 'mcp-redeployed-site');
		rmSync(copy, { recursive: true, force: true });
		cpSync(FIXTURE_DIST, copy, { recursive: true });
		const twin = join(copy, 'ops/restart-runbook/index.md');
		writeFileSync(twin, `${readFileSync(twin, 'utf8')}\nA line added by a later deploy.\n`);
		const redeployed = await serveStatic(copy);
		const server = await startMcpHttp(['--site', redeployed.url]);
		try {
			const client = await connectHttp(server.url);
			const result = await callTool(client, 'get_doc', { id: 'ops/restart-runbook' });
			expect(result.isError).toBe(true);
			expect(result.content[0]!.text).toBe(`Could not read \`ops/restart-runbook\`: ${redeployed.url}/ops/restart-runbook/index.md: content does not match the index's contentHash (the site was redeployed since the server started); restart the server`);
			// The other pages still read.
			expect((await callTool(client, 'get_doc', { id: 'ops' })).isError).toBeFalsy();
			await client.close();
		} finally {
			await server.stop();
			await redeployed.close();
		}
	});
});

describe('npm run mcp with a missing or corrupt index', () => {
	const dir = join(TMP, 'mcp-corrupt');
	beforeAll(() => {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
	});

	/** Each start is its own process (a second or more on a busy machine): run them side by side. */
	const start = (args: string[]) =>
		new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
			execFile(process.execPath, ['scripts/mcp.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })),
		);
	const oneLine = (stderr: string) => {
		expect(stderr.endsWith('\n')).toBe(true);
		expect(stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(stderr).not.toMatch(/\n\s+at /);
	};
	const damaged = (name: string, file: string, content: (original: string) => string) => {
		const out = join(dir, name);
		cpSync(FIXTURE_DIST, out, { recursive: true });
		writeFileSync(join(out, file), content(readFileSync(join(FIXTURE_DIST, file), 'utf8')));
		return out;
	};

	it('missing or corrupt at start: one line naming the file (and line) and how to build it, exit 1, over stdio and HTTP', async () => {
		const badJson = damaged('bad-json', 'docs-index.json', () => '{"schemaVersion": "1.0.0", "docs": [');
		const badSchema = damaged('bad-schema', 'docs-index.json', () => '{"schemaVersion": "0.1"}');
		const badChunks = damaged('bad-chunks', 'docs-chunks.jsonl', (text) => text.split('\n').map((line, i) => (i === 1 ? line.slice(0, 30) : line)).join('\n'));
		const http = ['--http', '--port', '0'];
		const [missingStdio, missingHttp, json, schema, chunks] = await Promise.all([start(['--dist', join(dir, 'none')]), start(['--dist', join(dir, 'none'), ...http]), start(['--dist', badJson, ...http]), start(['--dist', badSchema]), start(['--dist', badChunks, ...http])]);
		for (const missing of [missingStdio, missingHttp]) {
			expect(missing.stderr).toBe('mcp: test/.tmp/mcp-corrupt/none/docs-index.json not found: build the site first (`npm run build`), or pass --dist <folder> pointing at a built site\n');
			expect(missing.status).toBe(1);
			expect(missing.stdout).toBe('');
		}
		for (const result of [json, schema, chunks]) {
			oneLine(result.stderr);
			expect(result.status).toBe(1);
		}
		expect(json.stderr).toMatch(/^mcp: test\/\.tmp\/mcp-corrupt\/bad-json\/docs-index\.json: unexpected content, expected JSON \(.+\); rebuild with `npm run build`\n$/);
		expect(schema.stderr).toMatch(/^mcp: test\/\.tmp\/mcp-corrupt\/bad-schema\/docs-index\.json: does not match schemas\/docs-index\.ts at `.*`: .+; rebuild with `npm run build`\n$/);
		expect(chunks.stderr).toMatch(/^mcp: test\/\.tmp\/mcp-corrupt\/bad-chunks\/docs-chunks\.jsonl:2: unexpected content, expected one JSON record per line \(.+\); rebuild with `npm run build`\n$/);
	});

	it('a --site without the agents files, or bad arguments: one line, non-zero exit', async () => {
		const empty = join(dir, 'empty-site');
		mkdirSync(empty, { recursive: true });
		const site = await serveStatic(empty);
		try {
			const [published, ...bad] = await Promise.all([start(['--http', '--port', '0', '--site', site.url]), ...[['--port', 'x', '--http'], ['--token', 't'], ['--dist', 'a', '--site', 'https://x'], ['--http', '--host', '0.0.0.0']].map(start)]);
			expect(published.stderr).toBe(`mcp: ${site.url}/docs-index.json: HTTP 404, expected 200; check that --site is the docs site's root (it serves /docs-index.json), or serve a local build with --dist\n`);
			expect(published.status).toBe(1);
			for (const result of bad) {
				expect(result.status).toBe(2);
				expect(result.stderr).toMatch(/^mcp: unexpected .+; usage: npm run mcp/);
			}
		} finally {
			await site.close();
		}
	});
});
