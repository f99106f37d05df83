/**
 * Bundles the checker (its CLI and its worker thread) into node_modules/.cache/docs-check/bundle,
 * which `npm run check` (scripts/check.mjs) runs whenever no input changed since it was built.
 *
 * Why: checking one file is mostly start-up. From sources Node resolves, strips and links about
 * 330 modules (0.52 s for one changed file of the 1,000-doc corpus); one bundle loads in a fraction
 * of that. The bundle also swaps two hot tree utilities for faster drop-ins (REPLACEMENTS).
 *
 * Mermaid's runtime (jsdom, mermaid and ./mermaid-runtime.ts) is bundled apart, in RUNTIME_DIR, one
 * chunk per diagram type: it loads in ~0.56 s against ~1 s from node_modules (and ~0.7 s as one
 * CommonJS file, which reads every diagram type's code), and a cold check is waiting for it. When it
 * cannot be built, the checker loads jsdom and mermaid from node_modules as before.
 *
 * The bundle is keyed by content: `<id>/` holds the files, `current.json` names the id and lists
 * every input with its mtime and size, so the launcher can tell in a few milliseconds whether a
 * source or a library changed. Concurrent builds write identical folders and the last rename wins.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

export const BUNDLE_DIR = 'node_modules/.cache/docs-check/bundle';

/**
 * The code stage's parsers (./code/*), loaded lazily from node_modules: sh-syntax, libpg-query and
 * hcl2json read their wasm beside their own files; the Kubernetes models are imported kind by kind
 * by name; Shiki's language list imports every grammar lazily.
 */
const CODE_PARSERS = ['sh-syntax', 'libpg-query', '@cdktf/hcl2json', 'kubernetes-models', '@kubernetes-models/flux-cd', '@kubernetes-models/traefik', '@kubernetes-models/cert-manager', '@kubernetes-models/prometheus-operator', '@prometheus-io/lezer-promql', '@grafana/lezer-logql', 'shiki', 'pg'];

/**
 * Loaded from node_modules as they are: Sätteri's native binding cannot be bundled, and jsdom and
 * mermaid load lazily, only for diagrams not checked before.
 */
const EXTERNAL = ['satteri', 'jsdom', 'mermaid', ...CODE_PARSERS];

/** The runtime's folder inside the bundle, and its entry, which the checker's chunks import. */
const RUNTIME_DIR = 'runtime';
const RUNTIME = `${RUNTIME_DIR}/mermaid-runtime.js`;

/** CommonJS libraries inside an ES module bundle still call require() for Node's built-ins. */
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** jsdom's optional native add-ons: absent here, and jsdom copes without them. */
const RUNTIME_EXTERNAL = ['canvas', 'bufferutil', 'utf-8-validate'];

/** Faster drop-ins for two hot tree utilities (see each file for why and how much). */
const REPLACEMENTS: Record<string, string> = {
	'unist-util-visit-parents': 'scripts/check/fast-visit-parents.ts',
	'unist-util-is': 'scripts/check/fast-unist-is.ts',
};

/** Resolves each replaced package to its drop-in, except inside the drop-in itself (it wraps the original). */
function replaceModules(repo: string): Plugin {
	const files = new Map(Object.entries(REPLACEMENTS).map(([pkg, file]) => [pkg, join(repo, file)]));
	return {
		name: 'replace-modules',
		setup(build) {
			build.onResolve({ filter: /^unist-util-(?:visit-parents|is)$/ }, (args) => {
				const file = files.get(args.path);
				return file && args.importer !== file ? { path: file } : undefined;
			});
		},
	};
}

/**
 * jsdom finds its synchronous-XHR worker script with `require.resolve('./xhr-sync-worker.js')`, a
 * path relative to its own file that does not exist next to the bundle. The check never makes a
 * request, but jsdom resolves the path when it loads, so it is pointed at jsdom's installed copy.
 * If jsdom's source changes, the build fails and the checker falls back to node_modules.
 */
function jsdomWorkerPath(): Plugin {
	const needle = 'require.resolve("./xhr-sync-worker.js")';
	return {
		name: 'jsdom-xhr-worker',
		setup(build) {
			build.onLoad({ filter: /[\\/]jsdom[\\/]lib[\\/]jsdom[\\/]living[\\/]xhr[\\/]XMLHttpRequest-impl\.js$/ }, (args) => {
				const source = readFileSync(args.path, 'utf8');
				if (!source.includes(needle)) throw new Error(`jsdom's ${needle} moved`);
				return { contents: source.replace(needle, 'require("node:path").join(require.resolve("jsdom"), "../jsdom/living/xhr/xhr-sync-worker.js")'), loader: 'js' };
			});
		},
	};
}

/**
 * Bundles the mermaid runtime into `outdir/RUNTIME_DIR`; returns the inputs the launcher must watch: the
 * runtime's own source and one package.json per library (npm rewrites it whenever the library
 * changes), so a few hundred stats, not one per file of jsdom and mermaid.
 */
async function bundleRuntime(repo: string, outdir: string): Promise<string[]> {
	const result = await build({
		absWorkingDir: repo,
		entryPoints: ['scripts/check/mermaid-runtime.ts'],
		outdir: join(outdir, RUNTIME_DIR),
		bundle: true,
		// Chunks load on demand: a flowchart never reads the code of the other twenty diagram types.
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node22',
		external: RUNTIME_EXTERNAL,
		plugins: [jsdomWorkerPath()],
		// Whitespace only: a third less to read. Renaming identifiers as well made jsdom's start-up
		// slower, not faster (measured), and would change the names in its messages.
		minifyWhitespace: true,
		banner: { js: REQUIRE_BANNER },
		metafile: true,
		logLevel: 'silent',
	});
	const inputs = new Set<string>();
	for (const path of Object.keys(result.metafile.inputs)) {
		const pkg = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
		inputs.add(pkg ? `${pkg[1]}/package.json` : path);
	}
	return [...inputs];
}

/** Makes the checker import the bundled runtime in place of ./mermaid-runtime.ts. */
function useBundledRuntime(): Plugin {
	return {
		name: 'bundled-mermaid-runtime',
		setup(build) {
			build.onResolve({ filter: /[\\/]mermaid-runtime\.ts$/ }, () => ({ path: `./${RUNTIME}`, external: true }));
		},
	};
}

export interface BundleManifest {
	id: string;
	/** Every input as [path from the repo root, mtime in ms, size in bytes]. */
	inputs: [string, number, number][];
}

function versionOf(pkg: string, repo: string): string {
	try {
		return (JSON.parse(readFileSync(join(repo, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
	} catch {
		return 'missing';
	}
}

export async function bundleChecker(repo = resolve(import.meta.dirname, '../..')): Promise<BundleManifest> {
	const root = join(repo, BUNDLE_DIR);
	const staging = join(root, `.staging-${process.pid}`);
	rmSync(staging, { recursive: true, force: true });
	let runtimeInputs: string[] = [];
	try {
		runtimeInputs = await bundleRuntime(repo, staging);
	} catch {
		// jsdom and mermaid then load from node_modules, as ./mermaid-runtime.ts imports them.
		rmSync(staging, { recursive: true, force: true });
	}
	const result = await build({
		absWorkingDir: repo,
		entryPoints: { cli: 'scripts/check/cli.ts', worker: 'scripts/check/worker.ts', 'code-worker': 'scripts/check/code/worker.ts' },
		outdir: staging,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node22',
		external: EXTERNAL,
		plugins: [replaceModules(repo), ...(runtimeInputs.length ? [useBundledRuntime()] : [])],
		banner: { js: REQUIRE_BANNER },
		metafile: true,
		logLevel: 'silent',
	});
	const hash = createHash('sha1');
	for (const file of readdirSync(staging, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name)).sort()) {
		hash.update(file.slice(staging.length)).update(readFileSync(file));
	}
	// The externals are not in the bundle, so their versions are part of its identity.
	for (const pkg of EXTERNAL) hash.update(`${pkg}@${versionOf(pkg, repo)}`);
	const id = hash.digest('hex').slice(0, 16);
	// This file too: a change to how the bundle is made must remake it.
	const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...runtimeInputs, 'scripts/check/bundle.ts'])]
		.filter((path) => !path.includes(':'))
		.sort()
		.map((path): [string, number, number] => {
			const stat = statSync(join(repo, path));
			return [path, stat.mtimeMs, stat.size];
		});
	const manifest: BundleManifest = { id, inputs };
	const target = join(root, id);
	if (existsSync(target)) rmSync(staging, { recursive: true, force: true });
	else {
		try {
			renameSync(staging, target);
		} catch {
			// Another check built the same id a moment ago.
			rmSync(staging, { recursive: true, force: true });
		}
	}
	const tmp = join(root, `current.json.${process.pid}`);
	writeFileSync(tmp, JSON.stringify(manifest));
	renameSync(tmp, join(root, 'current.json'));
	// Older bundles are dead weight, once no run still loading their lazy chunks can be using them.
	// A staging folder left by a build that was killed goes the same way.
	for (const entry of readdirSync(root)) {
		if (entry === id || !/^(?:[0-9a-f]{16}|\.staging-\d+)$/.test(entry)) continue;
		try {
			if (Date.now() - statSync(join(root, entry)).mtimeMs > 60_000) rmSync(join(root, entry), { recursive: true, force: true });
		} catch {
			// Removed by a concurrent run meanwhile.
		}
	}
	return manifest;
}
