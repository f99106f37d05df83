/**
 * Renders mermaid diagrams to SVG in one headless Debian Chromium (playwright-core), light and dark,
 * for the build (src/integrations/mermaid-svg.ts). mermaid lays text out with the browser's own font
 * metrics, which is why it runs in a real browser rather than jsdom. Each diagram's SVG pair goes into
 * the render cache under its key (src/lib/mermaid-svg.ts), so a rebuild renders only what changed.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { cacheFile, diagramKey, MERMAID_CACHE_DIR, type RenderedDiagram } from '../../src/lib/mermaid-svg.ts';
import { compactSvg } from './mermaid-compact.ts';
import { mergeThemes } from './mermaid-merge.ts';

const MERMAID_JS = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist/mermaid.min.js');

export interface DiagramSource {
	source: string;
	/** Where it is, for error messages: `file:line`. */
	where: string;
}

export interface RenderReport {
	rendered: Array<{ where: string; ms: number }>;
	/** Diagrams whose two renders could not merge into one SVG, so their pages carry both, and why. */
	separate: Array<{ where: string; reason: string }>;
	cached: number;
	/** Wall time including the browser start, ms. */
	totalMs: number;
}

export class DiagramError extends Error {}

/**
 * In the page: one diagram in one theme. The same settings as the client loader
 * (src/components/MermaidLoader.astro): strict security, dagre layout. Then the accessibility the
 * diagram needs as an image: role="img", named by its accTitle (mermaid writes it as <title>) or else
 * by the kind of diagram, and described by its accDescr.
 */
// Kept as source text: the build loads this file through Vite, whose transform may wrap a function
// in helpers that do not exist in the page; a string reaches the page exactly as written.
const RENDER_IN_PAGE = `async ({ source, id, theme }) => {
	const m = window.mermaid;
	// htmlLabels off: labels as SVG <text>, not HTML in <foreignObject> (mermaid puts a <p> in a <span>
	// there, invalid HTML), so the SVG is valid, prints, and reads the same in any consumer.
	m.initialize({ startOnLoad: false, securityLevel: 'strict', layout: 'dagre', theme, htmlLabels: false, flowchart: { htmlLabels: false } });
	const { svg, diagramType } = await m.render(id, source);
	const box = document.createElement('div');
	box.innerHTML = svg;
	const el = box.querySelector('svg');
	// Attributes mermaid's sequence diagrams leave for their own bookkeeping, not SVG (rect/line name,
	// path x1); nothing draws with them.
	for (const e of el.querySelectorAll('rect[name], line[name]')) e.removeAttribute('name');
	for (const e of el.querySelectorAll('path[x1]')) e.removeAttribute('x1');
	el.setAttribute('role', 'img');
	el.removeAttribute('aria-roledescription');
	if (!el.querySelector(':scope > title')) {
		const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
		title.id = id + '-title';
		const kind = String(diagramType).replace(/-v\\d+$/, '').replace(/Diagram$/, ' diagram');
		title.textContent = kind.charAt(0).toUpperCase() + kind.slice(1) + ' (its source follows)';
		el.prepend(title);
		el.setAttribute('aria-labelledby', title.id);
	}
	return box.innerHTML;
}`;

/** The diagrams the cache has no SVGs for, one per distinct text. */
export function uncached(diagrams: DiagramSource[], dir = MERMAID_CACHE_DIR): DiagramSource[] {
	const seen = new Set<string>();
	return diagrams.filter((d) => {
		const key = diagramKey(d.source);
		if (seen.has(key)) return false;
		seen.add(key);
		return !existsSync(cacheFile(key, dir));
	});
}

/** A page of the browser with mermaid loaded, ready for `renderThemes`. */
export async function mermaidPage(browser: Browser): Promise<Page> {
	const page = await browser.newPage();
	await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
	await page.addScriptTag({ path: MERMAID_JS });
	return page;
}

/** One diagram as mermaid draws it in each theme, as it comes from mermaid (ids `mmd-<key>-light|dark`). */
export async function renderThemes(page: Page, d: DiagramSource, key: string): Promise<{ light: string; dark: string }> {
	const variant = (theme: 'default' | 'dark'): Promise<string> =>
		page.evaluate<string>(`(${RENDER_IN_PAGE})(${JSON.stringify({ source: d.source, id: `mmd-${key}-${theme === 'dark' ? 'dark' : 'light'}`, theme })})`).catch((error: Error) => {
			throw new DiagramError(`${d.where}: mermaid could not render this diagram: ${error.message.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0]}`);
		});
	return { light: await variant('default'), dark: await variant('dark') };
}

/**
 * What the page gets: one SVG whose colours follow the theme where the renders differ only in values
 * (scripts/lib/mermaid-merge.ts), else both; compacted either way (scripts/lib/mermaid-compact.ts).
 */
export function pageSvgs(light: string, dark: string, key: string): { svgs: { svg: string } | { light: string; dark: string }; separate?: string } {
	const merged = mergeThemes(light, dark, { light: `mmd-${key}-light`, dark: `mmd-${key}-dark`, id: `mmd-${key}` });
	if ('svg' in merged) return { svgs: { svg: compactSvg(merged.svg) } };
	return { svgs: { light: compactSvg(light), dark: compactSvg(dark) }, separate: merged.reason };
}

/** Renders every diagram not in the cache; throws DiagramError naming the diagram that failed. */
export async function renderDiagrams(diagrams: DiagramSource[], dir = MERMAID_CACHE_DIR): Promise<RenderReport> {
	const start = performance.now();
	const todo = new Map<string, DiagramSource>();
	let cached = 0;
	for (const d of diagrams) {
		const key = diagramKey(d.source);
		if (todo.has(key)) continue;
		if (existsSync(cacheFile(key, dir))) cached++;
		else todo.set(key, d);
	}
	const report: RenderReport = { rendered: [], separate: [], cached, totalMs: 0 };
	if (todo.size === 0) return { ...report, totalMs: performance.now() - start };
	mkdirSync(dir, { recursive: true });
	const browser = await launchChromium();
	try {
		const page = await mermaidPage(browser);
		for (const [key, d] of todo) {
			const t = performance.now();
			const { light, dark } = await renderThemes(page, d, key);
			const { svgs, separate } = pageSvgs(light, dark, key);
			if (separate) report.separate.push({ where: d.where, reason: separate });
			const ms = Math.round(performance.now() - t);
			const entry: RenderedDiagram = { ...svgs, ms };
			// Written whole or not at all, so an interrupted build never leaves half an entry.
			const file = cacheFile(key, dir);
			writeFileSync(`${file}.tmp`, JSON.stringify(entry));
			renameSync(`${file}.tmp`, file);
			report.rendered.push({ where: d.where, ms });
		}
	} finally {
		await browser.close();
	}
	return { ...report, totalMs: performance.now() - start };
}
