/**
 * What the page says about the service worker's copy (scripts/lib/service-worker.ts), kept pure so
 * a node test covers it; src/scripts/offline-worker.ts does the browser side. Whether to register at
 * all is src/lib/offline-registration.ts, apart so every page's entry module stays small.
 */

/** The worker's URL; its scope is the whole site. */
export const SERVICE_WORKER_URL = '/sw.js';

/**
 * The notice on a page the worker served from its cache while the site could not be reached. The
 * stamp is the page's own footer line (src/components/Footer.astro), so it names the build the
 * cached copy came from, not the one deployed now.
 */
export function offlineNoticeText(footerStamp: string | null | undefined): string {
	const stamp = footerStamp?.trim().replace(/^This copy:\s*/, '').replace(/\.$/, '');
	return `Offline copy from this browser's cache: the site cannot be reached, so this page may be older than the deployed one.${stamp ? ` Cached copy: ${stamp}.` : ''}`;
}

/**
 * The notice on a page cached before a deploy whose new worker has since taken over: the worker
 * answers cache-first, so the first page opened after a deploy is the earlier copy (the browser
 * checks `sw.js` at that navigation and the new worker installs in the background).
 */
export const UPDATED_NOTICE_TEXT = 'The site has been updated since this page was cached: reload to read the current version.';
