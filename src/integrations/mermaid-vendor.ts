/**
 * The client fallback for diagrams (src/integrations/mermaid-svg.ts renders them at build time; a
 * build without Chromium and `astro dev` leave them to the reader's browser). Serves mermaid's own ESM
 * build under /vendor/mermaid-<version>/ instead of bundling it through Vite. Bundled, the loader's
 * dynamic import pulls Vite's preload helper into a chunk shared with Starlight's search, so every page — diagram or not — would load extra JavaScript. Served as-is,
 * pages without a diagram load nothing of ours, and diagram pages fetch mermaid on demand.
 */
import { cpSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const require = createRequire(import.meta.url);
const mermaidDist = join(dirname(require.resolve('mermaid/package.json')), 'dist');
const version = (require('mermaid/package.json') as { version: string }).version;

/** Public URL of mermaid's entry module, used by src/components/MermaidLoader.astro. */
export const MERMAID_URL = `/vendor/mermaid-${version}/mermaid.esm.min.mjs`;
const PREFIX = `/vendor/mermaid-${version}/`;

export default function mermaidVendor(): AstroIntegration {
	return {
		name: 'neotool-mermaid-vendor',
		hooks: {
			'astro:server:setup': ({ server }) => {
				server.middlewares.use((req, res, next) => {
					if (!req.url?.startsWith(PREFIX)) return next();
					const file = normalize(join(mermaidDist, req.url.slice(PREFIX.length).split('?')[0]!));
					if (!file.startsWith(mermaidDist) || !existsSync(file)) return next();
					res.setHeader('Content-Type', 'text/javascript');
					createReadStream(file).pipe(res);
				});
			},
			'astro:build:done': ({ dir, pages }) => {
				const root = fileURLToPath(dir);
				// Copied only when a page loads it: with every diagram rendered at build time, none does.
				const html = (p: string) => join(root, p, 'index.html');
				if (!pages.some(({ pathname }) => existsSync(html(pathname)) && readFileSync(html(pathname), 'utf8').includes(PREFIX))) return;
				const out = join(root, PREFIX);
				mkdirSync(join(out, 'chunks/mermaid.esm.min'), { recursive: true });
				cpSync(join(mermaidDist, 'mermaid.esm.min.mjs'), join(out, 'mermaid.esm.min.mjs'));
				// Modules only: the source maps are 20 MB nobody reading a runbook needs.
				for (const name of readdirSync(join(mermaidDist, 'chunks/mermaid.esm.min')).filter((n) => n.endsWith('.mjs'))) {
					cpSync(join(mermaidDist, 'chunks/mermaid.esm.min', name), join(out, 'chunks/mermaid.esm.min', name));
				}
			},
		},
	};
}
