/**
 * Registers the site's service worker through workbox-window, and says so on a page the worker
 * served from its cache while the site cannot be reached (issue 23). Imported by src/scripts/offline.ts
 * once the page has loaded, so none of it is in what every page loads first.
 *
 * How the page knows it came from the cache: the worker precaches every page and answers them
 * cache-first, so a document whose navigation went through a service worker
 * (`PerformanceNavigationTiming.workerStart` > 0) is the cached copy; whether the site is down is
 * asked of the network itself (a HEAD of the worker's file, which is never precached), not guessed
 * from `navigator.onLine`, which stays true on a laptop whose VPN or cluster is gone.
 * A page a worker served that then sees a new worker take over (a deploy) says it may be outdated.
 */
import { Workbox } from 'workbox-window';
import { offlineNoticeText, SERVICE_WORKER_URL, UPDATED_NOTICE_TEXT } from '../lib/offline-copy.ts';

/** Styled in src/styles/docs.css; `offline-notice` or `update-notice` beside it says which. */
const NOTICE_CLASS = 'cache-notice';

function servedByWorker(): boolean {
	const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
	return (navigation?.workerStart ?? 0) > 0;
}

/** A banner first in the main column, above the title: read before any step is followed. */
function showNotice(className: string, text: string): void {
	if (document.querySelector(`.${className}`)) return;
	const notice = document.createElement('p');
	notice.className = `sl-banner ${NOTICE_CLASS} ${className}`;
	notice.setAttribute('role', 'status');
	notice.textContent = text;
	(document.querySelector('main') ?? document.body).prepend(notice);
}

async function siteReachable(): Promise<boolean> {
	if (!navigator.onLine) return false;
	try {
		return (await fetch(SERVICE_WORKER_URL, { method: 'HEAD', cache: 'no-store' })).ok;
	} catch {
		return false;
	}
}

async function updateNotice(): Promise<void> {
	if (await siteReachable()) document.querySelector('.offline-notice')?.remove();
	else showNotice('offline-notice', offlineNoticeText(document.querySelector('.build-stamp')?.textContent));
}

/**
 * `controllerAtLoad`: the worker that answered this page's navigation (null on a first visit). A page
 * a worker already controlled is a cached copy, and another worker controlling it since is a deploy's
 * (checked now too: the deploy's worker may have taken over before this module loaded). On the first
 * visit the worker's clientsClaim changes the controller too: not a deploy, and not reported.
 */
export function start(controllerAtLoad: ServiceWorker | null): void {
	const updated = () => controllerAtLoad && navigator.serviceWorker.controller !== controllerAtLoad && showNotice('update-notice', UPDATED_NOTICE_TEXT);
	navigator.serviceWorker.addEventListener('controllerchange', updated);
	updated();
	// A browser may refuse the worker (private windows, a policy, an automation that blocks workers):
	// the page works as it is without it, so the refusal is not the reader's error to see.
	new Workbox(SERVICE_WORKER_URL).register().catch(() => {});
	if (servedByWorker()) {
		void updateNotice();
		window.addEventListener('offline', () => void updateNotice());
		window.addEventListener('online', () => void updateNotice());
	}
}
