// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import remarkDocLinks from './src/plugins/remark-doc-links.ts';
import remarkMermaid from './src/plugins/remark-mermaid.ts';
import { sidebarFromDocs } from './src/lib/sidebar.ts';
import { CACHE_DIR, DOCS_DIR, EDIT_BASE_URL, OUT_DIR, SITE_DESCRIPTION, SITE_TITLE, SITE_URL } from './src/lib/site-config.ts';

export default defineConfig({
	site: SITE_URL,
	outDir: OUT_DIR,
	// Separate caches per output folder, so a fixture or benchmark build never reuses the site's content store.
	cacheDir: CACHE_DIR,
	trailingSlash: 'always',
	markdown: {
		// Astro 7's default engine (Sätteri) runs no remark/rehype plugins; our link rewriting and
		// mermaid placeholders are remark plugins, so we opt into the unified processor. Starlight
		// supports both and registers its own transforms on whichever is configured.
		processor: unified({ remarkPlugins: [[remarkDocLinks, { docsRoot: DOCS_DIR }], remarkMermaid] }),
	},
	vite: { resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } } },
	integrations: [
		starlight({
			title: SITE_TITLE,
			description: SITE_DESCRIPTION,
			editLink: { baseUrl: EDIT_BASE_URL },
			lastUpdated: false,
			pagefind: { ranking: { termFrequency: 0.8, pageLength: 0.6 } },
			components: {
				PageTitle: './src/components/PageTitle.astro',
				MarkdownContent: './src/components/MarkdownContent.astro',
				Banner: './src/components/Banner.astro',
				Sidebar: './src/components/Sidebar.astro',
				Head: './src/components/Head.astro',
			},
			customCss: ['./src/styles/docs.css'],
			sidebar: sidebarFromDocs(DOCS_DIR),
		}),
		// Added explicitly so Starlight does not add its own with `optimize: true`, which has been
		// seen to mangle inline <style> in SVG; our pages gain nothing measurable from it.
		mdx(),
	],
});
