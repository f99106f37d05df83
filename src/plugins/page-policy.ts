/**
 * The build refuses an unsafe page however it is started (`npm run build`, `npx astro build`,
 * `astro dev`), before anything of the page is evaluated, with the authors' check's own message
 * and position. A page is code written by an untrusted PR sender; `npm run build` runs the check
 * first, but `astro build`/`astro dev` alone would not, and they compile and run the page.
 *
 * - MDX: a Vite plugin whose transform runs first of all (`enforce: 'pre'` and `order: 'pre'`, ahead
 *   of @astrojs/mdx's compiler, itself `pre`), on the file as it is on disk. Nothing of an `.mdx`
 *   page runs before its module is transformed and then evaluated, so refusing here means never run.
 * - Markdown: content-collection `.md` pages never pass through Vite (Astro renders them with Sätteri
 *   when it syncs the content), so the same checks run from a Sätteri plugin factory, which is
 *   called before the page is parsed.
 *
 * Both run PAGE_CHECKS. To add a check (the markup allow-list, say), append a `PageCheck` to it: its
 * `check` gets the page (path, source, Sätteri's mdast with file-true positions) and reports
 * findings; `rule` is the id printed with them, as the authors' check prints it.
 */
import type { Root } from 'mdast';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginFactoryContext } from 'satteri';
import type { Plugin } from 'vite';
import { loadComponentCatalog } from '../lib/component-catalog.ts';
import { MarkdownSyntaxError, parseDoc } from '../lib/markdown.ts';
import { checkMdxPolicy, type ComponentCatalog } from '../lib/mdx-policy.ts';
import { checkMarkupTree, MARKUP_RULE } from '../lib/markup-check.ts';
import { checkCodeCharacters, checkLinkText } from '../lib/deception-check.ts';
import { checkMermaidBudget, collectMermaid } from '../lib/mermaid-budget.ts';

export interface Page {
	/** Absolute path of the page. */
	path: string;
	/** The page's text as on disk, frontmatter included (positions are the file's). */
	source: string;
	/** Sätteri's mdast of `source`, as src/lib/markdown.ts parses it for the authors' check. */
	tree: Root;
	isMdx: boolean;
}

export interface PageFinding {
	line: number;
	column: number;
	message: string;
}

export interface PageCheck {
	/** Rule id, as `npm run check` prints it. */
	rule: string;
	check(page: Page, report: (finding: PageFinding) => void): void;
}

let catalog: ComponentCatalog | undefined;
/** One catalog per process; `astro dev` re-reads it when a component file changes (see handleHotUpdate). */
const componentCatalog = () => (catalog ??= loadComponentCatalog());

/** The checks the build runs on every page, in order. Append yours; keep each one pure. */
export const PAGE_CHECKS: PageCheck[] = [
	{
		rule: 'mdx-unsafe',
		// On .md too: a Markdown tree has no ESM, expressions or JSX, but its frontmatter must still end where Astro ends it.
		check: (page, report) => checkMdxPolicy(page.tree, page.source, report, { catalog: componentCatalog }),
	},
	{
		rule: MARKUP_RULE,
		check: (page, report) => {
			// Only the sanitiser's own test sets this (test/build/markup-sanitiser.test.ts): proving the last
			// line of defence needs a page the first line would stop. The sanitiser itself is never skipped.
			if (process.env.DOCS_SKIP_MARKUP_CHECK === '1') return;
			checkMarkupTree(page.tree, report, page.source);
		},
	},
	// What readers see is what runs and where links go (src/lib/deception-check.ts), and no page
	// stalls readers' browsers with diagrams (src/lib/mermaid-budget.ts): the same rules as the check.
	{ rule: 'link-text-url', check: (page, report) => checkLinkText(page.tree, page.source, (_rule, _severity, at, message) => report({ ...at, message })) },
	{ rule: 'unicode-lookalike', check: (page, report) => checkCodeCharacters(page.tree, page.source, (rule, _severity, at, message) => rule === 'unicode-lookalike' && report({ ...at, message })) },
	{ rule: 'unicode-invisible', check: (page, report) => checkCodeCharacters(page.tree, page.source, (rule, _severity, at, message) => rule === 'unicode-invisible' && report({ ...at, message })) },
	{ rule: 'mermaid-budget', check: (page, report) => page.source.includes('mermaid') && checkMermaidBudget(collectMermaid(page.tree), (_rule, _severity, at, message) => report({ ...at, message })) },
];

/** Every finding of `checks` on one page, as `file:line:col  rule  message` lines (the authors' check's format), in page order. */
export function pageProblems(path: string, source: string, checks: readonly PageCheck[] = PAGE_CHECKS): { line: number; column: number; text: string }[] {
	const display = relative(process.cwd(), path) || path;
	const isMdx = path.endsWith('.mdx');
	let tree: Root;
	try {
		tree = parseDoc(source, isMdx);
	} catch (error) {
		const e = error as MarkdownSyntaxError;
		return [{ line: e.line ?? 1, column: e.column ?? 1, text: `${display}:${e.line ?? 1}:${e.column ?? 1}  mdx-syntax  Unexpected MDX syntax: ${e.message}` }];
	}
	const found: { line: number; column: number; text: string }[] = [];
	for (const { rule, check } of checks) {
		check({ path, source, tree, isMdx }, (f) => found.push({ line: f.line, column: f.column, text: `${display}:${f.line}:${f.column}  ${rule}  ${f.message}` }));
	}
	return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

export class PagePolicyError extends Error {
	readonly loc: { file: string; line: number; column: number };
	readonly id: string;
	constructor(path: string, problems: { line: number; column: number; text: string }[]) {
		super(`Refused unsafe page (nothing of it was run): fix the problems below (\`npm run check\` lists them too).\n${problems.map((p) => p.text).join('\n')}`);
		this.name = 'PagePolicyError';
		this.id = path;
		this.loc = { file: path, line: problems[0]!.line, column: problems[0]!.column };
		// The frames say where the plugin was, not what the author wrote; the message and location stay.
		this.stack = `${this.name}: ${this.message}`;
	}
}

/** Throws PagePolicyError when `path` (with `source` as its text) breaks a check. */
export function enforcePagePolicy(path: string, source: string, checks: readonly PageCheck[] = PAGE_CHECKS): void {
	const problems = pageProblems(path, source, checks);
	if (problems.length > 0) throw new PagePolicyError(path, problems);
}

const PAGE_ID = /\.mdx?(?:$|\?)/;

/** The Vite side, registered in astro.config.mjs `vite.plugins`. */
export function pagePolicyVitePlugin(checks: readonly PageCheck[] = PAGE_CHECKS): Plugin {
	return {
		name: 'neotool-page-policy',
		enforce: 'pre',
		buildStart() {
			catalog = undefined;
		},
		handleHotUpdate({ file }) {
			if (file.includes('/src/components/')) catalog = undefined;
		},
		transform: {
			order: 'pre',
			filter: { id: PAGE_ID },
			handler(code, id) {
				if (id.startsWith('\0') || id.includes('/node_modules/')) return null;
				const path = id.split('?')[0]!;
				// Running first, `code` is the file as loaded from disk; a page with no file behind it is judged as given.
				let source = code;
				try {
					source = readFileSync(path, 'utf8');
				} catch {
					// Not a file (a virtual module): `code` it is.
				}
				enforcePagePolicy(path, source, checks);
				return null;
			},
		},
	};
}

/**
 * The Sätteri side, registered first in `markdown.processor`'s `mdastPlugins`: a factory, called with
 * the page before it is parsed, that throws for an unsafe plain-Markdown page (MDX pages were judged
 * by the Vite plugin before they reached the compiler) and otherwise adds nothing to the pipeline.
 */
export function pagePolicySatteriPlugin(checks: readonly PageCheck[] = PAGE_CHECKS) {
	return ({ fileURL, sourceFormat }: PluginFactoryContext): undefined => {
		if (!fileURL || sourceFormat !== 'markdown' || fileURL.protocol !== 'file:') return undefined;
		const path = fileURLToPath(fileURL);
		if (path.includes('/node_modules/')) return undefined;
		let source: string;
		try {
			source = readFileSync(path, 'utf8');
		} catch {
			return undefined;
		}
		enforcePagePolicy(path, source, checks);
		return undefined;
	};
}
