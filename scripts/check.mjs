// @ts-check
/**
 * `npm run check [paths…]`: starts the authors' check (./check/cli.ts) from its bundle.
 *
 * Plain JavaScript on purpose: a .ts entry makes Node load its TypeScript stripper first, about
 * 70 ms of the 300 ms budget for checking one file. This file only finds the bundle
 * (./check/bundle.ts) and rebuilds it when an input changed since it was built (one stat per input);
 * if it cannot be built, the check runs from its sources, slower but the same.
 */
import module from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Reuses V8's compiled code between runs: most of what is left of start-up once bundled.
module.enableCompileCache?.();

const repo = resolve(import.meta.dirname, '..');
// BUNDLE_DIR of ./check/bundle.ts, spelled out: importing that module would load the TypeScript stripper.
const bundleDir = join(repo, 'node_modules/.cache/docs-check/bundle');

/** @returns {{ id: string } | undefined} the current bundle when every input is as it was built from */
function freshBundle() {
	try {
		/** @type {import('./check/bundle.ts').BundleManifest} */
		const manifest = JSON.parse(readFileSync(join(bundleDir, 'current.json'), 'utf8'));
		for (const [path, mtime, size] of manifest.inputs) {
			const stat = statSync(join(repo, path));
			if (stat.mtimeMs !== mtime || stat.size !== size) return undefined;
		}
		statSync(join(bundleDir, manifest.id, 'cli.js'));
		return manifest;
	} catch {
		return undefined;
	}
}

let bundle = freshBundle();
if (!bundle && process.env.DOCS_CHECK_BUNDLE !== '0') {
	try {
		const { bundleChecker } = await import('./check/bundle.ts');
		bundle = await bundleChecker(repo);
	} catch (error) {
		console.error(`check: running from sources (bundling failed: ${String(/** @type {Error} */ (error).message).split('\n')[0]})`);
	}
}
if (bundle && process.env.DOCS_CHECK_BUNDLE !== '0') {
	// Part of the per-file cache's version (./check/cache.ts): the bundle's id covers code and libraries.
	process.env.DOCS_CHECK_BUILD = bundle.id;
	await import(pathToFileURL(join(bundleDir, bundle.id, 'cli.js')).href);
} else await import('./check/cli.ts');
