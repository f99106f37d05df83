/**
 * Does the one SVG a page now carries per diagram (scripts/lib/mermaid-merge.ts, compacted by
 * scripts/lib/mermaid-compact.ts) draw what mermaid drew in each theme? For every mermaid diagram of a
 * docs tree: mermaid's own light and dark renders, and the page's SVG under Starlight's
 * `data-theme="light"` and `"dark"`, each alone on a page of headless Chromium; compared by what
 * Chromium paints (a screenshot of the SVG, pixel by pixel) and by the computed style and box of every
 * drawing element in document order. Also prints the bytes: both renders against the page's SVG.
 *
 *   node scripts/bench/diagram-themes.ts [docs dir]     (default: src/content/docs; exit 1 on a difference)
 */
import type { Page } from 'playwright-core';
import { diagramsOf } from '../../src/integrations/mermaid-svg.ts';
import { diagramKey } from '../../src/lib/mermaid-svg.ts';
import { launchChromium } from '../lib/chromium.ts';
import { mermaidPage, pageSvgs, renderThemes } from '../lib/mermaid-render.ts';

const DRAWING = 'path, rect, circle, ellipse, line, polyline, polygon, text, tspan, use, image';

/** Paint and geometry of every drawing element outside defs/markers, as Chromium computes them. */
const DESCRIBE = `(selector) => {
	const svg = document.querySelector('svg');
	return [...svg.querySelectorAll(selector)].filter((el) => !el.closest('defs, marker, symbol, linearGradient, radialGradient, pattern, filter, mask, clipPath')).map((el) => {
		const s = getComputedStyle(el);
		const b = el.getBBox();
		const r = (n) => Math.round(n * 10) / 10;
		return [el.tagName, s.fill, s.stroke, s.strokeWidth, s.strokeDasharray, s.opacity, s.fillOpacity, s.color, s.fontFamily, s.fontSize, s.fontWeight, s.filter, s.markerEnd.replace(/mmd-[0-9a-f]+(-light|-dark)?/, 'ID'), s.markerStart.replace(/mmd-[0-9a-f]+(-light|-dark)?/, 'ID'), s.visibility, s.display, el.tagName === 'text' || el.tagName === 'tspan' ? el.textContent : '', r(b.x), r(b.y), r(b.width), r(b.height)].join('|').replace(/mmd-[0-9a-f]+(-light|-dark)?/g, 'ID');
	});
}`;

async function look(page: Page, svg: string, theme: 'light' | 'dark') {
	await page.setContent(`<!doctype html><html data-theme="${theme}"><head><meta charset="utf-8"><style>body{margin:0;background:#fff}div{width:1200px}svg{max-width:100%;height:auto}</style></head><body><div>${svg}</div></body></html>`);
	const png = (await page.locator('svg').first().screenshot()).toString('base64');
	return { png, elements: (await page.evaluate(`(${DESCRIBE})(${JSON.stringify(DRAWING)})`)) as string[] };
}

/** Two screenshots compared pixel by pixel, decoded by the browser (a canvas), so no image library is needed. */
const PIXEL_DIFF = `async ([a, b]) => {
	const pixels = async (png) => {
		const img = new Image();
		img.src = 'data:image/png;base64,' + png;
		await img.decode();
		const canvas = new OffscreenCanvas(img.width, img.height);
		const ctx = canvas.getContext('2d');
		ctx.drawImage(img, 0, 0);
		return { size: img.width + 'x' + img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
	};
	const [x, y] = [await pixels(a), await pixels(b)];
	if (x.size !== y.size) return { sizes: [x.size, y.size], differing: -1, most: 0 };
	let differing = 0;
	let most = 0;
	for (let i = 0; i < x.data.length; i++) {
		const delta = Math.abs(x.data[i] - y.data[i]);
		if (delta > 0) differing++;
		if (delta > most) most = delta;
	}
	return { sizes: [x.size, y.size], differing, most };
}`;

const docs = process.argv[2] ?? 'src/content/docs';
const diagrams = diagramsOf(docs);
const browser = await launchChromium();
let failures = 0;
let before = 0;
let after = 0;
try {
	const render = await mermaidPage(browser);
	const view = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	const seen = new Set<string>();
	for (const d of diagrams) {
		const key = diagramKey(d.source);
		if (seen.has(key)) continue;
		seen.add(key);
		const raw = await renderThemes(render, d, key);
		const { svgs, separate } = pageSvgs(raw.light, raw.dark, key);
		before += raw.light.length + raw.dark.length;
		after += 'svg' in svgs ? svgs.svg.length : svgs.light.length + svgs.dark.length;
		const line: string[] = [];
		for (const theme of ['light', 'dark'] as const) {
			const old = await look(view, raw[theme], theme);
			const now = await look(view, 'svg' in svgs ? svgs.svg : svgs[theme], theme);
			const { sizes, differing, most } = (await view.evaluate(`(${PIXEL_DIFF})(${JSON.stringify([old.png, now.png])})`)) as { sizes: [string, string]; differing: number; most: number };
			const styleDiffs = old.elements.length === now.elements.length ? old.elements.filter((e, i) => e !== now.elements[i]).length : -1;
			const same = differing === 0 && styleDiffs === 0;
			if (!same) failures++;
			line.push(`${theme}: ${differing >= 0 ? `${differing} channel values differ (max ${most})` : `size ${sizes[0]} → ${sizes[1]}`}, ${old.elements.length} elements${styleDiffs === 0 ? ' same paint+box' : styleDiffs < 0 ? ` → ${now.elements.length}` : `, ${styleDiffs} differ`}`);
			if (styleDiffs > 0 && process.env.VERBOSE) {
				const i = old.elements.findIndex((e, j) => e !== now.elements[j]);
				line.push(`\n    was ${old.elements[i]}\n    now ${now.elements[i]}`);
			}
		}
		console.log(`${d.where}  ${raw.light.length + raw.dark.length} → ${'svg' in svgs ? svgs.svg.length : 'two SVGs'} bytes${separate ? ` (not merged: ${separate})` : ''}\n  ${line.join('\n  ')}`);
	}
} finally {
	await browser.close();
}
console.log(`${new Set(diagrams.map((d) => diagramKey(d.source))).size} diagrams, ${before} → ${after} bytes of SVG; ${failures} theme renders differ in pixels, paint or geometry`);
process.exitCode = failures > 0 ? 1 : 0;
