/**
 * What a built page's bytes are made of (scripts/bench/page-weight.ts), the breakdown behind the
 * ≤ 60 KB a page target of issue #16: each part weighed once, and nothing lost or counted twice.
 */
import { describe, expect, it } from 'vitest';
import { pageParts } from '../../scripts/bench/page-weight.ts';

// Each part written out, so the expected figure is its own length (all ASCII: one byte a character).
const META = '<meta charset="utf-8">';
const THEME = '<script>window.theme = 1;</script>';
const SIDEBAR_SCRIPT = '<script aria-hidden="true">restore();</script>';
const SIDEBAR = `<nav id="starlight__sidebar"><ul><li><a href="/a/">A</a></li></ul>${SIDEBAR_SCRIPT}</nav>`;
const CARET = '<svg class="caret"><path d="M0 0"/></svg>';
const DIAGRAM = '<svg id="mmd-1" role="img"><style>#mmd-1{fill:red}</style><rect/></svg>';
const CODE = '<div class="expressive-code"><pre><code>kubectl get pods</code></pre></div>';
const MODULE = '<script type="module" src="/_astro/x.js"></script>';
const PAGE = `<!doctype html><html><head>${META}${THEME}</head><body>${SIDEBAR}<main>${CARET}<p>Text</p><figure>${DIAGRAM}</figure>${CODE}</main>${MODULE}</body></html>`;

describe('pageParts', () => {
	const parts = pageParts(PAGE);

	it('weighs each part whole, inner scripts and styles included with the part that holds them', () => {
		expect(Object.fromEntries(parts)).toEqual({
			'<meta> in head': META.length,
			'inline scripts': THEME.length,
			sidebar: SIDEBAR.length,
			'icon SVGs': CARET.length,
			'diagram SVGs': DIAGRAM.length,
			'code blocks (Expressive Code)': CODE.length,
			'script elements with src': MODULE.length,
			other: PAGE.length - [META, THEME, SIDEBAR, CARET, DIAGRAM, CODE, MODULE].join('').length,
		});
	});

	it('adds up to the page, largest part first', () => {
		expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength(PAGE));
		const sizes = [...parts.values()];
		expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
	});

	it('counts bytes, not characters', () => {
		const html = `<html><head></head><body><footer>–</footer></body></html>`;
		expect(pageParts(html).get('footer')).toBe('<footer>–</footer>'.length + 2);
	});
});
