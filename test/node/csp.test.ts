/**
 * The Content-Security-Policy is computed from the built HTML (src/lib/csp.ts): the site's own inline
 * scripts get a hash, a script inside a page's content or an inline event handler stops the build
 * (scripts/lib/serving-files.ts), so no page can widen the policy for itself.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServingFilesError, writeServingFiles } from '../../scripts/lib/serving-files.ts';
import { collectInlineScripts, contentSecurityPolicy } from '../../src/lib/csp.ts';
import { TMP } from '../helpers/paths.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const THEME = `(() => { document.documentElement.dataset.theme = localStorage.getItem('starlight-theme') ?? 'dark'; })();`;
const html = (content: string, head = `<script is:inline>${THEME}</script>`) =>
	`<!doctype html><html><head>${head}<script type="module" src="/_astro/page.js"></script><script type="application/ld+json">{"@type":"WebPage"}</script></head><body><main><div class="sl-markdown-content"><p>Text<br>more</p>${content}</div><script>console.log('chrome')</script></main></body></html>`;

describe('collectInlineScripts', () => {
	it('collects the chrome\'s inline scripts, not external ones or data blocks', () => {
		const found = collectInlineScripts(html('<p>ok</p>'), 'index.html');
		expect([...found.scripts]).toEqual([THEME, "console.log('chrome')"]);
		expect(found.refused).toEqual([]);
	});

	it('refuses a script inside the page content, and inline event handlers anywhere', () => {
		const found = collectInlineScripts(html('<div><script>fetch("/steal")</script></div><img src="x.png" onerror="alert(1)">'), 'ops/x/index.html');
		expect(found.refused).toEqual(['ops/x/index.html: inline script inside the page content: "fetch(\\"/steal\\")"', 'ops/x/index.html: inline event handler `onerror` on <img>']);
		// The chrome's script after the content is still the chrome's: the content area closed before it.
		expect([...found.scripts]).toEqual([THEME, "console.log('chrome')"]);
	});
});

describe('contentSecurityPolicy', () => {
	it('allows scripts from the site and by hash only, and nothing framing it', () => {
		const csp = contentSecurityPolicy([THEME, THEME, 'b()']);
		expect(csp).toBe(
			`default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${[sha(THEME), sha('b()')].sort().join(' ')}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`,
		);
	});
});

describe('writeServingFiles', () => {
	mkdirSync(TMP, { recursive: true });
	const work = mkdtempSync(join(TMP, 'serving-'));
	afterAll(() => rmSync(work, { recursive: true, force: true }));
	const site = (name: string, page: string) => {
		const out = join(work, name, 'dist');
		const docs = join(work, name, 'docs');
		mkdirSync(join(out, 'ops/restart'), { recursive: true });
		mkdirSync(join(docs, 'ops'), { recursive: true });
		writeFileSync(join(docs, 'ops/restart.mdx'), '---\ntitle: Restart\nredirect_from: [/ops/old-restart/]\n---\n\nBody.\n');
		writeFileSync(join(out, 'ops/restart/index.html'), page);
		return { out, docs };
	};

	it('writes the CSP, the redirects and the list from the built pages', () => {
		const { out, docs } = site('ok', html('<p>ok</p>'));
		const summary = writeServingFiles(out, docs, 'https://docs.neotool.io');
		expect(summary).toMatchObject({ pages: 1, redirects: 1, inlineScripts: 2 });
		expect(readFileSync(join(out, '_nginx/csp.conf'), 'utf8')).toContain(`set $docs_csp "${summary.csp}";`);
		expect(readFileSync(join(out, '_nginx/redirects.conf'), 'utf8')).toContain('location = /ops/old-restart/ { return 301 /ops/restart/; }');
		expect(readFileSync(join(out, 'ops/old-restart/index.html'), 'utf8')).toContain('<meta http-equiv="refresh" content="0; url=/ops/restart/">');
		expect(readFileSync(join(out, 'published-urls.txt'), 'utf8').split('\n').filter((l) => l.startsWith('/'))).toEqual(['/ops/old-restart/', '/ops/restart/']);
	});

	it('stops, writing nothing, when a page carries a script of its own', () => {
		const { out, docs } = site('refused', html('<script>fetch("/steal")</script>'));
		expect(() => writeServingFiles(out, docs, 'https://docs.neotool.io')).toThrow(ServingFilesError);
		expect(() => readFileSync(join(out, '_nginx/csp.conf'))).toThrow();
		expect(() => readFileSync(join(out, 'ops/old-restart/index.html'))).toThrow();
	});
});
