/**
 * Registers the site's service worker through workbox-window, and says so on a page the worker
 * served from its cache while the site cannot be reached (issue 23). Loaded by every page
 * (src/components/Footer.astro) as an external module: the Content-Security-Policy has no room for
 * inline script.
 *
 * How the page knows it came from the cache: the worker precaches every page and answers them
 * cache-first, so a document whose navigation went through a service worker
 * (`PerformanceNavigationTiming.workerStart` > 0) is the cached copy; whether the site is down is
 * asked of the network itself (a HEAD of the worker's file, which is never precached), not guessed
 * from `navigator.onLine`, which stays true on a laptop whose VPN or cluster is gone.
 */
import { Workbox } from 'workbox-window';
import { offlineNoticeText, SERVICE_WORKER_URL, shouldRegister } from '../lib/offline-copy.ts';

const NOTICE_CLASS = 'offline-notice';

function servedByWorker(): boolean {
	const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
	return (navigation?.workerStart ?? 0) > 0;
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
	const existing = document.querySelector(`.${NOTICE_CLASS}`);
	if (await siteReachable()) {
		existing?.remove();
		return;
	}
	if (existing) return;
	const notice = document.createElement('p');
	notice.className = `sl-banner ${NOTICE_CLASS}`;
	notice.setAttribute('role', 'status');
	notice.textContent = offlineNoticeText(document.querySelector('.build-stamp')?.textContent);
	// First in the main column, above the title: read before any step is followed.
	const main = document.querySelector('main');
	(main ?? document.body).prepend(notice);
}

if (shouldRegister({ protocol: location.protocol, secure: window.isSecureContext, supported: 'serviceWorker' in navigator, production: import.meta.env.PROD })) {
	void new Workbox(SERVICE_WORKER_URL).register();
	if (servedByWorker()) {
		void updateNotice();
		window.addEventListener('offline', () => void updateNotice());
		window.addEventListener('online', () => void updateNotice());
	}
}
