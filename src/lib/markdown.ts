/**
 * Parses a doc's source into mdast with file-true positions: the same MDX + GFM grammar the site
 * builds with, so what the checker sees is what Astro renders.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const mdParser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
// Starlight parses `:::note` asides with remark-directive; renderers that must see asides as nodes
// (the agents' Markdown twins) opt in, the checker keeps the plain grammar.
const mdxDirectiveParser = mdxParser().use(remarkDirective).freeze();
const mdDirectiveParser = mdParser().use(remarkDirective).freeze();

export class MarkdownSyntaxError extends Error {
	readonly line: number;
	readonly column: number;
	constructor(message: string, line: number, column: number) {
		super(message);
		this.line = line;
		this.column = column;
	}
}

/** Parse a whole file (frontmatter included, so positions match the file). Throws MarkdownSyntaxError. */
export function parseDoc(source: string, isMdx: boolean, options: { directives?: boolean } = {}): Root {
	const parser = options.directives ? (isMdx ? mdxDirectiveParser : mdDirectiveParser) : isMdx ? mdxParser : mdParser;
	try {
		return parser.parse(source) as Root;
	} catch (error) {
		const e = error as { reason?: string; message?: string; line?: number; column?: number; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
		const place = e.place && 'start' in e.place && e.place.start ? e.place.start : (e.place as { line?: number; column?: number } | undefined);
		throw new MarkdownSyntaxError(e.reason ?? e.message ?? String(error), place?.line ?? e.line ?? 1, place?.column ?? e.column ?? 1);
	}
}

export interface HeadingInfo {
	depth: number;
	text: string;
	slug: string;
	line: number;
	column: number;
}

/**
 * Heading ids exactly as the site assigns them: Astro's rehypeHeadingIds runs github-slugger over
 * each heading's text in document order, so duplicates become `name-1`, `name-2`.
 */
export function headingsOf(tree: Root): HeadingInfo[] {
	const slugger = new GithubSlugger();
	const out: HeadingInfo[] = [];
	visit(tree, 'heading', (node: Heading) => {
		const text = toString(node);
		out.push({ depth: node.depth, text, slug: slugger.slug(text), line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
	});
	return out;
}
