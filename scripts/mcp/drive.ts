/**
 * Drives an MCP server with many clients making a realistic mix of calls, for the load test
 * (test/build/agents-mcp-load.test.ts) and the benchmark (`npm run bench:mcp`): one definition of
 * "a mixed call" and of how latency is measured, so the README's figures are the test's.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { DocsIndex } from '../../schemas/docs-index.ts';

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

const QUERIES = ['restore the database from WAL', 'pods stuck in CrashLoopBackOff', 'rotate vault jwt keys', 'scale pods horizontally', 'renew TLS certificate', 'flux reconcile kustomization', 'PgBouncer connection pool exhausted', 'roll back a bad deployment', 'kubernets restrat', 'alertmanager routing'];

/** The i-th call of the mix: half searches (one with a typo, some filtered), then reads, lists and graph walks. */
export function mixedCall(i: number, index: DocsIndex): ToolCall {
	const doc = index.docs[(i * 7) % index.docs.length]!;
	switch (i % 10) {
		case 0:
		case 1:
		case 2:
		case 3:
			return { name: 'search_docs', arguments: { query: QUERIES[i % QUERIES.length]!, limit: 10 } };
		case 4:
			return { name: 'search_docs', arguments: { query: QUERIES[(i >> 1) % QUERIES.length]!, kind: 'runbook', perDoc: 5 } };
		case 5:
		case 6:
			return { name: 'get_doc', arguments: { id: doc.id } };
		case 7:
			return { name: 'list_docs', arguments: { kind: doc.frontmatter.kind } };
		case 8:
			return { name: 'related_docs', arguments: { id: doc.id, depth: 2 } };
		default:
			return { name: 'get_doc', arguments: { url: doc.url, format: 'json' } };
	}
}

export interface DriveResult {
	/** Milliseconds per call, in completion order. */
	latencies: number[];
	errors: string[];
	wallMs: number;
}

/**
 * `clients` clients at once, each making `calls` calls one after another. `onCall(done)` runs after
 * each completed call (the load test samples the server's memory there).
 */
export async function drive(connect: () => Promise<Client>, index: DocsIndex, clients: number, calls: number, onCall: (done: number) => void = () => {}, { close = true } = {}): Promise<DriveResult> {
	const latencies: number[] = [];
	const errors: string[] = [];
	const started = performance.now();
	const connected = await Promise.all(Array.from({ length: clients }, () => connect()));
	await Promise.all(
		connected.map(async (client, c) => {
			for (let k = 0; k < calls; k++) {
				const call = mixedCall(c * calls + k, index);
				const t = performance.now();
				try {
					const result = await client.callTool(call);
					if (result.isError) errors.push(`${call.name} ${JSON.stringify(call.arguments)}: ${JSON.stringify(result.content)}`);
				} catch (error) {
					errors.push(`${call.name} ${JSON.stringify(call.arguments)}: ${(error as Error).message}`);
				}
				latencies.push(performance.now() - t);
				onCall(latencies.length);
			}
		}),
	);
	const wallMs = performance.now() - started;
	if (close) await Promise.all(connected.map((c) => c.close()));
	return { latencies, errors, wallMs };
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise({ latencies, wallMs }: DriveResult) {
	const round = (n: number) => Math.round(n * 10) / 10;
	return { calls: latencies.length, p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), callsPerSecond: Math.round(latencies.length / (wallMs / 1000)) };
}
