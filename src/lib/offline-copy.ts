/**
 * What the page decides about the service worker (scripts/lib/service-worker.ts), kept pure so a
 * node test covers it; src/scripts/offline.ts does the browser side.
 */

/** The worker's URL; its scope is the whole site. */
export const SERVICE_WORKER_URL = '/sw.js';

export interface RegistrationContext {
	/** `location.protocol`. */
	protocol: string;
	/** `window.isSecureContext`: service workers exist only there (https, or http on localhost). */
	secure: boolean;
	/** `'serviceWorker' in navigator`. */
	supported: boolean;
	/** `import.meta.env.PROD`: false under `astro dev`, whose pages change on every save. */
	production: boolean;
}

/**
 * Register only on a built site served over http(s): never from `file://` (the offline zip, which
 * has no worker and needs none), never under `astro dev` (a worker would serve stale pages while
 * the author edits), never where the browser has no service workers.
 */
export function shouldRegister(context: RegistrationContext): boolean {
	return context.production && context.supported && context.secure && /^https?:$/.test(context.protocol);
}

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
