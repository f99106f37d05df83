/**
 * Source path ⇄ doc id ⇄ URL. One function each, shared by the content loader, the link rewriter,
 * the checker and the agents' index so a page has one address everywhere.
 */
import { posix } from 'node:path';

export const DOC_EXTENSIONS = ['.mdx', '.md'] as const;
const INDEX_NAMES = ['readme', 'index'];

export const isDocFile = (path: string) => DOC_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext));

/**
 * `11-infrastructure/k3s-setup.mdx` → `11-infrastructure/k3s-setup`; a folder's `README` (or `index`)
 * is the folder itself, as on the repo host: `09-security/README.mdx` → `09-security`, root → `index`.
 */
export function docIdFromPath(relPath: string): string {
	const withoutExt = relPath.replace(/\\/g, '/').replace(/\.mdx?$/i, '');
	const segments = withoutExt.split('/').map((s) => s.toLowerCase());
	if (INDEX_NAMES.includes(segments.at(-1)!)) segments.pop();
	return segments.length === 0 ? 'index' : segments.join('/');
}

export const urlForId = (id: string) => (id === 'index' ? '/' : `/${id}/`);

/** Candidate source files a relative link target may mean, in preference order. */
export function candidateSources(relTarget: string): string[] {
	const clean = posix.normalize(relTarget.replace(/\\/g, '/')).replace(/^\.(?:\/|$)/, '');
	if (clean === '' || clean.endsWith('/') || !/\.[a-z0-9]+$/i.test(clean)) {
		const dir = clean === '' ? '' : clean.replace(/\/$/, '') + '/';
		return ['README.mdx', 'README.md', 'index.mdx', 'index.md'].map((n) => dir + n);
	}
	if (/\.mdx?$/i.test(clean)) {
		const stem = clean.replace(/\.mdx?$/i, '');
		// Authors write `.md` as on the repo host; the files are `.mdx`. Either spelling reaches the page.
		return clean.toLowerCase().endsWith('.mdx') ? [clean, `${stem}.md`] : [clean, `${stem}.mdx`];
	}
	return [clean];
}
