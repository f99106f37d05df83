/**
 * `astro dev` shows the authors' check where the author looks: each time a page under the docs root
 * is transformed (first request, and again after every save), the check's own run (scripts/check/run.ts,
 * as `npm run check <page>` runs it: every per-file rule, then related entries, links and anchors
 * against the tree, then mermaid) judges that page, and any error is thrown from the transform with
 * `loc`, so Astro's error overlay shows `file:line:col`, the rule id and the message with its fix,
 * and the request answers 500 instead of the last good page. No rule is re-implemented here.
 *
 * A page's first view never waits for the check: served as it is, it is judged once the server has
 * answered the requests in flight (the check's first run loads the code verifiers, seconds at 5,000
 * docs, which the first page used to wait for); if that verdict has errors, the page's modules are
 * invalidated and the open browser reloads into the overlay. Once a page has been judged, a new text
 * (a save) waits for its verdict (~0.2 s of CPU at 5,000 docs), so a save never shows a page the
 * check refuses, and the overlay shows the check's findings, not the compiler's first complaint.

 * Dev only (`apply: 'serve'`): `npm run build` runs the whole check before Astro starts, and the page
 * policy (./page-policy.ts) guards `astro build` on its own. Warnings do not stop the page; they are
 * printed in the terminal, as the check prints them.
 *
 * Plain `.md` pages are rendered by Sätteri when the content layer syncs, without passing through
 * Vite, so this covers `.mdx` pages (every docs page of this site is one); `npm run check` covers both.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { isRunnableDevEnvironment, type EnvironmentModuleNode, type Plugin, type ViteDevServer } from 'vite';
import { DocTree } from '../lib/doc-tree.ts';
import { printable } from '../../scripts/check/rules/files.ts';
import { checkDocs } from '../../scripts/check/run.ts';
import type { Problem } from '../../scripts/check/types.ts';

const PAGE_ID = /\.mdx(?:$|\?)/;

/** The line the check prints for a problem (scripts/check/format.ts's pretty format, without colour). */
const lineOf = (p: Problem) => `${p.file}:${p.line}:${p.column}  ${p.rule}  ${p.severity === 'error' ? '' : `${p.severity}: `}${p.message}`;

export class DevCheckError extends Error {
	readonly loc: { file: string; line: number; column: number };
	readonly id: string;
	/** Astro's overlay shows `hint` under the message. */
	readonly hint = 'Fix the lines above and save: the page reloads with the fix. `npm run check` lists the same problems.';
	constructor(path: string, errors: Problem[]) {
		super(`The authors' check found ${errors.length === 1 ? 'a problem' : `${errors.length} problems`} on this page:\n${errors.map(lineOf).join('\n')}`);
		this.name = 'DocsCheckError';
		this.id = path;
		this.loc = { file: path, line: errors[0]!.line, column: errors[0]!.column };
		// Frames would point into the plugin; what matters is the page's file:line:col, in the message and `loc`.
		this.stack = `${this.name}: ${this.message}`;
	}
}

/** The check's findings on one page of the tree at `docsRoot` (`path` absolute), as `npm run check <path>` reports them. */
export async function checkPage(docsRoot: string, path: string, today = new Date().toISOString().slice(0, 10)): Promise<Problem[]> {
	const tree = new DocTree(docsRoot);
	const rel = relative(docsRoot, path).split(sep).join('/');
	const display = printable(relative(process.cwd(), path).split(sep).join('/'));
	const problems = await checkDocs(tree, [{ rel, display }], { today, cache: false });
	return problems.filter((p) => p.file === display);
}

/**
 * Resolves once no HTTP request is being answered (or after `maxMs`, so a busy browser cannot starve
 * the check): the check runs after the page it judges has been sent, not while it renders.
 */
function requestTracker(maxMs = 3000) {
	let open = 0;
	let waiters: (() => void)[] = [];
	const flush = () => {
		const ready = waiters;
		waiters = [];
		for (const resolve of ready) resolve();
	};
	return {
		track(res: { once(event: 'close', listener: () => void): unknown }) {
			open++;
			res.once('close', () => {
				if (--open === 0) setImmediate(flush);
			});
		},
		idle: () =>
			new Promise<void>((resolve) => {
				if (open === 0) return void setImmediate(resolve);
				waiters.push(resolve);
				setTimeout(resolve, maxMs).unref();
			}),
	};
}

/** Drops a page's modules from every server environment (and its module runner), then reloads the open browser tab, as a save does. */
function reloadPage(server: ViteDevServer, path: string): void {
	for (const environment of Object.values(server.environments)) {
		const seen = new Set<EnvironmentModuleNode>();
		for (const mod of environment.moduleGraph.getModulesByFile(path) ?? []) environment.moduleGraph.invalidateModule(mod, seen, Date.now(), true);
		if (!isRunnableDevEnvironment(environment)) continue;
		for (const mod of seen) {
			const evaluated = mod.id ? environment.runner.evaluatedModules.getModuleById(mod.id) : undefined;
			if (evaluated) environment.runner.evaluatedModules.invalidateModule(evaluated);
		}
	}
	server.ws.send({ type: 'full-reload' });
}

/** Throws the page's errors for the overlay; warnings were printed when the verdict came. */
function judge(path: string, problems: Problem[]): null {
	const errors = problems.filter((p) => p.severity === 'error');
	if (errors.length > 0) throw new DevCheckError(path, errors);
	return null;
}

export function devCheckVitePlugin(docsRoot: string): Plugin {
	// One verdict per page text and tree state: a page is transformed several times per request (its
	// module and its propagated-assets variant); any save under the docs root can change links, so it clears them all.
	const verdicts = new Map<string, { problems: Promise<Problem[]>; deferred: boolean }>();
	const settled = new Map<string, Problem[]>();
	// Pages the check has judged (or is judging) since the server started.
	const judged = new Set<string>();
	const requests = requestTracker();
	let server: ViteDevServer | undefined;
	const clearAll = () => {
		verdicts.clear();
		settled.clear();
	};
	const inDocs = (path: string) => !relative(docsRoot, path).startsWith('..') && !path.includes('/node_modules/');
	return {
		name: 'neotool-dev-check',
		apply: 'serve',
		enforce: 'pre',
		handleHotUpdate({ file }) {
			if (inDocs(file)) clearAll();
		},
		configureServer(devServer) {
			server = devServer;
			devServer.middlewares.use((_req, res, next) => {
				requests.track(res);
				next();
			});
			// A page added or removed changes what links resolve to.
			const clear = (file: string) => inDocs(file) && clearAll();
			devServer.watcher.on('add', clear);
			devServer.watcher.on('unlink', clear);
		},
		transform: {
			order: 'pre',
			filter: { id: PAGE_ID },
			async handler(_code, id) {
				if (id.startsWith('\0')) return null;
				const path = id.split('?')[0]!;
				if (!inDocs(path)) return null;
				let source: string;
				try {
					source = readFileSync(path, 'utf8');
				} catch {
					return null;
				}
				const key = `${path}\0${source}`;
				const problems = settled.get(key);
				if (problems) return judge(path, problems);
				let verdict = verdicts.get(key);
				if (!verdict) {
					// Not judged in this session yet: served now, judged right after. Once judged, a new text
					// (a save) waits for its verdict, so a save never shows a page the check would refuse.
					const deferred = !judged.has(path);
					judged.add(path);
					const run = deferred ? requests.idle().then(() => checkPage(docsRoot, path)) : checkPage(docsRoot, path);
					const problems: Promise<Problem[]> = run.then(
						(found) => {
							// A save while the check ran: the page's next request checks the new text.
							if (verdicts.get(key)?.problems !== problems) return found;
							settled.set(key, found);
							const warnings = found.filter((p) => p.severity === 'warning');
							if (warnings.length) this.warn(warnings.map(lineOf).join('\n'));
							if (deferred && server && found.some((p) => p.severity === 'error')) reloadPage(server, path);
							return found;
						},
						(error: unknown) => {
							verdicts.delete(key);
							throw error;
						},
					);
					verdict = { problems, deferred };
					verdicts.set(key, verdict);
					// Its failure is reported by the request that awaits it, or, deferred, here.
					if (deferred) problems.catch((error: unknown) => this.warn(`the authors' check failed on ${path}: ${(error as Error).message}`));
				}
				if (verdict.deferred) return null;
				return judge(path, await verdict.problems);
			},
		},
	};
}
