/**
 * A cached URL of a moved page still reaches it: the agents' index lists the fixture restart
 * runbook's `redirect_from` paths, and the MCP server's get_doc, given one, answers with the page.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltDocs } from '../../src/lib/agents/dist.ts';
import { movedDoc } from '../../src/lib/agents/moved.ts';
import { FIXTURE_DIST, ROOT } from '../helpers/paths.ts';

const SITE = 'https://docs.neotool.io';

describe('moved pages in the agents\' index', () => {
	const { index } = loadBuiltDocs(FIXTURE_DIST);
	it('lists each old URL with the page it moved to', () => {
		expect(index.redirects).toEqual([
			{ from: `${SITE}/ops/restart/`, to: `${SITE}/ops/restart-runbook/`, id: 'ops/restart-runbook' },
			{ from: `${SITE}/runbooks/restart-app/`, to: `${SITE}/ops/restart-runbook/`, id: 'ops/restart-runbook' },
		]);
	});
	// An old doc id (`ops/restart`) is the old path too.
	it.each([`${SITE}/ops/restart/`, '/ops/restart', 'ops/restart', '/runbooks/restart-app/index.md', `${SITE}/runbooks/restart-app/#steps`])('resolves %s', (ref) => {
		expect(movedDoc(index, ref)?.id).toBe('ops/restart-runbook');
	});
	it.each(['/ops/restart-runbook/', '/ops/no-such-page/', '/tags/kubernetes/'])('leaves %s alone', (ref) => {
		expect(movedDoc(index, ref)).toBeUndefined();
	});
});

describe('MCP get_doc with an old URL', () => {
	let client: Client;
	beforeAll(async () => {
		client = new Client({ name: 'mcp-moved-test', version: '1.0.0' });
		await client.connect(new StdioClientTransport({ command: process.execPath, args: [join(ROOT, 'scripts/mcp.ts'), '--dist', FIXTURE_DIST], cwd: ROOT, stderr: 'pipe' }));
	});
	afterAll(async () => {
		await client?.close();
	});

	it('answers with the page it moved to', async () => {
		const result = (await client.callTool({ name: 'get_doc', arguments: { url: `${SITE}/runbooks/restart-app/` } })) as { isError?: boolean; structuredContent?: { doc: { id: string; url: string }; markdown: string } };
		expect(result.isError).toBeFalsy();
		expect(result.structuredContent!.doc).toMatchObject({ id: 'ops/restart-runbook', url: `${SITE}/ops/restart-runbook/` });
		expect(result.structuredContent!.markdown).toContain('title: Restart Runbook');
	});

	it('still refuses a URL nothing was ever published at', async () => {
		const result = (await client.callTool({ name: 'get_doc', arguments: { url: `${SITE}/runbooks/never-there/` } })) as { isError?: boolean };
		expect(result.isError).toBe(true);
	});
});
