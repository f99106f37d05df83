/**
 * Starts the link checker's site server (site-worker.ts) on worker threads and talks to them. Each
 * thread listens on the same loopback port (SO_REUSEPORT: the kernel spreads linkinator's
 * connections over them), so reading the pages for their links and ids runs on every core while
 * linkinator checks on the main thread. Each thread de-duplicates the links of the pages it serves;
 * a URL shown to linkinator once per thread is still checked once (linkinator caches it), and the
 * pages that carry a broken one are the union of what every thread remembers. Where the platform
 * cannot share a port, one thread serves the site.
 */
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SiteReply, SiteRequest, SiteWorkerData } from './site-worker.ts';

export interface SiteServer {
	url: string;
	/** For each URL, the pages other than the first that carry a link to it (page-digest.ts `repeatsOf`). */
	repeatsOf: (urls: string[]) => Promise<Map<string, string[]>>;
	close: () => Promise<void>;
}

interface Thread {
	next: <T extends SiteReply['type']>(type: T) => Promise<Extract<SiteReply, { type: T }>>;
	send: (message: SiteRequest) => void;
	worker: Worker;
}

function startThread(data: SiteWorkerData): Thread {
	const worker = new Worker(new URL('./site-worker.ts', import.meta.url), { workerData: data });
	const next = async <T extends SiteReply['type']>(type: T): Promise<Extract<SiteReply, { type: T }>> => {
		for (;;) {
			const [message] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([error]) => Promise.reject(error as Error))])) as [SiteReply];
			if (message.type === type) return message as Extract<SiteReply, { type: T }>;
		}
	};
	return { next, send: (message) => worker.postMessage(message), worker };
}

/** `threads`: how many threads serve the site; by default one per core. */
export async function startSiteServer(dist: string, threads = availableParallelism()): Promise<SiteServer> {
	// All threads start (load their modules) at once; the first picks a free port, the others join it there.
	const first = startThread({ dist });
	const others = Array.from({ length: Math.max(0, threads - 1) }, () => startThread({ dist, join: true }));
	const { url, shared } = await first.next('ready');
	if (!shared) await Promise.all(others.splice(0).map((t) => t.worker.terminate()));
	for (const thread of others) thread.send({ type: 'listen', port: Number(new URL(url).port) });
	await Promise.all(others.map((t) => t.next('ready')));
	const all = [first, ...others];
	return {
		url,
		async repeatsOf(urls) {
			const merged = new Map<string, Set<string>>(urls.map((u) => [u, new Set()]));
			for (const thread of all) {
				thread.send({ type: 'repeats', urls });
				for (const [u, pages] of (await thread.next('repeats')).repeats) for (const p of pages) merged.get(u)!.add(p);
			}
			return new Map([...merged].map(([u, pages]) => [u, [...pages].sort()]));
		},
		async close() {
			for (const thread of all) thread.send({ type: 'close' });
			await Promise.all(all.map((t) => t.next('closed')));
			await Promise.all(all.map((t) => t.worker.terminate()));
		},
	};
}
