/**
 * The built site as the link checker sees it, served from a worker thread (site-server.ts starts it):
 * each page as a digest of its fragment ids and links (page-digest.ts), found here, on the second
 * core, while linkinator fetches and checks on the main thread.
 * Anything else (a file linkinator is not told to skip, files-on-disk.ts; a folder without its slash)
 * is served by sirv as the site's host would, and a missing file is a 404.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join, normalize } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import sirv from 'sirv';
import { linkDeduper, pageDigest, readPage } from './page-digest.ts';
import { regionReader, type RegionReader } from './repeated-regions.ts';

// Required, not imported: an ES import of node:http builds its module facade, whose getters load
// Node's own bundled undici (~60 ms of CPU in each serving thread, for nothing this thread uses).
const { createServer } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export interface SiteWorkerData {
	dist: string;
	/** Wait for the port the first serving thread took, to share it (site-server.ts); otherwise pick one. */
	join?: boolean;
}
/** Main thread → worker. */
export type SiteRequest = { type: 'listen'; port: number } | { type: 'repeats'; urls: string[] } | { type: 'close' };
/** Worker → main thread. */
export type SiteReply = { type: 'ready'; url: string; shared: boolean } | { type: 'repeats'; repeats: [string, string[]][] } | { type: 'closed' };

const port = parentPort!;
const { dist, join: joins } = workerData as SiteWorkerData;
const deduper = linkDeduper();
// `dev`: looks each request up on disk instead of indexing the whole folder first (every thread would, for the few requests it gets).
const files = sirv(dist, { dev: true, etag: false, extensions: ['html'] });
let base = '';
let reader: RegionReader | undefined;

/**
 * The page's bytes, or undefined when there is no such file (missing, or a folder): read in one
 * synchronous call, without a stat first: this thread does nothing else meanwhile, and each page is
 * read once (through the promise API, with a stat first, its syscalls were ~7 % of this thread's samples).
 */
function readHtml(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

async function digest(html: Buffer, path: string, search: string): Promise<string> {
	reader ??= regionReader(readPage, base);
	const { links, ids } = await reader.read(html, `${base}${path}${search}`);
	return pageDigest(html, ids, deduper.keep(links, path));
}

const server = createServer((req, res) => {
	void (async () => {
		const [pathname = '/', query] = (req.url ?? '/').split(/[?#]/, 2);
		let path: string | undefined;
		try {
			path = decodeURIComponent(pathname);
		} catch {
			path = undefined; // Malformed: left to sirv, as before.
		}
		const file = path === undefined ? undefined : normalize(join(dist, path.endsWith('/') ? `${path}index.html` : path));
		const html = path !== undefined && file?.startsWith(dist) && file.endsWith('.html') ? readHtml(file) : undefined;
		if (html && path !== undefined) {
			const body = await digest(html, path, query === undefined ? '' : `?${query}`);
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
			return;
		}
		files(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	})().catch((error: unknown) => {
		// Never expected (the file was just read); linkinator then reports the link broken (HTTP 500) and the reason is here.
		console.error(`linkcheck: serving ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
		if (!res.headersSent) res.statusCode = 500;
		res.end();
	});
});
// Messages sent before this listener is attached wait in the port's queue.
const sharedPort = joins ? await new Promise<number>((resolve) => port.once('message', (message: SiteRequest) => resolve(message.type === 'listen' ? message.port : 0))) : 0;
const listen = (reusePort: boolean) =>
	new Promise<void>((resolve, reject) => {
		server.once('error', reject).listen({ port: sharedPort, host: '127.0.0.1', reusePort }, () => {
			server.off('error', reject);
			resolve();
		});
	});
// Where the platform has no SO_REUSEPORT (macOS, Windows), the first thread serves the site alone.
const shared = await listen(true).then(
	() => true,
	(error: unknown) => {
		if (joins) throw error;
		return listen(false).then(() => false);
	},
);
base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const reply = (message: SiteReply) => port.postMessage(message);
port.on('message', (message: SiteRequest) => {
	if (message.type === 'listen') return;
	if (message.type === 'repeats') reply({ type: 'repeats', repeats: message.urls.map((url) => [url, deduper.repeatsOf(url)]) });
	else void new Promise<void>((resolve) => server.close(() => resolve())).then(() => reply({ type: 'closed' }));
});
reply({ type: 'ready', url: base, shared });
