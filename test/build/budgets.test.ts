import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeVanillaProject } from '../../scripts/bench/vanilla.ts';
import { pageJavaScript } from '../helpers/page-js.ts';
import { FIXTURE_DIST, FIXTURE_DOCS, ROOT, SITE_DIST } from '../helpers/paths.ts';

const htmlFiles = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.html'));

describe('page weight budgets (real site)', () => {
	// What a reader waits for is what the server sends: nginx gzips HTML (deploy/nginx), and a diagram
	// page carries one SVG per diagram for both themes instead of ~0.9 MB of mermaid JavaScript.
	// Measured 2026-12-07 with a light and a dark copy of each: largest 41.3 KB gzipped (228 KB raw,
	// system-architecture, five diagrams), median 11.8 KB. The raw cap stays as a guard against a runaway page.
	it('keeps every HTML page under 48 KB gzipped and 256 KB raw', () => {
		const sizes = htmlFiles(SITE_DIST).map((f) => {
			const bytes = readFileSync(join(SITE_DIST, f));
			return { f, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
		});
		expect(sizes.length).toBeGreaterThan(50);
		expect(sizes.filter((s) => s.gzip > 48 * 1024 || s.raw > 256 * 1024)).toEqual([]);
	});

	it('gives diagram pages their SVGs at build time and no mermaid code at all', () => {
		const read = (f: string) => readFileSync(join(SITE_DIST, f), 'utf8');
		const withDiagram = htmlFiles(SITE_DIST).filter((f) => /<figure class="mermaid-diagram" data-mermaid(="")?[ >]/.test(read(f)));
		expect(withDiagram.length).toBeGreaterThanOrEqual(5);
		for (const f of withDiagram) {
			const html = read(f);
			// Every figure rendered, none left to the client loader, and each with ONE SVG whose colours
			// follow the theme (scripts/lib/mermaid-merge.ts), not a light and a dark copy.
			expect(html.match(/<figure class="mermaid-diagram"[^>]*>/g)!.every((tag) => tag.includes('data-mermaid-static'))).toBe(true);
			const svgsPerFigure = [...html.matchAll(/<figure class="mermaid-diagram"[^>]*>([\s\S]*?)<\/figure>/g)].map((m) => m[1]!.match(/<svg[ >]/g)?.length ?? 0);
			expect(svgsPerFigure.filter((n) => n !== 1), f).toEqual([]);
			expect(html).not.toContain('data-mermaid-loader');
			expect(pageJavaScript(SITE_DIST, f.replace(/index\.html$/, '')).files.filter((js) => /mermaid|elk|dagre/i.test(js))).toEqual([]);
		}
		// Nothing loads the client fallback, so it is not shipped.
		expect(existsSync(join(SITE_DIST, 'vendor'))).toBe(false);
	});
});

describe('JavaScript against vanilla Starlight (fixture page without a diagram)', () => {
	const vanilla = join(ROOT, '.cache/test-vanilla');
	beforeAll(() => {
		writeVanillaProject(vanilla, FIXTURE_DOCS, join(ROOT, 'node_modules'));
		execFileSync(process.execPath, [join(vanilla, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: vanilla, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'pipe' });
		return () => rmSync(vanilla, { recursive: true, force: true });
	}, 300_000);

	it('loads no more JavaScript than the same page on vanilla Starlight, and no mermaid', () => {
		// Vanilla routes the page by file name; ours by the same id.
		const ours = pageJavaScript(FIXTURE_DIST, 'guides/old-guide');
		const theirs = pageJavaScript(join(vanilla, 'dist'), 'guides/old-guide');
		expect(theirs.bytes).toBeGreaterThan(0);
		expect(ours.bytes).toBeLessThanOrEqual(theirs.bytes);
		expect(ours.files.filter((f) => /mermaid/i.test(f))).toEqual([]);
		console.info(`budget: guides/old-guide loads ${ours.bytes} B of JS (vanilla Starlight: ${theirs.bytes} B)`);
	});
});
