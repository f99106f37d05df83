/**
 * A built page made ready for the DR binder (scripts/lib/binder/paper.ts): its <main> alone under the
 * binder's stylesheet, details open, links sent to the published site, the build stamp read.
 */
import { describe, expect, it } from 'vitest';
import { PaperPageError, paperPage } from '../../scripts/lib/binder/paper.ts';

const built = `<!DOCTYPE html><html lang="en" dir="ltr" data-theme="dark"><head><meta charset="utf-8"><title>Restart &amp; Recover | NeoTool</title>
<link rel="stylesheet" href="/_astro/middleware.css"><link rel="stylesheet" href="/_astro/print.css" media="print"><script type="module" src="/_astro/theme.js"></script></head>
<body><header class="header"><a href="/">Home</a></header><nav class="sidebar"><a href="/other/">Other page</a></nav>
<main data-pagefind-body><h1 id="_top">Restart</h1><link rel="stylesheet" href="/_astro/ec.css">
<p>See <a href="../sibling/#steps">Sibling</a>, <a href="https://example.org/x">outside</a> and <a href="#steps">below</a>.</p>
<details class="doc-meta-more"><summary>Page details</summary><dl><dt>Kind</dt><dd>runbook</dd></dl></details>
<figure data-mermaid><div class="mermaid-svg"><svg viewBox="0 0 1 1"><style>#m{fill:red}</style></svg></div></figure>
<p class="build-stamp" data-build-commit="3e53da6f1c2a" data-build-date="2026-12-07T10:00:00.000Z">This copy: commit 3e53da6f1c2a, built 2026-12-07.</p></main>
<footer>site footer</footer></body></html>`;

describe('paperPage', () => {
	const { html, stamp } = paperPage(built, { path: '/ops/restart/', siteUrl: 'https://docs.neotool.io', printCss: 'h1 { color: black }' });
	const body = /<body>([\s\S]*)<\/body>/.exec(html)![1]!;

	it('prints the page\'s main alone, light, under the binder\'s stylesheet and no stylesheet of the site', () => {
		expect(html.startsWith('<!doctype html><html lang="en" dir="ltr" data-theme="light"><head><meta charset="utf-8"><title>Restart &#38; Recover | NeoTool</title><style data-binder-print>h1 { color: black }</style></head>')).toBe(true);
		expect(body.startsWith('<main data-pagefind-body><h1 id="_top">Restart</h1>')).toBe(true);
		expect(body.endsWith('</main>')).toBe(true);
		expect(html).not.toMatch(/<link|<script|Other page|site footer|class="header"/);
		// The diagram's own stylesheet is part of the drawing and stays.
		expect(body).toContain('<style>#m{fill:red}</style>');
	});

	it('opens every details and sends links into the site to the published site', () => {
		expect(body).toContain('<details open class="doc-meta-more">');
		expect(body).toContain('<a href="https://docs.neotool.io/ops/sibling/#steps">Sibling</a>');
		expect(body).toContain('<a href="https://docs.neotool.io/ops/restart/#steps">below</a>');
		expect(body).toContain('<a href="https://example.org/x">outside</a>');
	});

	it('reads the build stamp', () => {
		expect(stamp).toEqual({ text: 'This copy: commit 3e53da6f1c2a, built 2026-12-07.', commit: '3e53da6f1c2a', builtAt: '2026-12-07T10:00:00.000Z' });
	});

	it('refuses a page without <main>, and a stylesheet that would end its element', () => {
		expect(() => paperPage('<html><body><p>x</p></body></html>', { path: '/x/', siteUrl: 'https://d', printCss: '' })).toThrow(new PaperPageError("/x/ has no <main>, expected a page built by the site's layout"));
		expect(() => paperPage(built, { path: '/x/', siteUrl: 'https://d', printCss: 'a{}</style>' })).toThrow(PaperPageError);
	});
});
