/**
 * Every page's entry to the offline copy (loaded by src/components/Footer.astro as an external
 * module: the Content-Security-Policy has no room for inline script). Kept to a few hundred bytes:
 * the registration and the notices (src/scripts/offline-worker.ts, with workbox-window) are
 * imported once the page has loaded, which is also when Workbox advises registering, so that
 * precaching the site never competes with the page being read.
 */
import { shouldRegister } from '../lib/offline-registration.ts';

if (shouldRegister(location.protocol, 'serviceWorker' in navigator, import.meta.env.PROD)) {
	// Read now: by the time the module below runs, a deploy's worker may already have taken over.
	const controller = navigator.serviceWorker.controller;
	addEventListener('load', () => import('./offline-worker.ts').then((worker) => worker.start(controller)));
}
