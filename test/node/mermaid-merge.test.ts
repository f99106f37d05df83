import { describe, expect, it } from 'vitest';
import { compactSvg } from '../../scripts/lib/mermaid-compact.ts';
import { mergeThemes } from '../../scripts/lib/mermaid-merge.ts';

// Shaped like mermaid's output (scripts/lib/mermaid-render.ts): the render's id prefixes its ids and
// its CSS selectors; the dark theme changes colours, adds a gradient for the "neo" look, and (in
// sequence diagrams) numbers some ids from a counter that ran on from the light render.
const render = (theme: 'light' | 'dark', over: { text?: string; width?: string; extra?: string } = {}) => {
	const id = `mmd-k-${theme}`;
	const c = theme === 'light' ? { text: '#333', fill: '#ECECFF', stroke: '#9370DB', neo: '#9370DB', shadow: '#000000', inline: '#fff', err: '#552222' } : { text: '#ccc', fill: '#1f2020', stroke: '#ccc', neo: `url(#${id}-gradient)`, shadow: '#FFFFFF', inline: '#000', err: '#a44141' };
	const actor = theme === 'light' ? 'actor15' : 'actor19';
	return (
		`<svg id="${id}" width="100%" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-labelledby="${id}-title"><title id="${id}-title">Flowchart (its source follows)</title>` +
		`<style>#${id}{font-family:"trebuchet ms",verdana;fill:${c.text};}#${id} .node rect{fill:${c.fill};stroke:${c.stroke};}#${id} [data-look="neo"].node rect{stroke:${c.neo};}#${id} .error-icon{fill:${c.err};}</style>` +
		`<g><marker id="${id}_pointEnd" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z"></path></marker><marker id="${id}_circleEnd" orient="auto"><circle cx="5" cy="5" r="5"></circle></marker></g>` +
		`<defs><filter id="${id}-drop-shadow"><feDropShadow dx="4" flood-color="${c.shadow}"></feDropShadow></filter></defs>` +
		(theme === 'dark' ? `<linearGradient id="${id}-gradient"><stop offset="0%" stop-color="#cccccc"></stop></linearGradient>` : '') +
		`<g class="node" data-look="neo" data-points="W3sieCI6MX1d" data-id="A"><rect width="${over.width ?? '10'}" height="5" style="fill:${c.inline};stroke-width:1px"></rect><text>${over.text ?? 'Restart'}</text></g>` +
		`<line id="${actor}" x1="1" class="actor-line"></line><use href="#${actor}"></use>` +
		`<path class="flowchart-link edge-solid flowchart-link" marker-end="url(#${id}_pointEnd)" d="M 1.123456789 2.5 L 3 4"></path>` +
		(over.extra ?? '') +
		`</svg>`
	);
};
const ids = { light: 'mmd-k-light', dark: 'mmd-k-dark', id: 'mmd-k' };

describe('one SVG for both themes (mergeThemes)', () => {
	it('turns every value that differs into a custom property, light by default and dark under data-theme', () => {
		const merged = mergeThemes(render('light'), render('dark'), ids);
		if (!('svg' in merged)) throw new Error(merged.reason);
		const { svg } = merged;
		expect(svg).not.toMatch(/mmd-k-(light|dark)/);
		expect(svg).toContain('<svg id="mmd-k" width="100%"');
		// Pairs in first-seen order, one property per distinct (light, dark) pair: the stroke and the
		// neo stroke share light #9370DB but differ in dark, so they are two.
		expect(svg).toContain(
			"<style>#mmd-k{--mmd-0:#333;--mmd-1:#ECECFF;--mmd-2:#9370DB;--mmd-3:#9370DB;--mmd-4:#552222;--mmd-5:#000000;--mmd-6:#fff}" +
				":root[data-theme='dark'] #mmd-k{--mmd-0:#ccc;--mmd-1:#1f2020;--mmd-2:#ccc;--mmd-3:url(#mmd-k-gradient);--mmd-4:#a44141;--mmd-5:#FFFFFF;--mmd-6:#000}" +
				'#mmd-k{font-family:"trebuchet ms",verdana;fill:var(--mmd-0);}#mmd-k .node rect{fill:var(--mmd-1);stroke:var(--mmd-2);}',
		);
		// A presentation attribute keeps its light value for CSS-less readers; the property follows the theme.
		expect(svg).toContain('flood-color="#000000" style="flood-color:var(--mmd-5)"');
		expect(svg).toContain('style="fill:var(--mmd-6);stroke-width:1px"');
		// The dark-only gradient comes along; the light render's counter ids stay.
		expect(svg).toContain('<linearGradient id="mmd-k-gradient">');
		expect(svg).toContain('<line id="actor15" x1="1" class="actor-line"></line><use href="#actor15"></use>');
	});

	it('refuses renders that differ beyond values, saying where', () => {
		expect(mergeThemes(render('light'), render('dark', { text: 'Reboot' }), ids)).toEqual({ reason: '<text> #13: different text' });
		expect(mergeThemes(render('light'), render('dark', { width: '12' }), ids)).toEqual({ reason: '<rect> #12: width="10" against width="12"' });
		expect(mergeThemes(render('light'), render('dark', { extra: '<text>x</text>' }), ids)).toEqual({ reason: '17 elements in the light render, 18 in the dark' });
	});
});

describe('a compact SVG (compactSvg)', () => {
	const merged = mergeThemes(render('light'), render('dark'), ids) as { svg: string };
	const svg = compactSvg(merged.svg);

	it('drops what nothing draws with: unreferenced markers and filters, unselected data-*, unmatched rules and their properties, repeated classes', () => {
		expect(svg).toContain('<marker id="mmd-k_pointEnd"');
		expect(svg).not.toContain('circleEnd');
		expect(svg).not.toContain('drop-shadow');
		expect(svg).not.toContain('data-points');
		expect(svg).not.toContain('data-id');
		expect(svg).toContain('data-look="neo"');
		// .error-icon matches nothing, so its rule goes, and with it the property only it used.
		expect(svg).not.toContain('error-icon');
		expect(svg).not.toContain('#552222');
		expect(svg).not.toContain('#a44141');
		expect(svg).toContain('--mmd-3:url(#mmd-k-gradient)');
		expect(svg).toContain('<linearGradient id="mmd-k-gradient">');
	});

	it('keeps what readers and the page rely on: ids, role, title, text, theme rules', () => {
		expect(svg).toMatch(/^<svg id="mmd-k" [^>]*role="img" aria-labelledby="mmd-k-title"/);
		expect(svg).toContain('<title id="mmd-k-title">Flowchart (its source follows)</title>');
		expect(svg).toContain('<text>Restart</text>');
		expect(svg).toContain(':root[data-theme=dark] #mmd-k{');
		expect(svg).toContain('<path class="flowchart-link edge-solid" marker-end="url(#mmd-k_pointEnd)"');
	});

	it('numbers mermaid\'s cross-render counters again from 0 and puts every id under the diagram\'s, references following', () => {
		const seq = '<svg id="mmd-s" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="mmd-s-title R2"><title id="mmd-s-title">Sequence</title>' +
			'<g><rect id="root-9" class="actor"/><text id="R2">R2</text><line id="actor9" class="actor-line"/></g><g><line id="actor7" class="actor-line"/><rect id="root-7" class="actor"/></g>' +
			'<use href="#actor9"/><marker id="mmd-s_arrowhead"><path d="M0 0"/></marker><path class="messageLine0" marker-end="url(#mmd-s_arrowhead)" d="M0 0"/></svg>';
		const out = compactSvg(seq);
		expect([...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])).toEqual(['mmd-s', 'mmd-s-title', 'mmd-s-root-1', 'mmd-s-R2', 'mmd-s-actor1', 'mmd-s-actor0', 'mmd-s-root-0', 'mmd-s_arrowhead']);
		expect(out).toContain('<use href="#mmd-s-actor1"/>');
		expect(out).toContain('aria-labelledby="mmd-s-title mmd-s-R2"');
		expect(out).toContain('marker-end="url(#mmd-s_arrowhead)"');
	});

	it('leaves an SVG that is not XML as it is', () => {
		const html = '<svg id="x"><foreignObject><div><p>a<br>b</p></div></foreignObject></svg>';
		expect(compactSvg(html)).toBe(html);
	});
});
