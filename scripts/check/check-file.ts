/**
 * Checks one doc on its own: every per-file rule, every problem, never a throw. A file that cannot be
 * read or parsed yields one problem and the run goes on; a rule that fails inside yields one
 * `check-internal` problem and the other rules still run. What needs other files (related entries,
 * link targets, anchors) or a slow runtime (mermaid's diagrams) is collected here and finished by ./run.ts,
 * so the result depends on this file's bytes alone and can be cached by them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { loadFacts } from '../../src/lib/facts.ts';
import { readFrontmatter, type FrontmatterResult } from '../../src/lib/frontmatter.ts';
import { headingsOf, MarkdownSyntaxError, parseDoc } from '../../src/lib/markdown.ts';
import { withFlatTree } from './fast-visit-parents.ts';
import { checkCode, checkInlineCommands, hasFences } from './code/index.ts';
import { checkFacts } from './rules/facts.ts';
import { checkCodeCharacters, checkLinkText } from './rules/deception.ts';
import { checkPageBytes, MAX_PAGE_BYTES } from './rules/files.ts';
import { checkFrontmatter, collectRelated } from './rules/frontmatter.ts';
import { collectLinks } from './rules/links.ts';
import { checkMdxSafety } from './rules/mdx-safety.ts';
import { overNodeBudget, reportNodeBudget } from './rules/page-budget.ts';
import { checkMarkup } from './rules/markup.ts';
import { checkMermaidBudget, collectMermaid } from './rules/mermaid.ts';
import { checkRemarkLint, withPageTitle } from './rules/remark-lint.ts';
import { checkRunbookSections, checkScaffold } from './rules/runbook.ts';
import { checkSecrets } from './rules/secrets.ts';
import { checkStale } from './rules/stale.ts';
import type { CheckOptions, FileAnalysis, Problem, Report } from './types.ts';

/** Where a top-level frontmatter key starts (its name, not its value), for problems about the whole field. */
function keyAt(source: string, fm: FrontmatterResult, key: string): { line: number; column: number } {
	const lines = source.split('\n', fm.bodyStartLine);
	const index = lines.findIndex((l, i) => i > 0 && i < fm.bodyStartLine - 1 && new RegExp(`^${key}\\s*:`).test(l));
	return index === -1 ? { line: 1, column: 1 } : { line: index + 1, column: 1 };
}

/**
 * `docsRoot` is the absolute docs folder; `rel` the file in it; `display` the path shown to the
 * author; `read`, the file's bytes when the caller has them already (they are then the bytes the
 * cache files this analysis under).
 */
export function analyseFile(docsRoot: string, rel: string, display: string, options: CheckOptions, read?: Buffer): FileAnalysis {
	const problems: Problem[] = [];
	const analysis: FileAnalysis = { rel, display, problems, headings: null, links: [], related: [], mermaid: [] };
	const report: Report = (rule, severity, at, message) => problems.push({ file: display, line: at.line, column: at.column, rule, severity, message });
	const fileAbs = join(docsRoot, rel);
	let source: string;
	let oversize = false;
	try {
		const bytes = read ?? readFileSync(fileAbs);
		if (bytes.length === 0) {
			report('file-empty', 'error', { line: 1, column: 1 }, 'Unexpected empty file, expected frontmatter and content');
			return analysis;
		}
		if (bytes.includes(0)) {
			report('file-binary', 'error', { line: 1, column: 1 }, 'Unexpected binary content, expected UTF-8 Markdown text');
			return analysis;
		}
		if (!checkPageBytes(bytes, report)) return analysis;
		oversize = bytes.length > MAX_PAGE_BYTES;
		source = bytes.toString('utf8');
	} catch (error) {
		report('file-unreadable', 'error', { line: 1, column: 1 }, `Unexpected read failure (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a readable file`);
		return analysis;
	}
	// One rule failing inside must not hide the others' findings.
	const guard = (name: string, rule: () => void) => {
		try {
			rule();
		} catch (error) {
			report('check-internal', 'error', { line: 1, column: 1 }, `Unexpected failure in the ${name} rule (${(error as Error).message?.split('\n')[0] ?? String(error)}), expected it to finish; please report this with the file`);
		}
	};

	try {
		const fm = readFrontmatter(source);
		guard('frontmatter', () => checkFrontmatter({ rel, display, source, report }, fm));
		analysis.related = collectRelated(fm);
		guard('stale', () => {
			const data = fm.data;
			if (!data) return;
			// No last_updated written: its date is Git's, judged after this (bytes-only, cached) analysis.
			if (data.last_updated === undefined) analysis.undated = { review_frequency: data.review_frequency, last_reviewed: data.last_reviewed, at: keyAt(source, fm, 'review_frequency'), reviewedAt: data.last_reviewed ? keyAt(source, fm, 'last_reviewed') : undefined };
			else checkStale({ ...data, last_updated: data.last_updated }, (key) => keyAt(source, fm, key), options.today, report);
		});
		// Past the size limit only the linear text scans run: the page is refused anyway, and no page may
		// make the check slow (page-budget.ts).
		if (oversize) {
			guard('secret', () => checkSecrets(source, undefined, report));
			return analysis;
		}
		let root: Root | undefined;
		try {
			root = parseDoc(source, rel.endsWith('.mdx'));
		} catch (error) {
			const e = error as MarkdownSyntaxError;
			report('mdx-syntax', 'error', { line: e.line ?? 1, column: e.column ?? 1 }, `Unexpected MDX syntax: ${e.message}`);
		}
		// Secrets are looked for in the raw text, so even a file that does not parse is scanned.
		guard('secret', () => checkSecrets(source, root, report));
		if (!root) return analysis;
		if (overNodeBudget(root)) {
			reportNodeBudget(report);
			return analysis;
		}
		const doc = root;
		// No rule changes the tree, so all their walks share one listing of it, taken with the page
		// title's stand-in in place: remark-lint needs it; the heading list leaves it out, and no other
		// rule looks at a heading's text.
		withPageTitle(doc, typeof fm.raw?.title === 'string' ? fm.raw.title : undefined, (titleHeading) =>
			withFlatTree(doc, () => {
				const headings = headingsOf(doc, titleHeading);
				analysis.headings = headings;
				analysis.links = collectLinks(doc);
				// No diagram without the word; skipping the walk is most pages' case.
				analysis.mermaid = source.includes('mermaid') ? collectMermaid(doc) : [];
				if (analysis.mermaid.length) guard('mermaid-budget', () => checkMermaidBudget(analysis.mermaid, report));
				guard('link-text-url', () => checkLinkText(doc, source, report));
				guard('unicode-lookalike', () => checkCodeCharacters(doc, source, report));
				guard('mdx-unsafe', () => checkMdxSafety(doc, source, report));
				guard('markup-unsafe', () => checkMarkup(doc, source, report));
				guard('facts', () => checkFacts(doc, source, loadFacts(), report));
				// Each fenced block by its own language's parser; findings arrive by settleCode() (./code/index.ts).
				if (hasFences(source)) guard('code', () => checkCode(doc, source, loadFacts(), report));
				// Inline code that is a whole command (a restart in a table cell); findings arrive by settleCode() too.
				guard('code-rollout-restart-field-manager', () => checkInlineCommands(doc, source, report));
				guard('runbook-scaffold', () => checkScaffold(doc, source, fm, report));
				if (fm.raw?.kind === 'runbook') guard('runbook-sections', () => checkRunbookSections(headings, keyAt(source, fm, 'kind'), report));
				guard('remark-lint', () => checkRemarkLint(doc, source, display, report));
			}),
		);
	} catch (error) {
		// Outside any one rule (the frontmatter reader, the heading extractor): still one line, never a crash.
		report('check-internal', 'error', { line: 1, column: 1 }, `Unexpected failure checking this file (${(error as Error).message?.split('\n')[0] ?? String(error)}), expected the check to finish; please report this with the file`);
	}
	return analysis;
}
