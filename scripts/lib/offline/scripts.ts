/**
 * Classic scripts for the offline copy (issue 23). From `file://` Chromium refuses
 * `<script type="module">` and `import()` (the page's origin is `null`), and Astro and Starlight
 * ship modules. Each page's module scripts are re-bundled by esbuild, in their order, into one IIFE
 * loaded with `defer` (module scripts are deferred too, so they still run after parsing, in order):
 * - imports between Astro's chunks, and dynamic imports with a literal path (the search UI), are
 *   bundled in; Vite's preload helper, whose only work was to preload those chunks, is replaced by
 *   one that only loads the stylesheets in its list;
 * - what stays a dynamic import (Pagefind's UI importing `${bundlePath}pagefind.js`) is routed to
 *   the offline runtime's `load()` (scripts/lib/offline/runtime.ts), found with acorn, a real
 *   JavaScript parser, in esbuild's output;
 * - Pagefind's own `pagefind.js` becomes a classic script too, exposing its exports as
 *   `window.__neotoolPagefind`.
 * One bundle per distinct list of entries: pages with the same scripts share one file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, type Node } from 'acorn';
import { build, type Plugin } from 'esbuild';
import { OfflineBundleError as OfflineScriptError } from './error.ts';

const RUNTIME = '__neotoolOffline';
/**
 * Every script of the copy: one classic (non-module) minified file, kept in memory. `tsconfigRaw`
 * given, esbuild reads no tsconfig.json: it would otherwise read the one above the output folder (the
 * project's, Astro's strict one, for a build into `dist/`; none for one into /tmp) and the same
 * commit's zip would differ by where it was built. `alwaysStrict`: the scripts were modules, which
 * are strict; as a classic script each wrapped module keeps its "use strict".
 */
const CLASSIC_SCRIPT = { bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', write: false, logLevel: 'silent', tsconfigRaw: { compilerOptions: { alwaysStrict: true } } } as const;

/** Every `import(…)` expression's start offset. */
function importExpressions(code: string): Array<{ start: number }> {
	const found: Array<{ start: number }> = [];
	const walk = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) {
			for (const child of node) walk(child);
			return;
		}
		const n = node as Node & Record<string, unknown>;
		if (n.type === 'ImportExpression') found.push({ start: n.start });
		for (const key of Object.keys(n)) if (key !== 'loc') walk(n[key]);
	};
	walk(parse(code, { ecmaVersion: 'latest', sourceType: 'script' }));
	return found;
}

/** `import(x)` → `__neotoolOffline.load(x)`: a call, so a classic script from file:// can load it. */
export function routeDynamicImports(code: string): string {
	// No `import` anywhere, so no import expression: nothing to parse.
	if (!code.includes('import')) return code;
	let out = code;
	for (const { start } of importExpressions(code).sort((a, b) => b.start - a.start)) {
		if (out.slice(start, start + 6) !== 'import') throw new OfflineScriptError(`offline bundle: unexpected code at an import() (offset ${start})`);
		out = `${out.slice(0, start)}${RUNTIME}.load${out.slice(start + 6)}`;
	}
	return out;
}

/**
 * Vite's preload helper (`preload-helper.<hash>.js`): its export, whatever the minifier named it,
 * becomes `(load, deps) => stylesheets in deps, then load()`. acorn reads the export's name.
 */
const preloadHelper: Plugin = {
	name: 'offline-preload-helper',
	setup(build) {
		build.onLoad({ filter: /[\\/]preload-helper\.[\w-]+\.js$/ }, async (args) => {
			const program = parse(await readFile(args.path, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
			const names = program.body.flatMap((statement) => (statement.type === 'ExportNamedDeclaration' ? statement.specifiers.map((s) => (s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value))) : []));
			if (names.length !== 1) throw new OfflineScriptError(`offline bundle: ${args.path}: expected Vite's preload helper with one export, found ${names.length}`);
			const body = `(load, deps) => Promise.all((deps || []).filter((d) => d.endsWith('.css')).map((d) => ${RUNTIME}.css(d))).then(() => load())`;
			return { contents: `const helper = ${body};\nexport { helper as ${names[0]} };\n`, loader: 'js' };
		});
	},
};

async function bundle(entry: string, resolveDir: string, extra: { globalName?: string; define?: Record<string, string> } = {}): Promise<string> {
	const result = await build({
		stdin: { contents: entry, resolveDir, loader: 'js', sourcefile: 'offline-entry.js' },
		...CLASSIC_SCRIPT,
		plugins: [preloadHelper],
		...extra,
	}).catch((error: { errors?: Array<{ text: string }> }) => {
		throw new OfflineScriptError(`offline bundle: esbuild could not re-bundle the page scripts: ${error.errors?.map((e) => e.text).join('; ') ?? String(error)}`);
	});
	return routeDynamicImports(result.outputFiles[0].text);
}

export interface ScriptBundles {
	/** Site path of a page's module script list (joined by `\n`) → the bundle's path in the copy. */
	byEntries: Map<string, string>;
	/** Path in the copy → content. */
	files: Map<string, string>;
}

/** Re-bundles each distinct list of module scripts (site paths like `/_astro/x.js`) from `outDir`; `cached` may answer for a list instead. */
export async function bundlePageScripts(
	outDir: string,
	lists: Iterable<readonly string[]>,
	cached: (list: readonly string[], make: () => Promise<string>) => Promise<string> = (_, make) => make(),
): Promise<ScriptBundles> {
	const byEntries = new Map<string, string>();
	const files = new Map<string, string>();
	for (const list of lists) {
		const key = list.join('\n');
		if (byEntries.has(key)) continue;
		const entry = list.map((src) => `import ${JSON.stringify(join(outDir, src))};`).join('\n');
		const code = await cached(list, () => bundle(entry, outDir));
		const path = `_offline/js/${createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`;
		byEntries.set(key, path);
		files.set(path, code);
	}
	return { byEntries, files };
}

/** Pagefind's `pagefind.js` as a classic script; `import.meta.url` is where the module would have been. */
export async function bundlePagefind(outDir: string): Promise<string> {
	return bundle(`export * from ${JSON.stringify(join(outDir, 'pagefind/pagefind.js'))};`, outDir, {
		globalName: '__neotoolPagefind',
		define: { 'import.meta.url': `${RUNTIME}.pagefindUrl` },
	});
}

/** The runtime itself (runtime.ts), told which site paths it serves as data. */
export async function bundleRuntime(servedPaths: readonly string[]): Promise<string> {
	const result = await build({
		entryPoints: [join(import.meta.dirname, 'runtime.ts')],
		...CLASSIC_SCRIPT,
		define: { __OFFLINE_FILES__: JSON.stringify([...servedPaths].sort()) },
	});
	return result.outputFiles[0].text;
}
