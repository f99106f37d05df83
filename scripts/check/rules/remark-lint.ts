/**
 * remark-lint over the check's own tree (parsed once, MDX + GFM + directives), its VFile messages
 * mapped to problems with the rule id `remark-lint:<rule>`. Heading order and code fences without a
 * language are errors: they break the page's outline and highlighting. Everything else (duplicate
 * headings, the recommended preset) stays a warning, as remark-lint ships it, so it
 * guides without blocking an urgent fix.
 */
import type { Heading, Root } from 'mdast';
import remarkLintFencedCodeFlag from 'remark-lint-fenced-code-flag';
import remarkLintHeadingIncrement from 'remark-lint-heading-increment';
import remarkLintNoDuplicateHeadings from 'remark-lint-no-duplicate-headings';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Report } from '../types.ts';

const ERROR = 2;

// Built once per process; only the transformers run per file (the tree comes from the check's parse).
// One style preset, `recommended`: every rule walks the whole tree (~0.25 ms a page each), and the
// `consistent` preset's nine more rules cost ~2.5 s of CPU per 1,000 pages for checks (marker and
// fence styles) that never change what a reader sees.
const linter = unified()
	.use(remarkPresetLintRecommended)
	.use(remarkLintFencedCodeFlag, [ERROR])
	.use(remarkLintHeadingIncrement, [ERROR])
	// A warning: `### Details` under two different sections is legitimate (the site numbers the anchors).
	.use(remarkLintNoDuplicateHeadings)
	.freeze();

/** Upstream wording slips, fixed so every message reads "Unexpected …, expected …". */
const tidy = (message: string) => message.replace(/\bexected\b/g, 'expected');

/**
 * Starlight renders the frontmatter title as the page's H1, so body headings start at `##`: during
 * `pass`, a position-less H1 stands in for it as the tree's first child (heading-increment then
 * flags a page that starts at `###`). `pass` gets the stand-in, for rules that must leave it out.
 */
export function withPageTitle<T>(root: Root, title: string | undefined, pass: (titleHeading: Heading) => T): T {
	const titleHeading: Heading = { type: 'heading', depth: 1, children: [{ type: 'text', value: title ?? '' }] };
	root.children.unshift(titleHeading);
	try {
		return pass(titleHeading);
	} finally {
		root.children.splice(root.children.indexOf(titleHeading), 1);
	}
}

/** Runs the linter over a tree that holds the page title's stand-in (withPageTitle). */
export function checkRemarkLint(root: Root, source: string, path: string, report: Report): void {
	const file = new VFile({ path, value: source });
	// Each message is an Error, and capturing its stack was a third of the time on a page with many
	// findings; the check never prints a stack.
	const depth = Error.stackTraceLimit;
	Error.stackTraceLimit = 0;
	try {
		linter.runSync(root, file);
	} finally {
		Error.stackTraceLimit = depth;
	}
	for (const message of file.messages) {
		if (!message.line) continue;
		const rule = `${message.source ?? 'remark-lint'}:${message.ruleId ?? 'unknown'}`;
		report(rule, message.fatal ? 'error' : 'warning', { line: message.line, column: message.column ?? 1 }, tidy(message.reason));
	}
}
