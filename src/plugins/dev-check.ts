/**
 * `astro dev` shows the authors' check where the author looks: each time a page under the docs root
 * is transformed (first request, and again after every save), the check's own run (scripts/check/run.ts,
 * as `npm run check <page>` runs it: every per-file rule, then related entries, links and anchors
 * against the tree, then mermaid) judges that page, and any error is thrown from the transform with
 * `loc`, so Astro's error overlay shows `file:line:col`, the rule id and the message with its fix,
 * and the request answers 500 instead of the last good page. No rule is re-implemented here.
 *
 * Dev only (`apply: 'serve'`): `npm run build` runs the whole check before Astro starts, and the page
 * policy (./page-policy.ts) guards `astro build` on its own. Warnings do not stop the page; they are
 * printed in the terminal, as the check prints them.
 *
 * Plain `.md` pages are rendered by Sätteri when the content layer syncs, without passing through
 * Vite, so this covers `.mdx` pages (every docs page of this site is one); `npm run check` covers both.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Plugin } from 'vite';
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

export function devCheckVitePlugin(docsRoot: string): Plugin {
	// One verdict per page text and tree state: a page is transformed several times per request (its
	// module and its propagated-assets variant); any save under the docs root can change links, so it clears them all.
	const verdicts = new Map<string, Promise<Problem[]>>();
	const inDocs = (path: string) => !relative(docsRoot, path).startsWith('..') && !path.includes('/node_modules/');
	return {
		name: 'neotool-dev-check',
		apply: 'serve',
		enforce: 'pre',
		handleHotUpdate({ file }) {
			if (inDocs(file)) verdicts.clear();
		},
		configureServer(server) {
			// A page added or removed changes what links resolve to.
			const clear = (file: string) => inDocs(file) && verdicts.clear();
			server.watcher.on('add', clear);
			server.watcher.on('unlink', clear);
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
				let verdict = verdicts.get(key);
				if (!verdict) {
					verdict = checkPage(docsRoot, path);
					verdicts.set(key, verdict);
					void verdict.then((problems) => {
						const warnings = problems.filter((p) => p.severity === 'warning');
						if (warnings.length) this.warn(warnings.map(lineOf).join('\n'));
					}, () => verdicts.delete(key));
				}
				const errors = (await verdict).filter((p) => p.severity === 'error');
				if (errors.length > 0) throw new DevCheckError(path, errors);
				return null;
			},
		},
	};
}
