import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticServer {
	url: string;
	close: () => Promise<void>;
}

/** Serve a built site on a free loopback port, as a static host would. */
export async function serveStatic(dir: string): Promise<StaticServer> {
	const handler = sirv(dir, { dev: false, etag: false, extensions: ['html'] });
	const server: Server = createServer((req, res) => handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	}));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
