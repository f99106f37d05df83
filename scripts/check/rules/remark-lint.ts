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
	// Building a message is most of a rule's cost on a page with thousands of findings (`[a](`
	// repeated: 4.6 s for 500 KB), so past MAX_MESSAGES the rules' further messages are not built:
	// they get a stand-in that is not kept, and the page fails with one error saying so (a warning
	// cut off could otherwise hide an error after it).
	let dropped = 0;
	const message = file.message.bind(file);
	file.message = ((...args: Parameters<VFile['message']>) => {
		if (file.messages.length < MAX_MESSAGES) return message(...args);
		dropped++;
		return { fatal: false } as ReturnType<VFile['message']>;
	}) as VFile['message'];
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
	if (dropped) report('remark-lint', 'error', { line: 1, column: 1 }, `Unexpected more than ${MAX_MESSAGES} remark-lint findings in one page (${dropped.toLocaleString('en')} more not listed), expected a page that mostly passes: fix the first ones and run again`);
}

const MAX_MESSAGES = 500;
