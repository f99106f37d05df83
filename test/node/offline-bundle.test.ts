/**
 * The offline zip's making (scripts/lib/offline-bundle.ts and scripts/lib/offline/*) on a small
 * output folder written here: same input → same bytes, in any time zone; links to files; module
 * scripts to one classic script; what the zip leaves out; a missing stylesheet refused.
 * The real site's zip in a browser is test/browser/offline-bundle.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineBundleError, OFFLINE_ZIP, writeOfflineBundle } from '../../scripts/lib/offline-bundle.ts';
import { offlinePage, offlineUrl } from '../../scripts/lib/offline/html.ts';
import { routeDynamicImports } from '../../scripts/lib/offline/scripts.ts';

const SITE = 'https://docs.example.test/';
const BUILT_AT = '2026-12-07T04:31:10.000Z';

const page = (body: string, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="/_astro/site.css">${head}
<script type="module" src="/_astro/page.js"></script><script type="module" src="/_astro/search.js"></script></head>
<body><main>${body}<p class="build-stamp" data-build-commit="0123456789ab" data-build-date="${BUILT_AT}">This copy: commit 0123456789ab, built 2026-12-07.</p></main></body></html>`;

const SOURCE: Record<string, string> = {
	'index.html': page('<a href="/runbooks/restore/#steps">Restore</a> <a href="/downloads/neotool-dr-binder.pdf">binder</a> <a href="https://example.org/">out</a> <a href="#top">top</a>'),
	'runbooks/restore/index.html': page('<a href="/">Home</a> <a href="/runbooks/">Runbooks</a><pre>&lt;a href="/not-a-link/"&gt;</pre><svg><a href="/runbooks/restore/"><text>in svg</text></a></svg>'),
	'runbooks/index.html': page('<a href="/runbooks/restore/">Restore</a>'),
	'_astro/site.css': 'body { color: black; }',
	'_astro/page.js': 'import { t } from "./shared.js"; document.body.dataset.page = t;',
	'_astro/shared.js': 'export const t = "shared";',
	'_astro/search.js': 'const load = () => import("./ui.js"); window.addEventListener("click", load);',
	'_astro/ui.js': 'export async function mount(base) { return import(`${base}pagefind.js`); }',
	'pagefind/pagefind.js': 'export const base = import.meta.url; export async function options(o) { return o; }',
	'pagefind/pagefind-entry.json': '{"version":"1.5.2"}',
	'pagefind/fragment/en_1.pf_fragment': 'fragment-bytes',
	'pagefind/pagefind-ui.js': 'unused',
	'search-vocabulary.json': '{"words":[]}',
	'sw.js': 'self.addEventListener("fetch", () => {});',
	'workbox-0123abcd.js': '// runtime',
	'_nginx/csp.conf': 'set $docs_csp "";',
	_headers: '/*\n  X-Frame-Options: DENY\n',
	_redirects: '/old/ /new/ 301\n',
	'published-urls.txt': '/\n',
	'downloads/neotool-dr-binder.pdf': '%PDF-1.7',
	'llms.txt': '# docs',
};

let dir = '';

function writeSite(files: Record<string, string>): void {
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), content);
	}
}

const zipBytes = () => readFileSync(join(dir, 'downloads', OFFLINE_ZIP));
const entries = () => unzipSync(zipBytes());

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'offline-bundle-'));
	writeSite(SOURCE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the offline zip', () => {
	it('has the same bytes for the same output, in any time zone, and its .sha256 in sha256sum format', async () => {
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'UTC';
			const first = await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
			const bytes = zipBytes();
			process.env.TZ = 'America/Los_Angeles';
			const second = await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
			expect(second.sha256).toBe(first.sha256);
			expect(Buffer.compare(zipBytes(), bytes)).toBe(0);
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
		const { createHash } = await import('node:crypto');
		expect(readFileSync(join(dir, 'downloads', `${OFFLINE_ZIP}.sha256`), 'utf8')).toBe(`${createHash('sha256').update(zipBytes()).digest('hex')}  ${OFFLINE_ZIP}\n`);
	});

	it('has the same bytes wherever the output folder is, a project\'s tsconfig.json above it included', async () => {
		const first = await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
		// As `npm run build` into the repository's own dist/: esbuild would read the tsconfig.json above
		// (Astro's strict one) and spell the re-bundled scripts differently from a build into /tmp.
		const project = mkdtempSync(join(tmpdir(), 'offline-project-'));
		try {
			writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, alwaysStrict: true, verbatimModuleSyntax: true } }));
			const nested = join(project, '.dist.building');
			for (const [path, content] of Object.entries(SOURCE)) {
				mkdirSync(dirname(join(nested, path)), { recursive: true });
				writeFileSync(join(nested, path), content);
			}
			const second = await writeOfflineBundle(nested, { siteUrl: SITE, builtAt: BUILT_AT });
			expect(second.sha256).toBe(first.sha256);
		} finally {
			rmSync(project, { recursive: true, force: true });
		}
	});

	it('stamps every entry with the build date (UTC) and mode 0644, in path order', async () => {
		await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
		const zip = zipBytes();
		const names: string[] = [];
		// Central directory records: signature 0x02014b50; DOS time and date at +12/+14, name at +46.
		for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
			const time = zip.readUInt16LE(at + 12);
			const date = zip.readUInt16LE(at + 14);
			expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([2026, 12, 7, 4, 31, 10]);
			expect(zip.readUInt32LE(at + 38) >>> 16).toBe(0o100644);
			names.push(zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)));
		}
		expect(names.length).toBeGreaterThan(5);
		expect(names).toEqual([...names].sort());
	});

	it('leaves out downloads/, the service worker, nginx\'s and Cloudflare Pages\' files, the URL list and Pagefind\'s raw files; keeps the rest', async () => {
		await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
		const names = Object.keys(entries());
		for (const left of ['downloads/neotool-dr-binder.pdf', 'sw.js', 'workbox-0123abcd.js', '_nginx/csp.conf', '_headers', '_redirects', 'published-urls.txt', 'pagefind/pagefind.js', 'pagefind/pagefind-ui.js']) expect(names).not.toContain(left);
		for (const kept of ['index.html', 'runbooks/restore/index.html', '_astro/site.css', 'llms.txt', 'search-vocabulary.json', '_offline/offline.js', '_offline/pagefind.js']) expect(names).toContain(kept);
		expect(names.some((n) => n.startsWith(`downloads/`))).toBe(false);
	});

	it('ships what the site fetches as script data, and nothing else', async () => {
		await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
		const zip = entries();
		const data = Object.keys(zip).filter((n) => n.startsWith('_offline/data/')).sort();
		expect(data).toEqual(['_offline/data/pagefind/fragment/en_1.pf_fragment.js', '_offline/data/pagefind/pagefind-entry.json.js', '_offline/data/search-vocabulary.json.js']);
		expect(strFromU8(zip['_offline/data/pagefind/fragment/en_1.pf_fragment.js'])).toBe(`__neotoolOffline.put("pagefind/fragment/en_1.pf_fragment","${Buffer.from('fragment-bytes').toString('base64')}");\n`);
	});

	it('rewrites page links to files relative to the page, folders to their index.html; links out of the copy to the site', async () => {
		await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
		const zip = entries();
		const index = strFromU8(zip['index.html']);
		expect(index).toContain('<a href="runbooks/restore/index.html#steps">Restore</a>');
		expect(index).toContain(`<a href="${SITE}downloads/neotool-dr-binder.pdf">binder</a>`);
		expect(index).toContain('<a href="https://example.org/">out</a> <a href="#top">top</a>');
		expect(index).toContain('<link rel="stylesheet" href="_astro/site.css">');
		const restore = strFromU8(zip['runbooks/restore/index.html']);
		expect(restore).toContain('<a href="../../index.html">Home</a> <a href="../index.html">Runbooks</a>');
		// Text that looks like a link is text: only elements' attributes change.
		expect(restore).toContain('<pre>&lt;a href="/not-a-link/"&gt;</pre>');
		expect(restore).toContain('<svg><a href="index.html"><text>in svg</text></a></svg>');
		expect(restore).toContain('<link rel="stylesheet" href="../../_astro/site.css">');
		expect(restore).toContain('<script src="../../_offline/offline.js"></script><link rel="stylesheet" href="../../_offline/offline.css">');
	});

	it('replaces a page\'s module scripts by one deferred classic script holding them all, dynamic imports routed to the runtime', async () => {
		await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
		const zip = entries();
		const index = strFromU8(zip['index.html']);
		expect(index).not.toContain('type="module"');
		const scripts = [...index.matchAll(/<script defer src="(_offline\/js\/[0-9a-f]{12}\.js)"><\/script>/g)].map((m) => m[1]);
		expect(scripts).toHaveLength(1);
		const code = strFromU8(zip[scripts[0]]);
		expect(code).toContain('"shared"');
		expect(code).toContain('__neotoolOffline.load(`${');
		expect(code).not.toMatch(/\bimport\s*\(/);
		expect(code).not.toMatch(/^\s*(import|export)\b/m);
		// Pages with the same scripts share the file.
		expect(strFromU8(zip['runbooks/index.html'])).toContain(`<script defer src="../${scripts[0]}"></script>`);
		expect(strFromU8(zip['_offline/pagefind.js'])).toContain('__neotoolOffline.pagefindUrl');
	});

	it('says on every page that it is the offline copy, with the page\'s own commit and date', async () => {
		await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT });
		const zip = entries();
		for (const name of ['index.html', 'runbooks/index.html', 'runbooks/restore/index.html']) {
			const html = strFromU8(zip[name]);
			expect(html).toContain('<main><p class="sl-banner offline-copy-note" role="note" data-offline-copy>Offline copy of the NeoTool operations docs: commit 0123456789ab, built 2026-12-07.');
			expect(html).toContain('data-build-date="2026-12-07T04:31:10.000Z"><strong>Offline copy</strong> (the downloaded zip). This copy: commit 0123456789ab');
		}
	});

	it('refuses a page that loads a stylesheet the output does not have, naming the page and the URL', async () => {
		writeSite({ 'runbooks/index.html': page('x', '<link rel="stylesheet" href="/_astro/gone.css">') });
		const error = await writeOfflineBundle(dir, { siteUrl: SITE, builtAt: BUILT_AT }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OfflineBundleError);
		expect((error as Error).message).toContain('runbooks/index.html: /_astro/gone.css');
	});
});

describe('offlineUrl', () => {
	const has = (path: string) => ['index.html', 'a/index.html', 'a/b/index.html', 'a/file.txt', 'a b/index.html'].includes(path);
	it.each([
		['/', 'a/b/index.html', '../../index.html', true],
		['/a/', 'a/b/index.html', '../index.html', true],
		['/a', 'index.html', 'a/index.html', true],
		['/a/b/?q=1#x', 'a/index.html', 'b/index.html?q=1#x', true],
		['/a/file.txt', 'a/b/index.html', '../file.txt', true],
		['/a%20b/', 'index.html', 'a%20b/index.html', true],
		['/gone/', 'index.html', 'gone/index.html', false],
	])('%s from %s → %s', (value, from, url, found) => {
		expect(offlineUrl(value, from, has)).toEqual({ url, found });
	});
	it.each(['//cdn.example/x.js', 'https://x.test/', 'b/', '#top', 'data:text/plain,x', ''])('leaves %j as it is', (value) => {
		expect(offlineUrl(value, 'index.html', has)).toBeUndefined();
	});
});

describe('offlinePage', () => {
	// Read with an HTML tokenizer, not a tree: what a tree would have said about each tag must still hold.
	it('changes only start tags\' URL attributes, at their source spans, as the HTML standard tokenizes them', () => {
		const source = [
			'<!doctype html><html><head><link rel=stylesheet href=/_astro/a.css><script type="module" src="/_astro/m.js"></script></head><body><main>',
			'<a HREF=\'/ops/\' href="/other/">first of a repeated name</a>',
			'<a href="/ops/?a=1&amp;b=2#x">entity in the value</a>',
			'<textarea><a href="/ops/"></textarea><script>const s = \'<a href="/ops/">\';</script><!-- <a href="/ops/"> -->',
			'<svg><a href="/ops/"><text>svg link</text></a></svg>',
			'<p class="x build-stamp" data-build-commit="abc123" data-build-date="2026-12-07T10:00:00Z">Built</p>',
			'<script type="module" src="/_astro/n.js"></script>',
			'</main></body></html>',
		].join('\n');
		const lists: string[][] = [];
		const page = offlinePage(
			source,
			{
				path: 'ops/x/index.html',
				has: (p) => ['index.html', 'ops/index.html', 'ops/x/index.html', '_astro/a.css'].includes(p),
				siteUrl: SITE,
				bundleFor: (list) => (lists.push([...list]), '_offline/js/b.js'),
			},
			(commit, date) => `copy ${commit} ${date}`,
		);
		expect(lists).toEqual([['/_astro/m.js', '/_astro/n.js']]);
		expect(page.missing).toEqual([]);
		expect(page.html).toBe(
			[
				'<!doctype html><html><head><script src="../../_offline/offline.js"></script><link rel="stylesheet" href="../../_offline/offline.css"><link rel=stylesheet href="../../_astro/a.css"><script defer src="../../_offline/js/b.js"></script></head><body><main><p class="sl-banner offline-copy-note" role="note" data-offline-copy>copy abc123 2026-12-07</p>',
				'<a href="../index.html" href="/other/">first of a repeated name</a>',
				'<a href="../index.html?a=1&amp;b=2#x">entity in the value</a>',
				'<textarea><a href="/ops/"></textarea><script>const s = \'<a href="/ops/">\';</script><!-- <a href="/ops/"> -->',
				'<svg><a href="../index.html"><text>svg link</text></a></svg>',
				'<p class="x build-stamp" data-build-commit="abc123" data-build-date="2026-12-07T10:00:00Z"><strong>Offline copy</strong> (the downloaded zip). Built</p>',
				'',
				'</main></body></html>',
			].join('\n'),
		);
	});
});

describe('routeDynamicImports', () => {
	it('routes import() expressions, found by parsing, and leaves strings and properties alone', () => {
		const code = 'const s = "import(x)"; obj.import(y); const m = import(`${b}pagefind.js`); /* import(z) */';
		expect(routeDynamicImports(code)).toBe('const s = "import(x)"; obj.import(y); const m = __neotoolOffline.load(`${b}pagefind.js`); /* import(z) */');
	});
});
