/** Starts the link checker's site server on a worker thread (site-worker.ts) and talks to it. */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SiteReply, SiteRequest, SiteWorkerData } from './site-worker.ts';

export interface SiteServer {
	url: string;
	/** For each URL, the pages other than the first that carry a link to it (dedupe-links.ts `repeatsOf`). */
	repeatsOf: (urls: string[]) => Promise<Map<string, string[]>>;
	close: () => Promise<void>;
}

export async function startSiteServer(dist: string): Promise<SiteServer> {
	const worker = new Worker(new URL('./site-worker.ts', import.meta.url), { workerData: { dist } satisfies SiteWorkerData });
	const next = async <T extends SiteReply['type']>(type: T): Promise<Extract<SiteReply, { type: T }>> => {
		for (;;) {
			const [message] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([error]) => Promise.reject(error as Error))])) as [SiteReply];
			if (message.type === type) return message as Extract<SiteReply, { type: T }>;
		}
	};
	const send = (message: SiteRequest) => worker.postMessage(message);
	const { url } = await next('ready');
	return {
		url,
		async repeatsOf(urls) {
			send({ type: 'repeats', urls });
			return new Map((await next('repeats')).repeats);
		},
		async close() {
			send({ type: 'close' });
			await next('closed');
			await worker.terminate();
		},
	};
}
