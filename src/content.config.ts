import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';
import { defineCollection } from 'astro:content';
import { frontmatterSchema } from '../schemas/frontmatter.ts';
import { DOCS_DIR } from './lib/site-config.ts';
import { assertInsideDocs, assertOneFilePerRoute } from './plugins/content-boundary.ts';
import { docIdFromPath, urlForId } from './lib/routes.ts';

export const collections = {
	docs: defineCollection({
		// Starlight's docsLoader pins the folder; the glob loader with the same pattern lets a fixture
		// tree (DOCS_DIR) build through the same config, and maps README to its folder's route.
		loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: DOCS_DIR, generateId: ({ entry }) => {
			// A page that is a symlink out of the docs folder is refused, not published (src/plugins/content-boundary.ts).
			assertInsideDocs(DOCS_DIR, entry);
			const id = docIdFromPath(entry);
			// …and so is a second file for a route: the loader would keep one and drop the other.
			assertOneFilePerRoute(DOCS_DIR, entry, id, urlForId(id));
			return id;
		} }),
		schema: docsSchema({ extend: frontmatterSchema }),
	}),
	// Starlight's UI strings, overridden in src/content/i18n/en.json (the site is English only); without
	// the collection Starlight warns on every build.
	i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
