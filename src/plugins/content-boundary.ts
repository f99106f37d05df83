/**
 * The build reads nothing from outside the docs folder through it. The authors' check refuses a
 * symlink that leaves the folder (scripts/check/rules/files.ts), but `npx astro build` and
 * `astro dev` do not run the check: Vite follows a symlinked image to its target and Astro copies
 * that file into dist/_astro/ (an `id_rsa` published as a PNG), and the content loader would read a
 * symlinked page from anywhere. So the build refuses both itself:
 * - a Vite plugin: a module imported through a path inside the docs folder must really be there;
 * - `assertInsideDocs`, called by the content loader for every page it finds (src/content.config.ts).
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The error both refusals throw: the authors' one-line format, so the build log reads like the check. */
export class ContentBoundaryError extends Error {
	constructor(link: string, target: string) {
		super(`${link}:1:1  file-symlink  Unexpected symlink to \`${target}\`, outside the docs folder; expected a file inside it (the build would publish the target)`);
		this.name = 'ContentBoundaryError';
	}
}

const inside = (folder: string, path: string) => path === folder || path.startsWith(folder + sep);

/**
 * Throws when `path`, which is written as a place inside `docsDir`, really is a file outside it (a
 * symlink, or a folder on the way that is one). A path that does not exist is left to whoever reads it.
 */
export function assertInsideDocs(docsDir: string, path: string): void {
	const lexical = resolve(docsDir, path);
	if (!inside(resolve(docsDir), lexical)) return;
	let real: string;
	let realDocs: string;
	try {
		real = realpathSync(lexical);
		realDocs = realpathSync(docsDir);
	} catch {
		return;
	}
	if (!inside(realDocs, real)) throw new ContentBoundaryError(relative(process.cwd(), lexical), real);
}

/** The Vite side: every import resolved from a file in the docs folder (images above all) is checked before it is loaded. */
export function contentBoundaryVitePlugin(docsDir: string): Plugin {
	return {
		name: 'neotool-content-boundary',
		enforce: 'pre',
		resolveId(source, importer) {
			if (!importer || source.startsWith('\0') || importer.startsWith('\0')) return null;
			const importerPath = importer.split('?')[0]!;
			if (!inside(resolve(docsDir), importerPath)) return null;
			const request = source.split('?')[0]!;
			// Only paths: bare specifiers are packages, `/…` and `~/…` leave the docs folder by design.
			if (!request.startsWith('.') && !isAbsolute(request)) return null;
			assertInsideDocs(docsDir, isAbsolute(request) ? request : resolve(dirname(importerPath), request));
			return null;
		},
	};
}
