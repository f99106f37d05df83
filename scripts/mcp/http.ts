/**
 * The docs MCP server over Streamable HTTP (MCP 2025-06-18), stateless: every POST /mcp gets a fresh
 * McpServer and transport (the SDK refuses to reuse a stateless transport, and nothing is kept between
 * requests), so any number of replicas can sit behind one Service. Responses are plain JSON
 * (`enableJsonResponse`): no tool streams, and a JSON body is what a proxy or load balancer expects.
 *
 * In front of the SDK transport, on every request: DNS-rebinding protection (Host and Origin), an
 * optional bearer token, a body size cap and a request timeout (a client that trickles its request
 * is cut off without holding anyone else up).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface HttpOptions {
	host: string;
	port: number;
	/** Bearer token every /mcp request must carry; none: no authentication (loopback use). */
	token?: string;
	/**
	 * Host names (no port) the `Host` header may name. Default: the loopback names when bound to
	 * loopback; otherwise none is checked unless given (behind a Service, the names are the deployer's).
	 */
	allowedHosts?: string[];
	/** Origins (`scheme://host[:port]`) a browser may call from; bound to loopback, loopback origins are allowed too. */
	allowedOrigins?: string[];
	/** A request (headers and body) must arrive within this; default 30 s. */
	requestTimeoutMs?: number;
	/** Largest POST body; default 1 MiB (the largest valid call is a few KB). */
	maxBodyBytes?: number;
}

export interface RunningHttpServer {
	url: string;
	server: Server;
	close(): Promise<void>;
}

export const isLoopback = (host: string) => LOOPBACK_HOSTS.includes(host) || host === '::1' || /^127\./.test(host);

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Why a request is refused before MCP sees it, or undefined. By hand rather than the SDK's
 * hostHeaderValidation: that one is Express middleware and checks Host only, while the MCP spec
 * requires servers to validate Origin too ("If the Origin header is present and invalid, servers MUST
 * respond with HTTP 403 Forbidden").
 */
export function refusal(req: IncomingMessage, allowedHosts: string[] | undefined, allowedOrigins: string[], loopbackOnly: boolean): { status: number; message: string } | undefined {
	if (allowedHosts) {
		const header = req.headers.host;
		let hostname: string | undefined;
		try {
			hostname = header ? new URL(`http://${header}`).hostname : undefined;
		} catch {
			hostname = undefined;
		}
		if (!hostname || !allowedHosts.includes(hostname)) return { status: 403, message: `Forbidden: Host \`${header ?? ''}\` is not one this server answers for (DNS rebinding protection); expected one of ${allowedHosts.join(', ')}` };
	}
	const origin = req.headers.origin;
	if (origin !== undefined) {
		let ok = false;
		try {
			const parsed = new URL(origin);
			// A page served from this machine may call a server bound to this machine; a rebinding attack's page never has a loopback origin.
			ok = allowedOrigins.includes(parsed.origin) || (loopbackOnly && isLoopback(parsed.hostname));
		} catch {
			ok = false;
		}
		if (!ok) return { status: 403, message: `Forbidden: Origin \`${origin}\` is not allowed (DNS rebinding protection); start the server with --allowed-origin ${origin} to allow a browser client there` };
	}
	return undefined;
}

export async function startHttpServer(createMcp: () => McpServer, options: HttpOptions): Promise<RunningHttpServer> {
	const allowedHosts = options.allowedHosts ?? (isLoopback(options.host) ? LOOPBACK_HOSTS : undefined);
	const allowedOrigins = options.allowedOrigins ?? [];
	const token = options.token ? digest(options.token) : undefined;
	const requestTimeout = options.requestTimeoutMs ?? 30_000;

	const server = createServer(
		// Node checks request timeouts on this interval (30 s by default): a slow client would hold a socket long past its timeout.
		{ requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) },
		(req, res) => {
			handle(req, res).catch((error: Error) => {
				console.error(`mcp: ${req.method} ${req.url}: ${error.message}`);
				if (!res.headersSent) reply(res, 500, 'Internal error');
				else res.destroy();
			});
		},
	);

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const path = (req.url ?? '/').split('?')[0];
		// Liveness/readiness for a Deployment's probes: no data, so no token and any Host (probes use the pod IP).
		if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end('ok\n');
			return;
		}
		if (path !== '/mcp') return reply(res, 404, `Not found: the MCP endpoint is POST /mcp`);
		const refused = refusal(req, allowedHosts, allowedOrigins, isLoopback(options.host));
		if (refused) return reply(res, refused.status, refused.message);
		if (token) {
			const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
			if (!given || !timingSafeEqual(digest(given), token)) return reply(res, 401, 'Unauthorized: send `Authorization: Bearer <token>` with the token the server was started with', { 'www-authenticate': 'Bearer realm="neotool-docs-mcp"' });
		}
		// Stateless: no session to resume (GET) or end (DELETE).
		if (req.method !== 'POST') return reply(res, 405, 'Method not allowed: this stateless server answers POST /mcp only', { allow: 'POST' });

		const mcp = createMcp();
		const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: options.maxBodyBytes ?? 1024 * 1024 });
		// A client that hangs up mid-call: drop this request's server and transport, nothing else.
		res.on('close', () => {
			void transport.close();
			void mcp.close();
		});
		await mcp.connect(transport);
		await transport.handleRequest(req, res);
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => resolve());
	});
	const { port, address } = server.address() as AddressInfo;
	const shownHost = address.includes(':') ? `[${address}]` : address;
	return {
		url: `http://${shownHost}:${port}/mcp`,
		server,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
