import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import sirv from 'sirv';

export interface StaticServer {
	url: string;
	close: () => Promise<void>;
}

export interface ServeOptions {
	/** Rewrites each HTML page before it is sent (the link checker's navigation de-duplication). */
	transformHtml?: (html: string, path: string) => string;
	/**
	 * Answer a missing path with the site's 404 page (default), as static hosts do; off for the link
	 * checker, which would otherwise scan that page's own links as if it were published at every
	 * broken address and report them too.
	 */
	notFoundPage?: boolean;
	/**
	 * Look each request up on disk as it comes (sirv's dev mode) instead of indexing the folder once
	 * at start: for a folder still being written (the DR binder prints while Astro builds).
	 */
	live?: boolean;
}

/** Serve a built site on a free loopback port, as a static host would. */
export async function serveStatic(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
	const handler = sirv(dir, { dev: options.live === true, etag: false, extensions: ['html'] });
	const server: Server = createServer((req, res) => {
		if (options.transformHtml) {
			const path = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]!);
			const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
			if (file.startsWith(dir) && file.endsWith('.html') && existsSync(file) && statSync(file).isFile()) {
				res.setHeader('Content-Type', 'text/html; charset=utf-8');
				res.end(options.transformHtml(readFileSync(file, 'utf8'), path));
				return;
			}
		}
		handler(req, res, () => {
			// As static hosts do: the site's own 404 page, with status 404.
			const notFound = join(dir, '404.html');
			res.statusCode = 404;
			if (options.notFoundPage !== false && existsSync(notFound)) {
				res.setHeader('Content-Type', 'text/html; charset=utf-8');
				res.end(readFileSync(notFound));
			} else res.end('Not found');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
