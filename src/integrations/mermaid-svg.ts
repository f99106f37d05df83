/**
 * Renders every mermaid diagram of the docs tree to SVG before the pages are built
 * (astro:build:start), in one headless Debian Chromium (scripts/lib/mermaid-render.ts); the pages then
 * put the SVGs in place (src/lib/mermaid-svg.ts) and load no mermaid JavaScript at all.
 *
 * Without Chromium the build says so in one line and the pages fall back to the client loader, so a
 * machine without a browser can still build and preview; in CI (CI=true) that is an error instead,
 * because CI must ship the pages readers get. A diagram mermaid cannot render fails the build with its
 * file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseDoc } from '../lib/markdown.ts';
import { hasMermaid } from '../plugins/mermaid.ts';
import { CI } from '../lib/site-config.ts';
import { chromiumPath, CHROMIUM } from '../../scripts/lib/chromium.ts';
import { DiagramError, renderDiagrams, uncached, type DiagramSource } from '../../scripts/lib/mermaid-render.ts';

/** Every ```mermaid fence under `docsDir`, parsed as the build parses it, so the text is the same. */
export function diagramsOf(docsDir: string): DiagramSource[] {
	const out: DiagramSource[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/\.mdx?$/.test(entry.name)) {
				const text = readFileSync(path, 'utf8');
				if (!hasMermaid(text)) continue;
				visit(parseDoc(text, path.endsWith('.mdx')), 'code', (node: Code) => {
					if (node.lang === 'mermaid') out.push({ source: node.value, where: `${relative(process.cwd(), path)}:${node.position?.start.line ?? 1}` });
				});
			}
		}
	};
	walk(docsDir);
	return out;
}

/**
 * The diagrams drawn into the cache ahead of the build, while scripts/build.ts runs the authors' check
 * in another process: the check is Node's work on one core, mermaid's drawing Chromium's on the other,
 * so `astro:build:start` below then finds every diagram cached. Never fails: without Chromium it draws
 * nothing, and from a diagram mermaid cannot draw it stops, leaving that one and the rest to the build's
 * own render, which reports it (after the check, which names a broken diagram first). Resolves to the
 * number drawn and the seconds taken, or null when nothing was drawn (renderDiagrams starts no browser
 * when every diagram is cached).
 */
export async function drawAhead(docsDir: string): Promise<{ drawn: number; seconds: number } | null> {
	if (!chromiumPath()) return null;
	const report = await renderDiagrams(diagramsOf(docsDir)).catch(() => null);
	return report && report.rendered.length > 0 ? { drawn: report.rendered.length, seconds: report.totalMs / 1000 } : null;
}

export default function mermaidSvg(docsDir: string): AstroIntegration {
	return {
		name: 'neotool-mermaid-svg',
		hooks: {
			'astro:build:start': async ({ logger }) => {
				const diagrams = diagramsOf(docsDir);
				if (diagrams.length === 0) return;
				// Diagrams already in the cache need no browser; only the others do.
				const missing = uncached(diagrams);
				if (missing.length > 0 && !chromiumPath()) {
					if (CI) {
						throw new Error(`diagrams: no Chromium at ${CHROMIUM}; CI renders every diagram at build time (install Debian's chromium).`);
					}
					logger.warn(`no Chromium at ${CHROMIUM}: ${missing.length} of ${diagrams.length} diagrams will render in the reader's browser (client fallback)`);
					return;
				}
				try {
					const report = await renderDiagrams(diagrams);
					const times = report.rendered.map((r) => r.ms);
					const each = times.length ? `, ${Math.min(...times)}–${Math.max(...times)} ms per diagram (light + dark)` : '';
					logger.info(`${diagrams.length} diagrams: ${report.rendered.length} rendered to SVG, ${report.cached} from the cache, in ${(report.totalMs / 1000).toFixed(1)} s${each}`);
					// Not an error (the page still shows the right one), but it doubles the diagram's weight.
					for (const s of report.separate) logger.warn(`${s.where}: light and dark renders differ beyond colours (${s.reason}); the page carries both SVGs`);
					if (process.env.MERMAID_REPORT) for (const r of report.rendered) logger.info(`  ${r.ms} ms  ${r.where}`);
				} catch (error) {
					if (error instanceof DiagramError) throw new Error(error.message);
					throw error;
				}
			},
		},
	};
}
