/**
 * The build reads nothing from outside the docs folder through it. The authors' check refuses a
 * symlink that leaves the folder (scripts/check/rules/files.ts), but `npx astro build` and
 * `astro dev` do not run the check: Vite follows a symlinked image to its target and Astro copies
 * that file into dist/_astro/ (an `id_rsa` published as a PNG), and the content loader would read a
 * symlinked page from anywhere. So the build refuses both itself:
 * - a Vite plugin: a module imported through a path inside the docs folder must really be there;
 * - `assertInsideDocs`, called by the content loader for every page it finds (src/content.config.ts).
 * The loader also refuses two files for one route (`assertOneFilePerRoute`): it would keep one and
 * drop the other with a warning, so a second page could silently replace a runbook.
 */
import { existsSync, realpathSync } from 'node:fs';
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

/** The error for a second file that builds a route another file builds. */
export class RouteCollisionError extends Error {
	constructor(second: string, first: string, route: string) {
		super(`${second}:1:1  file-route  Unexpected second page for the route \`${route}\`: \`${first}\` builds it too; expected one file per route (rename or merge one)`);
		this.name = 'RouteCollisionError';
	}
}

const routeOwners = new Map<string, string>();

/**
 * Throws when `entry` (a path in `docsDir`) has the same doc id as another file that still exists.
 * Remembers every entry for the process, so a file renamed during `astro dev` is not mistaken for a
 * second one: the first owner must still be on disk.
 */
export function assertOneFilePerRoute(docsDir: string, entry: string, id: string, route: string): void {
	const first = routeOwners.get(id);
	if (first && first !== entry && existsSync(resolve(docsDir, first))) {
		// The check's order (a folder's files after the folder of the same name), so both name the same file.
		const [a, b] = [first, entry].sort(bySegments);
		throw new RouteCollisionError(relative(process.cwd(), resolve(docsDir, b!)), a!, route);
	}
	routeOwners.set(id, entry);
}

function bySegments(x: string, y: string): number {
	const a = x.split('/');
	const b = y.split('/');
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
	return a.length - b.length;
}
