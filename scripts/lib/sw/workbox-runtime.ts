/**
 * The part of Workbox the site's service worker uses, bundled by esbuild into `workbox-<hash>.js`
 * (scripts/lib/service-worker.ts) and exposed to the worker as `self.workbox`: precaching with its
 * routing and the removal of older precaches (workbox-precaching), and taking over open pages at once
 * (workbox-core). The worker itself (sw.js) only calls these with the build's manifest.
 */
export { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
export { clientsClaim } from 'workbox-core';
