// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { docLinksPlugin } from './src/plugins/doc-links.ts';
import { a11yPlugin } from './src/plugins/a11y.ts';
import { mermaidPlugin } from './src/plugins/mermaid.ts';
import { pagePolicySatteriPlugin, pagePolicyVitePlugin } from './src/plugins/page-policy.ts';
import { contentBoundaryVitePlugin } from './src/plugins/content-boundary.ts';
import { devCheckVitePlugin } from './src/plugins/dev-check.ts';
import mermaidVendor from './src/integrations/mermaid-vendor.ts';
import mermaidSvg from './src/integrations/mermaid-svg.ts';
import searchVocabulary from './src/integrations/search-vocabulary.ts';
import { shikiWholeLines } from './src/plugins/shiki-whole-lines.ts';
import { searchRanking } from './src/lib/search-ranking.ts';
import { sidebarFromDocs } from './src/lib/sidebar.ts';
import { devWatchIgnored } from './src/lib/dev-watch.ts';
import { CACHE_DIR, DOCS_DIR, EDIT_BASE_URL, OUT_DIR, SITE_DESCRIPTION, SITE_TITLE, SITE_URL } from './src/lib/site-config.ts';

// No outbound calls nobody asked for: Astro's anonymous telemetry and its new-version check (dev
// server) are off for this project, whoever runs it; both read these variables when they fire, which
// is after this file is loaded.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
process.env.ASTRO_DISABLE_UPDATE_CHECK ??= 'true';

export default defineConfig({
	site: SITE_URL,
	outDir: OUT_DIR,
	// Separate caches per output folder, so a fixture or benchmark build never reuses the site's content store.
	cacheDir: CACHE_DIR,
	trailingSlash: 'always',
	// Writes .astro/collections/*.schema.json plus a manifest that Astro's VS Code extension uses for
	// completion, hover text (our .describe()s) and validation of frontmatter inside .md/.mdx files.
	experimental: { contentIntellisense: true },
	markdown: {
		// Sätteri, Astro 7's default engine: it runs no remark/rehype plugins, so our two transforms are
		// written for its own mdast plugin API. Measured on the 1,000-doc bench corpus, its native
		// parser takes ~0.2 s where the unified (micromark) pipeline takes ~16 s; the checker parses
		// with it too (src/lib/markdown.ts), so the check and the build agree on every node.
		processor: satteri({ mdastPlugins: [pagePolicySatteriPlugin(), docLinksPlugin(DOCS_DIR), mermaidPlugin()], hastPlugins: [a11yPlugin()] }),
	},
	vite: {
		// Refuses an unsafe page before any of it runs, however the build is started (src/plugins/page-policy.ts).
		// …and anything a page imports through a symlink out of the docs folder (src/plugins/content-boundary.ts).
		// In `astro dev`, the authors' check on each page as it is served and saved, shown in the error overlay (src/plugins/dev-check.ts).
		plugins: [pagePolicyVitePlugin(), contentBoundaryVitePlugin(DOCS_DIR), devCheckVitePlugin(DOCS_DIR)],
		resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
		// astro dev watches sources, not the ~90,000 output files of builds and tests (src/lib/dev-watch.ts).
		server: { watch: { ignored: [devWatchIgnored(process.cwd(), DOCS_DIR, [OUT_DIR, CACHE_DIR])] } },
		build: {
			// Every script of the site's components and of Starlight is a file the browser fetches once and
			// caches, never text repeated in each page: Astro inlines a bundled script under 4 KB by default,
			// which put ~4.3 KB of the same scripts (~6 KB on a diagram page) into every page (issue #16,
			// ≤ 60 KB a page; docs/benchmarks.md). Other assets keep the default (`undefined`: 4 KB).
			assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
			rolldownOptions: {
				// Rolldown warns once per MDX page that Astro's own `"use astro:head-inject"` directive "may not
				// be preserved" (81 warnings per build); Astro handles it itself, upstream withastro/astro#18087.
				// Only that directive is silenced, so any other warning still reaches the build log.
				onLog(level, log, handler) {
					if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
					handler(level, log);
				},
			},
		},
	},
	integrations: [
		starlight({
			title: SITE_TITLE,
			description: SITE_DESCRIPTION,
			editLink: { baseUrl: EDIT_BASE_URL },
			lastUpdated: false,
			// One ranking for the site and the search evaluation (scripts/search/eval.ts).
			pagefind: { ranking: searchRanking },
			// Shiki has no PromQL/LogQL grammar; highlight them as plain text instead of warning per block.
			// A command cut off at the edge of the screen is a command half-read: long lines wrap, keep their
			// indentation and hang 2 columns further in (src/styles/docs.css marks each wrapped row); the copy
			// button still copies the original, unwrapped lines.
			expressiveCode: {
				shiki: { langAlias: { promql: 'txt', logql: 'txt', alertmanager: 'yaml' }, transformers: [shikiWholeLines] },
				defaultProps: { wrap: true, preserveIndent: true, hangingIndent: 2 },
			},
			components: {
				PageTitle: './src/components/PageTitle.astro',
				MarkdownContent: './src/components/MarkdownContent.astro',
				Banner: './src/components/Banner.astro',
				Sidebar: './src/components/Sidebar.astro',
				Search: './src/components/Search.astro',
				Head: './src/components/Head.astro',
				Footer: './src/components/Footer.astro',
				// "Edit page" with CONTRIBUTING.md beside it.
				EditLink: './src/components/EditLink.astro',
			},
			customCss: ['./src/styles/docs.css'],
			// Related / Referenced by in the table of contents.
			routeMiddleware: './src/route-data.ts',
			// Our own 404 (src/pages/404.astro): search pre-filled from the URL, nearest pages, no missing-entry warning.
			disable404Route: true,
			sidebar: sidebarFromDocs(DOCS_DIR),
		}),
		// Added explicitly so Starlight does not add its own plain `optimize: true`, which has been seen
		// to mangle inline <style> in SVG: static subtrees are still collapsed to HTML strings (on the
		// 1,000-doc bench: peak RSS 2.11 GB -> 1.67 GB, below vanilla Starlight's 1.76 GB), but <svg> and
		// <style> are left as written.
		mdx({ optimize: { ignoreElementNames: ['svg', 'style'] } }),
		// Diagrams to SVG before the pages render; mermaidVendor serves the client fallback.
		mermaidSvg(DOCS_DIR),
		// The words the search dialog corrects typing slips towards (src/lib/search-query.ts).
		searchVocabulary(DOCS_DIR),
		mermaidVendor(),
	],
});
