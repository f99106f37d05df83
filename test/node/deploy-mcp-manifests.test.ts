/**
 * deploy/mcp/: the HTTP MCP server's manifests, validated like the site's (deploy/kubernetes/, by the
 * project's own code check), and its container arguments run for real against a site on loopback.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { verifyBlock } from '../../scripts/check/code/verify.ts';
import { loadFacts } from '../../src/lib/facts.ts';
import { startMcpHttp, type McpProcess } from '../helpers/mcp.ts';
import { FIXTURE_DIST, ROOT } from '../helpers/paths.ts';

const DIR = join(ROOT, 'deploy/mcp');
const facts = loadFacts(join(ROOT, 'src/data/facts.yaml'));
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
type Manifest = { kind: string; metadata: { name: string; namespace?: string }; spec?: any; resources?: string[] };
const manifests: Manifest[] = files.flatMap((f) => parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => d.toJS() as Manifest));
const find = (kind: string) => manifests.find((m) => m.kind === kind)!;
const container = () => find('Deployment').spec.template.spec.containers[0];

describe('deploy/mcp manifests', () => {
	it.each(files)('%s passes the code check (schemas, unknown fields, facts)', async (file) => {
		expect(await verifyBlock('yaml', 'yaml', readFileSync(join(DIR, file), 'utf8'), [], facts)).toEqual([]);
	});

	it('two replicas in the docs namespace, probes on /healthz, token from a Secret, Service and PDB select the pods', () => {
		const deployment = find('Deployment');
		expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
		for (const m of manifests.filter((m) => m.kind !== 'Kustomization')) expect(m.metadata.namespace).toBe('neotool-docs');
		const c = container();
		expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'mcp' });
		expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'mcp' });
		expect(c.env).toEqual([
			{ name: 'NODE_OPTIONS', value: '--max-old-space-size=256' },
			{ name: 'MCP_TOKEN', valueFrom: { secretKeyRef: { name: 'ops-docs-mcp-token', key: 'token' } } },
		]);
		expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
		const labels = { 'app.kubernetes.io/name': 'ops-docs-mcp' };
		expect(find('Service').spec.selector).toEqual(labels);
		expect(find('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
		expect([...find('Kustomization').resources!].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml'));
		// The site it reads is the docs Service of deploy/kubernetes/.
		expect(c.args).toContain('--site=http://ops-docs.neotool-docs.svc.cluster.local');
	});
});

describe('the container arguments, run against a site on loopback', () => {
	let site: StaticServer;
	let mcp: McpProcess;
	beforeAll(async () => {
		site = await serveStatic(FIXTURE_DIST);
		// The manifest's arguments, with only where to listen and where the site is changed for the test.
		const args = (container().args as string[]).filter((a) => !/^--(host|port|site)=/.test(a));
		mcp = await startMcpHttp([...args, '--host=127.0.0.1', `--site=${site.url}`], { MCP_TOKEN: 'from-the-secret' });
	});
	afterAll(async () => {
		await mcp?.stop();
		await site?.close();
	});

	const post = (host: string, token?: string) =>
		new Promise<number>((resolve, reject) => {
			const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_docs', arguments: {} } });
			const req = request(mcp.url, { method: 'POST', headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
				res.resume();
				resolve(res.statusCode!);
			});
			req.on('error', reject);
			req.end(body);
		});

	it('answers the Service names with the token, refuses other Host names and calls without the token', async () => {
		expect(await post('ops-docs-mcp.neotool-docs.svc:3333', 'from-the-secret')).toBe(200);
		expect(await post('ops-docs-mcp:3333', 'from-the-secret')).toBe(200);
		expect(await post('evil.example:3333', 'from-the-secret')).toBe(403);
		expect(await post('ops-docs-mcp:3333')).toBe(401);
	});
});
