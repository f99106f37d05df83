/**
 * Checks one doc: every rule, every problem, never a throw. A file that cannot be read or parsed
 * yields one problem for that file and the rest of the run goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocTree } from '../../src/lib/doc-tree.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { MarkdownSyntaxError, parseDoc } from '../../src/lib/markdown.ts';
import { checkFrontmatter, checkRelated } from './rules/frontmatter.ts';
import { checkLinks } from './rules/links.ts';
import type { Problem, RuleContext } from './types.ts';

export function checkFile(tree: DocTree, rel: string, display: string): Problem[] {
	const problems: Problem[] = [];
	const report: RuleContext['report'] = (rule, severity, at, message) => problems.push({ file: display, line: at.line, column: at.column, rule, severity, message });
	let source: string;
	try {
		const bytes = readFileSync(join(tree.root, rel));
		if (bytes.length === 0) {
			report('file-empty', 'error', { line: 1, column: 1 }, 'Unexpected empty file, expected frontmatter and content');
			return problems;
		}
		if (bytes.includes(0)) {
			report('file-binary', 'error', { line: 1, column: 1 }, 'Unexpected binary content, expected UTF-8 Markdown text');
			return problems;
		}
		source = bytes.toString('utf8');
	} catch (error) {
		report('file-unreadable', 'error', { line: 1, column: 1 }, `Unexpected read failure (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a readable file`);
		return problems;
	}
	const ctx: RuleContext = { rel, display, source, report };
	const fm = readFrontmatter(source);
	checkFrontmatter(ctx, fm);
	checkRelated(ctx, fm, tree);
	let root;
	try {
		root = parseDoc(source, rel.endsWith('.mdx'));
	} catch (error) {
		const e = error as MarkdownSyntaxError;
		report('mdx-syntax', 'error', { line: e.line ?? 1, column: e.column ?? 1 }, `Unexpected MDX syntax: ${e.message}`);
		return problems;
	}
	checkLinks(ctx, root, tree);
	return problems;
}
