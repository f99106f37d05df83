/**
 * The installed version of an npm package, for the build caches' keys (DR binder, service worker
 * runtime, offline copy): a cached output is only valid for the library versions that made it.
 * Read from the package.json found upwards from the package's entry point, since a package's
 * `exports` may not list `./package.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function packageVersion(name: string): string {
	for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
		const file = join(dir, 'package.json');
		if (!existsSync(file)) continue;
		const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
		if (pkg.name === name && pkg.version) return pkg.version;
	}
	throw new Error(`no package.json of ${name} found above its entry point: is it installed (npm ci)?`);
}

/** `name@version` of each package, one per line: a cache key's part. */
export const packageVersions = (names: readonly string[]): string => names.map((name) => `${name}@${packageVersion(name)}`).join('\n');
