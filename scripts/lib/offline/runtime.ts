/**
 * The offline copy's browser side (issue 23): a classic script, bundled by esbuild into
 * `_offline/offline.js` and loaded first in every page of the copy (scripts/lib/offline/html.ts).
 *
 * From `file://` the page's origin is `null`: Chromium refuses module scripts, `import()` and
 * workers there, and `fetch()` of a local file fails in every browser. So:
 * - the data the site fetches (Pagefind's entry, metadata, wasm, index, fragments and filters, and
 *   the search vocabulary) is shipped as classic scripts, `_offline/data/<site path>.js`, each
 *   calling `put()` with its bytes in base64; `fetch()` answers those site paths, and only those,
 *   from them (everything else goes to the browser's own fetch, which fails from file://);
 * - the one dynamic import left after re-bundling (Pagefind's UI importing `pagefind.js`, whose URL
 *   is computed at run time) is routed here (`load()`), to Pagefind re-bundled as a classic script,
 *   told to search without a worker;
 * - links the page creates itself (search results) point at the site's absolute paths: they are
 *   rewritten to the copy's files as they appear, as the build did for the page's own links.
 */

/** The site paths `_offline/data/` holds (set by the build through esbuild's `define`). */
declare const __OFFLINE_FILES__: readonly string[];

interface PagefindApi {
	options(options: Record<string, unknown>): Promise<void>;
	[name: string]: unknown;
}

declare global {
	interface Window {
		__neotoolOffline: OfflineApi;
		/** Pagefind's module namespace, set by `_offline/pagefind.js` (esbuild `globalName`). */
		__neotoolPagefind?: PagefindApi;
	}
}

export interface OfflineApi {
	/** The copy's root folder as a file: URL, ending in `/`. */
	root: string;
	/** What `import.meta.url` was for Pagefind (its base path is derived from it). */
	pagefindUrl: string;
	/** Called by each data script with its site path and content. */
	put(path: string, base64: string): void;
	/** Stands in for `import()` in the re-bundled scripts. */
	load(specifier: string): Promise<unknown>;
	/** Loads a stylesheet a bundled dynamic import depended on (Vite's preload list). */
	css(sitePath: string): Promise<void>;
	/** The copy's file URL for a site-absolute path (`/a/b/` → `<root>a/b/index.html`). */
	url(sitePath: string): string;
}

const script = document.currentScript as HTMLScriptElement;
const root = new URL('../', script.src).href;
const served = new Set(__OFFLINE_FILES__);
const arrived = new Map<string, (base64: string) => void>();
const loaded = new Map<string, Promise<Uint8Array>>();

function addScript(src: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const element = document.createElement('script');
		element.src = src;
		element.onload = () => resolve();
		element.onerror = () => reject(new Error(`offline copy: ${src} is missing from the unzipped folder`));
		document.head.append(element);
	});
}

function decode(base64: string): Uint8Array {
	const binary = atob(base64);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

/** The site path (no leading slash, no query or hash) a URL names inside the copy, if it does. */
function sitePath(specifier: string): string | undefined {
	const bare = specifier.split(/[?#]/)[0];
	// Chromium's location.origin is `file://` for a file: page, and Pagefind strips the origin from
	// its base path: `/home/me/site/pagefind/` is the copy's folder, `/pagefind/` the site's path.
	const absolute = new URL(bare, location.href).href;
	if (absolute.startsWith(root)) return absolute.slice(root.length);
	return bare.startsWith('/') && !bare.startsWith('//') ? bare.slice(1) : undefined;
}

function data(path: string): Promise<Uint8Array> {
	let bytes = loaded.get(path);
	if (!bytes) {
		bytes = new Promise<Uint8Array>((resolve, reject) => {
			arrived.set(path, (base64) => resolve(decode(base64)));
			addScript(`${root}_offline/data/${path}.js`).then(() => reject(new Error(`offline copy: _offline/data/${path}.js did not register its data`)), reject);
		});
		loaded.set(path, bytes);
	}
	return bytes;
}

const contentType = (path: string) => (path.endsWith('.json') ? 'application/json' : 'application/octet-stream');

const browserFetch = window.fetch.bind(window);
window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
	const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
	const path = sitePath(url);
	if (path === undefined || !served.has(path)) return browserFetch(input, init);
	return data(path).then((bytes) => new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-type': contentType(path) } }));
};

let pagefind: Promise<PagefindApi> | undefined;
function loadPagefind(): Promise<PagefindApi> {
	pagefind ??= addScript(`${root}_offline/pagefind.js`).then(() => {
		const api = window.__neotoolPagefind;
		if (!api) throw new Error('offline copy: _offline/pagefind.js did not register Pagefind');
		// Workers cannot start from file://: Pagefind searches on the page's own thread instead.
		return { ...api, options: (options: Record<string, unknown>) => api.options({ ...options, basePath: `${root}pagefind/`, noWorker: true }) };
	});
	return pagefind;
}

function load(specifier: string): Promise<unknown> {
	if (sitePath(specifier) === 'pagefind/pagefind.js') return loadPagefind();
	return Promise.reject(new Error(`offline copy: cannot load ${specifier}; only Pagefind is loaded on demand here`));
}

function css(path: string): Promise<void> {
	const href = `${root}${path.replace(/^\//, '')}`;
	if ([...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some((l) => l.href === href)) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const link = document.createElement('link');
		link.rel = 'stylesheet';
		link.href = href;
		link.onload = () => resolve();
		link.onerror = () => reject(new Error(`offline copy: ${path} is missing from the unzipped folder`));
		document.head.append(link);
	});
}

/** Folder paths are published with a trailing slash (trailingSlash: 'always'); their file is index.html. */
function url(path: string): string {
	const [, bare, rest] = /^([^?#]*)(.*)$/.exec(path)!;
	return `${root}${bare.replace(/^\//, '')}${bare.endsWith('/') ? 'index.html' : ''}${rest}`;
}

window.__neotoolOffline = { root, pagefindUrl: `${root}pagefind/pagefind.js`, put: (path, base64) => arrived.get(path)?.(base64), load, css, url };

function fixLink(anchor: Element): void {
	const href = anchor.getAttribute('href');
	if (href?.startsWith('/') && !href.startsWith('//')) anchor.setAttribute('href', url(href));
}
new MutationObserver((records) => {
	for (const record of records) {
		if (record.type === 'attributes' && (record.target as Element).matches('a')) fixLink(record.target as Element);
		for (const node of record.addedNodes) {
			if (!(node instanceof Element)) continue;
			if (node.matches('a[href]')) fixLink(node);
			for (const anchor of node.querySelectorAll('a[href]')) fixLink(anchor);
		}
	}
}).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
