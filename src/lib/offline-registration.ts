/**
 * Whether a page registers the site's service worker (scripts/lib/service-worker.ts): pure, for a
 * node test; called by src/scripts/offline.ts, every page's entry module, which must stay a few
 * hundred bytes (test/build/budgets.test.ts holds every page's JavaScript to vanilla Starlight's).
 *
 * Only on a built site served over http(s): never from `file://` (the offline zip, which has no
 * worker and needs none), never under `astro dev` (a worker would serve stale pages while the author
 * edits), never where the browser has no service workers (`navigator.serviceWorker` exists only in
 * a secure context: https, or http on localhost).
 */
export function shouldRegister(protocol: string, supported: boolean, production: boolean): boolean {
	return production && supported && /^https?:$/.test(protocol);
}
