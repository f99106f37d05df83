/**
 * The built site as the link checker sees it, served from a worker thread (site-server.ts starts it):
 * each page with its repeated links renamed (dedupe-links.ts) and its fragment ids listed at its
 * start (fragment-ids.ts). Reading, rewriting and parsing the pages for their ids runs here, on the
 * second core, while linkinator fetches and parses them for links on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveStatic } from '../lib/static-server.ts';
import { linkDeduper, type LinkDeduper } from './dedupe-links.ts';
import { withFragmentIds } from './fragment-ids.ts';

export interface SiteWorkerData {
	dist: string;
}
/** Main thread → worker. */
export type SiteRequest = { type: 'repeats'; urls: string[] } | { type: 'close' };
/** Worker → main thread. */
export type SiteReply = { type: 'ready'; url: string } | { type: 'repeats'; repeats: [string, string[]][] } | { type: 'closed' };

const port = parentPort!;
const { dist } = workerData as SiteWorkerData;
// The server starts before the deduper knows its own address; the deduper only needs it lazily.
let deduper: LinkDeduper | undefined;
const server = await serveStatic(dist, { transformHtml: (html, path) => withFragmentIds(deduper!.transform(html, path)), notFoundPage: false });
deduper = linkDeduper(server.url);
const reply = (message: SiteReply) => port.postMessage(message);
port.on('message', (message: SiteRequest) => {
	if (message.type === 'repeats') reply({ type: 'repeats', repeats: message.urls.map((url) => [url, deduper!.repeatsOf(url)]) });
	else void server.close().then(() => reply({ type: 'closed' }));
});
reply({ type: 'ready', url: server.url });
