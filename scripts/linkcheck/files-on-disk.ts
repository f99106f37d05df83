/**
 * Links to the site's own files that hold no links (scripts, stylesheets, images, fonts, Markdown
 * twins, …) are answered from the disk instead of over HTTP: a file that exists is skipped by
 * linkinator (`linksToSkip`), one that does not is left to it, which requests it and reports the 404.
 *
 * linkinator GETs every such URL, only to look at the status and throw the body away (it reads the
 * body of HTML, and of CSS with `checkCss`, which the check does not set); on a 1,000-page site that
 * was half of its ~2,100 requests, each a fetch through undici's web streams on the checker's thread.
 * Pages and stylesheets are always requested (their bodies are what linkinator reads), and so is
 * anything that is not plainly a file (a folder, a path without its file).
 */
import { statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

/** Extensions the site server may send as HTML or CSS, the two kinds of body linkinator reads. */
const READ_BY_LINKINATOR = new Set(['', '.html', '.htm', '.shtml', '.xhtml', '.xht', '.css']);

export interface FilesOnDisk {
	/** Whether `url` (absolute, under `base`) names a file of the site that exists and holds no links. */
	has: (url: string) => boolean;
	/** The URLs (without fragment) `has` found, as linkinator would have reported them checked. */
	found: ReadonlySet<string>;
}

export function filesOnDisk(dist: string, base: string): FilesOnDisk {
	const found = new Set<string>();
	const prefix = `${base}/`;
	return {
		has(url) {
			// Called for every link linkinator is shown; most are pages (a path ending in `/`), answered without parsing.
			const end = url.search(/[?#]/);
			if (!url.startsWith(prefix) || (end < 0 ? url : url.slice(0, end)).endsWith('/')) return false;
			const parsed = new URL(url);
			parsed.hash = '';
			// As linkinator keys it: without the fragment, with the query.
			const bare = parsed.href;
			if (found.has(bare)) return true;
			if (READ_BY_LINKINATOR.has(extname(parsed.pathname).toLowerCase())) return false;
			let path: string;
			try {
				path = decodeURIComponent(parsed.pathname);
			} catch {
				return false;
			}
			const file = normalize(join(dist, path));
			if (!file.startsWith(`${dist}/`) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return false;
			found.add(bare);
			return true;
		},
		found,
	};
}
