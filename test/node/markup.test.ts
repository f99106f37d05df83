/**
 * The markup allow-list (src/lib/markup-policy.ts) as the authors' check applies it (rule
 * `markup-unsafe`) and as the build's sanitiser applies it, plus the comment stripping the agents'
 * outputs rely on. The not-ok pages are test/fixtures/markup-site/pages/refused-*; the build test
 * (test/build/markup-sanitiser.test.ts) builds the same pages with the check skipped.
 */
import { describe, expect, it } from 'vitest';
import { withoutComments } from '../../src/lib/agents/html-comments.ts';
import { HTML_ELEMENTS, judgeElement, sanitizerOptions, schemeOf, SVG_ELEMENTS, urlAllowed } from '../../src/lib/markup-policy.ts';
import { sanitizeContent } from '../../src/lib/sanitize-content.ts';
import { linesOf, runCheck } from '../helpers/check.ts';

const SITE = 'test/fixtures/markup-site';
const positions = (lines: string[], rule: string) => lines.filter((l) => l.split(/\s+/)[1] === rule).map((l) => l.split(/\s+/).slice(0, 2).join(' '));

describe('rule markup-unsafe', () => {
	it('refuses every class of unsafe markup in MDX, each at its element or attribute', () => {
		const F = `${SITE}/pages/refused-mdx.mdx`;
		const result = runCheck(['--root', SITE, F]);
		// One line per thing the page must not contain, written from the page (not from the rule's output).
		expect(positions(linesOf(result), 'markup-unsafe')).toEqual(
			[
				'15:1', // <iframe srcDoc>
				'17:4', // href="javascript:…"
				'19:32', // SVG <animate> of an href
				'21:1', // <meta http-equiv="refresh">
				'23:1', // <base href>
				'25:1', // <form action>
				'25:28', // <input> inside it
				'27:1', // <object>
				'29:1', // <embed>
				'31:1', // <style> element
				'33:4', // style attribute
				'35:4', // hidden
				'37:37', // onError
				'39:6', // dangerouslySetInnerHTML
				'41:6', // set:html
				'43:1', // <script>
				'45:1', // <link>
				'47:1', // <marquee>: on no list
				'49:4', // data: URL
				'49:52', // " JaVa&#x09;Script:" URL
				'53:3', // a Markdown link to vbscript:
				'55:4', // href={'javascript:…'}: a literal expression is judged like a string
				'59:28', // <iframe> inside an allowed component's children
				'62:3', // href on the second line of a tag: the attribute's own line
			].map((p) => `${F}:${p} markup-unsafe`),
		);
		expect(linesOf(result)).toContain(`${F}:31:1  markup-unsafe  Unexpected \`<style>\`, expected no \`<style>\` in pages: it restyles the whole site and can hide the page or paint a fake notice over it`);
		expect(linesOf(result)).toContain(`${F}:35:4  markup-unsafe  Unexpected \`hidden\` on \`<p>\`, expected no \`hidden\` in pages: text readers never see must not be in a page (agents would read it)`);
		expect(result.status).toBe(1);
		expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
	});

	it('refuses the same classes in raw HTML of a .md page, after entity decoding and case folding', () => {
		const F = `${SITE}/pages/refused-plain.md`;
		const result = runCheck(['--root', SITE, F]);
		expect(positions(linesOf(result), 'markup-unsafe')).toEqual(
			[
				'15:1', // <iframe srcdoc="&lt;script&gt;…">
				'17:4', // href="javascript&#58;…"
				'19:32', // SVG <animate>
				'21:1', // <meta http-equiv="refresh">
				'23:1', // <base href>
				'25:1', // <form action>
				'25:31', // <input>
				'27:1', // <object>
				'29:1', // <embed>
				'31:1', // <style> element
				'33:4', // style attribute
				'35:4', // hidden
				'37:37', // onerror
				'41:1', // <script>
				'43:1', // <link>
				'45:1', // <marquee>
				'47:44', // <span hidden> inside a sentence
				'49:3', // a Markdown link to data:
				'49:71', // an autolink to vbscript:
				'51:29', // ONERROR on <IMG>
				'56:3', // <iframe> on a list item's second line, its indentation counted
			].map((p) => `${F}:${p} markup-unsafe`),
		);
		expect(linesOf(result)).toContain(`${F}:17:4  markup-unsafe  Unexpected \`javascript:\` URL in \`href\` on \`<a>\`, expected an https, http, mailto or relative URL`);
		expect(result.status).toBe(1);
	});

	it('takes over the HTML findings the mdx-unsafe fixture used to get from mdx-safety', () => {
		const dir = 'test/fixtures/check/mdx-unsafe';
		const F = `${dir}/not-ok.mdx`;
		const result = runCheck(['--root', dir, F]);
		expect(positions(linesOf(result), 'markup-unsafe')).toEqual(
			[
				'20:1', // <script>
				'22:1', // <button> (a form control; its onClick with it)
				'24:4', // <a href="javascript:…">
				'24:43', // [a link](javascript:…)
				'26:6', // dangerouslySetInnerHTML
				'28:6', // set:html
			].map((p) => `${F}:${p} markup-unsafe`),
		);
	});

	it('lets every allowed form through: components, structural HTML, SVG shapes, safe URLs', () => {
		for (const page of ['allowed.mdx', 'allowed-plain.md']) {
			const result = runCheck(['--root', SITE, `${SITE}/${page}`]);
			expect(linesOf(result), page).toEqual([]);
			expect(result.status, page).toBe(0);
		}
	});
});

describe('markup policy', () => {
	it('reads a URL scheme as a browser does', () => {
		expect(schemeOf('javascript:alert(1)')).toBe('javascript');
		expect(schemeOf(' \u0001JaVa\tScr\nipt:alert(1)')).toBe('javascript');
		expect(schemeOf('java\u0000script:alert(1)')).toBeUndefined(); // not a scheme: a relative path
		expect(schemeOf('./page.md#x')).toBeUndefined();
		expect(schemeOf('//cdn.example/x')).toBeUndefined();
		for (const ok of ['https://neotool.io/', 'http://localhost:3000', 'mailto:sre@neotool.io', '../a.md', '#steps', '/ops/']) expect(urlAllowed(ok), ok).toBe(true);
		for (const bad of ['javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'blob:https://a/b', 'ftp://a']) expect(urlAllowed(bad), bad).toBe(false);
	});

	it('judges JSX and HTML spellings of one attribute alike', () => {
		expect(judgeElement('svg', [{ name: 'strokeWidth', value: '2' }, { name: 'stroke-width', value: '2' }, { name: 'viewBox', value: '0 0 1 1' }])).toEqual([]);
		expect(judgeElement('iframe', [{ name: 'srcDoc', value: '<script>' }]).map((f) => f.message)).toEqual([expect.stringContaining('`<iframe>`')]);
		expect(judgeElement('p', [{ name: 'onClick', value: 'x' }, { name: 'on-click', value: 'x' }]).map((f) => f.attribute)).toEqual(['onClick', 'on-click']);
		expect(judgeElement('div', [{ name: 'className', value: 'sr-only' }]).map((f) => f.attribute)).toEqual(['className']);
		// href={['javascript:…']} would render as the string inside: an expression that is no single string is refused in a URL attribute.
		expect(judgeElement('a', [{ name: 'href', value: null, opaque: true }]).map((f) => f.message)).toEqual([expect.stringContaining('Unexpected expression in `href`')]);
	});

	it('allows only the listed components and their props', () => {
		expect(judgeElement('Image', [{ name: 'of', value: 'postgresql' }])).toEqual([]);
		expect(judgeElement('Image', [{ name: 'style', value: 'display:none' }]).map((f) => f.attribute)).toEqual(['style']);
		expect(judgeElement('LinkCard', [{ name: 'title', value: 'x' }, { name: 'href', value: 'javascript:x' }]).map((f) => f.attribute)).toEqual(['href']);
		expect(judgeElement('Tabs', [])).toEqual([{ message: expect.stringContaining('Unexpected component `<Tabs>`') }]);
	});
});

describe('build sanitiser', () => {
	it('removes what runs, redirects, embeds, restyles or hides, and keeps the text readers should see', () => {
		const dirty = [
			'<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
			'<a href="javascript&#58;alert(1)">a</a><a href=" JaVa&#x09;Script:alert(1)">b</a><a href="https://neotool.io/">c</a>',
			'<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>s</text></a></svg>',
			'<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">',
			'<form action="https://evil.example/"><input name="p"></form><object data="x"></object><embed src="x">',
			'<style>main{display:none}</style><p style="position:fixed">fake notice</p><p hidden>for agents</p>',
			'<img src="/x.png" onerror="alert(1)"><script>alert(1)</script><script type="module" src="https://evil.example/x.js"></script><!-- comment -->',
		].join('\n');
		const { html, changed } = sanitizeContent(dirty);
		expect(changed).toBe(true);
		for (const gone of ['<iframe', 'srcdoc', 'javascript', 'animate', '<meta', '<base', '<form', '<input', '<object', '<embed', '<style', 'style=', 'hidden', 'onerror', '<script', 'alert', 'comment', 'evil.example']) {
			expect(html, gone).not.toContain(gone);
		}
		expect(html).toContain('<a href="https://neotool.io/">c</a>');
		expect(html).toContain('<p>fake notice</p>');
		expect(html).toContain('<p>for agents</p>');
	});

	it('is configured from the lists the check uses: every allowed element in, every refused one out', () => {
		const options = sanitizerOptions();
		for (const tag of [...Object.keys(HTML_ELEMENTS), ...Object.keys(SVG_ELEMENTS)]) expect(options.allowedTags, tag).toContain(tag);
		for (const tag of ['iframe', 'object', 'embed', 'frame', 'form', 'textarea', 'select', 'base', 'meta', 'style', 'template', 'noscript', 'animate', 'set', 'foreignobject', 'marquee']) {
			expect(options.allowedTags, tag).not.toContain(tag);
		}
		const attributes = Object.values(options.allowedAttributes as Record<string, string[]>).flat();
		expect(attributes.filter((a) => /^(on|hidden$|srcdoc$|set:html$|dangerously)/i.test(a))).toEqual([]);
		expect(options.allowedSchemes).toEqual(['https', 'http', 'mailto']);
	});

	it('keeps what the renderer itself writes, values narrowed', () => {
		const rendered = '<div class="expressive-code"><link rel="stylesheet" href="/_astro/ec.abc.css"><script type="module" src="/_astro/ec.abc.js"></script><pre data-language="bash"><code><span style="--0:#82AAFF;--1:#3B61B0">kubectl</span></code></pre></div><ul><li><input type="checkbox" checked disabled aria-label="Done"> done</li></ul>';
		expect(sanitizeContent(rendered).changed).toBe(false);
		expect(sanitizeContent('<span style="--0:#fff;position:fixed">x</span>').html).toBe('<span style="--0:#fff">x</span>');
		expect(sanitizeContent('<script type="module" src="/_astro/ec.abc.js">alert(1)</script>').html).toBe('');
		expect(sanitizeContent('<link rel="stylesheet" href="https://evil.example/x.css">').html).toBe('');
	});
});

describe('HTML comments in agents outputs', () => {
	it('are cut out, the rest left byte for byte', () => {
		expect(withoutComments('<!-- hidden -->')).toBe('');
		expect(withoutComments('<kbd>a</kbd><!-- x -->b')).toBe('<kbd>a</kbd>b');
		expect(withoutComments('<details>\n<!-- a --><summary>S</summary><!-- b\nc -->')).toBe('<details>\n<summary>S</summary>');
		expect(withoutComments('<span>1 < 2</span>')).toBe('<span>1 < 2</span>');
	});
});
