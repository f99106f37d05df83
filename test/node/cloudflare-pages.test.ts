/**
 * The primary copy of the site is served by Cloudflare Pages, the mirror by nginx (ADR 0005). Pages
 * reads `_headers` and `_redirects` from the build (scripts/lib/cloudflare-pages.ts); these tests hold
 * them to deploy/nginx/, so a header, a cache rule or a redirect changed in one copy but not the
 * other fails here rather than in production.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { immutablePatterns, PagesFilesError, renderPagesHeaders, renderPagesRedirects, SECURITY_HEADERS } from '../../scripts/lib/cloudflare-pages.ts';
import { ServingFilesError, writeServingFiles } from '../../scripts/lib/serving-files.ts';
import { renderNginxMap } from '../../src/lib/redirects.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

const docsConf = readFileSync(join(ROOT, 'deploy/nginx/docs.conf'), 'utf8');
const nginxConf = readFileSync(join(ROOT, 'deploy/nginx/nginx.conf'), 'utf8');

/** `add_header Name value always;` lines of the server block, the value unquoted. */
function nginxHeaders(): Map<string, string> {
	const out = new Map<string, string>();
	for (const [, name, value] of docsConf.matchAll(/^\s*add_header\s+(\S+)\s+("[^"]*"|\S+)\s+always;/gm)) out.set(name!, value!.replace(/^"|"$/g, ''));
	return out;
}

/** nginx's `$docs_cache_control` map: first matching regex, else the default. */
function nginxCacheControl(path: string): string {
	const map = /map \$uri \$docs_cache_control \{([\s\S]*?)\n\t\}/.exec(nginxConf)![1]!;
	let fallback = '';
	for (const line of map.split('\n')) {
		const entry = /^\s*(~\S+|default)\s+"([^"]*)";/.exec(line);
		if (!entry) continue;
		if (entry[1] === 'default') fallback = entry[2]!;
		else if (new RegExp(entry[1]!.slice(1)).test(path)) return entry[2]!;
	}
	return fallback;
}

/** How Pages matches a `_headers` pattern: literal, with one `*` splat matching anything. */
const pagesMatches = (pattern: string, path: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path);

describe('renderPagesHeaders', () => {
	const headers = renderPagesHeaders("default-src 'self'", ['mermaid-12.3.0']);

	it('sends the CSP and every security header nginx sends, with the same values', () => {
		const nginx = nginxHeaders();
		expect(nginx.get('Content-Security-Policy')).toBe('$docs_csp');
		const expected = [...nginx].filter(([name]) => !['Content-Security-Policy', 'Cache-Control'].includes(name));
		expect(expected.length).toBeGreaterThanOrEqual(5);
		expect([...SECURITY_HEADERS].map(([name, value]) => [name, value]).sort()).toEqual(expected.sort());
		const all = headers.split('\n\n')[1]!;
		expect(all).toContain("/*\n  Content-Security-Policy: default-src 'self'\n");
		for (const [name, value] of expected) expect(all).toContain(`\n  ${name}: ${value}`);
	});

	it('marks immutable exactly the paths nginx caches for a year', () => {
		const samples = [
			'/_astro/page.BdX1a2.js',
			'/pagefind/fragment/en_1a2b.pf_fragment',
			'/pagefind/index/en_3c4d.pf_index',
			'/pagefind/filter/en_5e6f.pf_filter',
			'/pagefind/pagefind.js',
			'/pagefind/pagefind-entry.json',
			'/vendor/mermaid-12.3.0/mermaid.esm.min.mjs',
			'/workbox-6b19f60b.js',
			'/sw.js',
			'/index.html',
			'/11-infrastructure/offline-runbooks/index.html',
			'/downloads/neotool-dr-binder.pdf',
			'/docs-index.json',
		];
		const immutable = immutablePatterns(['mermaid-12.3.0']);
		for (const path of samples) {
			const nginxImmutable = nginxCacheControl(path).includes('immutable');
			expect({ path, immutable: immutable.some((pattern) => pagesMatches(pattern, path)) }).toEqual({ path, immutable: nginxImmutable });
		}
		for (const pattern of immutable) expect(headers).toContain(`${pattern}\n  Cache-Control: public, max-age=31536000, immutable\n`);
	});

	it('never sets Cache-Control on the catch-all rule (Pages would join two values with a comma)', () => {
		expect(headers.split('\n\n')[1]).not.toContain('Cache-Control');
		expect(headers.match(/^\/\*$/gm)).toHaveLength(1);
	});

	it('refuses a line Pages would drop, instead of publishing without a CSP', () => {
		expect(() => renderPagesHeaders(`script-src ${"'sha256-x' ".repeat(200)}`, [])).toThrow(PagesFilesError);
		expect(() => renderPagesHeaders(`script-src ${"'sha256-x' ".repeat(200)}`, [])).toThrow(/header line of 2\d{3} characters .*expected at most 2000/);
	});
});

describe('renderPagesRedirects', () => {
	it('has every 301 nginx has', () => {
		const redirects = [
			{ from: '/ops/old-restart/', to: '/ops/restart/', id: 'ops/restart' },
			{ from: '/old/', to: '/11-infrastructure/new/', id: '11-infrastructure/new' },
		];
		const pages = renderPagesRedirects(redirects).split('\n').filter((line) => line && !line.startsWith('#'));
		const nginx = [...renderNginxMap(redirects).matchAll(/location = (\S+) \{ return 301 (\S+); \}/g)].map(([, from, to]) => `${from} ${to} 301`);
		expect(pages).toEqual(nginx);
		expect(pages).toContain('/ops/old-restart /ops/restart/ 301');
		expect(pages).toContain('/ops/old-restart/index.md /ops/restart/index.md 301');
	});
});

describe('writeServingFiles writes the Pages files', () => {
	mkdirSync(TMP, { recursive: true });
	const work = mkdtempSync(join(TMP, 'pages-'));
	afterAll(() => rmSync(work, { recursive: true, force: true }));
	const site = (name: string, head: string) => {
		const out = join(work, name, 'dist');
		const docs = join(work, name, 'docs');
		mkdirSync(join(out, 'ops/restart'), { recursive: true });
		mkdirSync(join(out, 'vendor/mermaid-12.3.0'), { recursive: true });
		mkdirSync(join(docs, 'ops'), { recursive: true });
		writeFileSync(join(docs, 'ops/restart.mdx'), '---\ntitle: Restart\nredirect_from: [/ops/old-restart/]\n---\n\nBody.\n');
		writeFileSync(join(out, 'ops/restart/index.html'), `<!doctype html><html><head>${head}</head><body><main><div class="sl-markdown-content"><p>Body.</p></div></main></body></html>`);
		return { out, docs };
	};

	it('with the CSP the build computed, the vendor folder and the redirects', () => {
		const { out, docs } = site('ok', '<script>document.documentElement.dataset.theme = "dark";</script>');
		const summary = writeServingFiles(out, docs, 'https://docs.neotool.io');
		const headers = readFileSync(join(out, '_headers'), 'utf8');
		expect(headers).toContain(`/*\n  Content-Security-Policy: ${summary.csp}\n`);
		expect(headers).toContain('/vendor/mermaid-12.3.0/*\n  Cache-Control: public, max-age=31536000, immutable\n');
		expect(readFileSync(join(out, '_redirects'), 'utf8')).toContain('/ops/old-restart/ /ops/restart/ 301\n');
	});

	it('stops, writing nothing, when the CSP would not fit a Pages header line', () => {
		// Each distinct inline script adds a 54-character hash; 40 of them pass 2,000 characters.
		const scripts = Array.from({ length: 40 }, (_, i) => `<script>window.x${i} = ${i};</script>`).join('');
		const { out, docs } = site('too-long', scripts);
		expect(() => writeServingFiles(out, docs, 'https://docs.neotool.io')).toThrow(ServingFilesError);
		expect(() => writeServingFiles(out, docs, 'https://docs.neotool.io')).toThrow(/Cloudflare Pages header line of \d+ characters/);
		for (const file of ['_headers', '_redirects', '_nginx/csp.conf', 'ops/old-restart/index.html']) expect(existsSync(join(out, file))).toBe(false);
	});
});
