/**
 * Markup a page may contain, judged against the one allow-list in src/lib/markup-policy.ts (the
 * build's sanitiser is configured from the same list): JSX elements and components in `.mdx`, raw
 * HTML in `.md` (parsed by parse5, which implements the HTML standard's parser, so what is judged is
 * what a browser would build: entities decoded, `<SCRIPT>` is `script`), and the URL of every
 * Markdown link, image and definition. Rule id `markup-unsafe`.
 *
 * Pure: the caller parses the page (src/lib/markdown.ts) and says what to do with each finding. The
 * authors' check (scripts/check/rules/markup.ts) and the build (src/plugins/page-policy.ts) run it.
 */
import { Parser, parseExpressionAt } from 'acorn';
import jsx from 'acorn-jsx';
import type { Definition, Html, Image, Link, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { createRequire } from 'node:module';
import type { DefaultTreeAdapterMap } from 'parse5';
import { visit } from 'unist-util-visit';
import { judgeElement, schemeOf, urlAllowed, type WrittenAttribute } from './markup-policy.ts';
import { lineStarts as startsOf } from './position.ts';

export const MARKUP_RULE = 'markup-unsafe';

export interface MarkupProblem {
	line: number;
	column: number;
	message: string;
}
type Report = (problem: MarkupProblem) => void;

// parse5 (~0.1-0.2 s to load with its entity tables) is loaded on the first page with raw HTML: most
// pages, the whole corpus today, have none, and the check's cold start should not pay for it.
let parse5: typeof import('parse5') | undefined;
const html5 = () => (parse5 ??= createRequire(import.meta.url)('parse5') as typeof import('parse5'));

type Place = { line: number; column: number };
type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];

const startOf = (node: { position?: { start: { line: number; column: number } } }): Place => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });

/**
 * The string an attribute expression stands for, when it is a literal (`href={'…'}`, `` {`…`} ``): the
 * mdx-safety rule lets literals through, so their value must be judged like a quoted one. Parsed by
 * acorn, not matched by a pattern. Anything else is mdx-safety's to refuse: null.
 */
function literalValue(source: string): string | null {
	try {
		const node = parseExpressionAt(source, 0, { ecmaVersion: 'latest' }) as { type: string; value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked?: string | null } }[]; end: number };
		if (source.slice(node.end).trim() !== '') return null;
		if (node.type === 'Literal') return node.value === null || node.value === undefined ? null : String(node.value);
		if (node.type === 'TemplateLiteral' && node.expressions?.length === 0) return node.quasis?.[0]?.value.cooked ?? null;
	} catch {
		// Not an expression acorn reads: mdx-safety reports it.
	}
	return null;
}

/**
 * What each component name in the page stands for: `import { Image as Img } …` makes `<Img>` the
 * listed `Image`; a default import of `…/Aside.astro` is `Aside`. Read with acorn from the page's
 * import statements (mdx-safety decides which modules they may come from).
 */
function importedNames(root: Root): Map<string, string> {
	const names = new Map<string, string>();
	for (const node of root.children) {
		if (node.type !== 'mdxjsEsm') continue;
		let program: { body: { type: string; source?: { value?: unknown }; specifiers?: { type: string; local: { name: string }; imported?: { name?: string; value?: string } }[] }[] };
		try {
			program = Parser.parse((node as MdxjsEsm).value, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as typeof program;
		} catch {
			continue; // mdx-safety reports what acorn cannot read
		}
		for (const statement of program.body) {
			if (statement.type !== 'ImportDeclaration') continue;
			const file = /([A-Za-z][\w]*)\.astro$/.exec(String(statement.source?.value ?? ''))?.[1];
			for (const specifier of statement.specifiers ?? []) {
				const imported = specifier.type === 'ImportSpecifier' ? (specifier.imported?.name ?? specifier.imported?.value) : specifier.type === 'ImportDefaultSpecifier' ? file : undefined;
				if (imported && imported !== specifier.local.name) names.set(specifier.local.name, imported);
			}
		}
	}
	return names;
}

/**
 * Where each attribute of a JSX element starts in the file. Sätteri gives attributes no position, so
 * the opening tag is re-read from the page with acorn-jsx: from the element's start to its first
 * child (or its end, for `<X />`), closed with `</X>` when it has children. Only a page with a finding
 * on an attribute pays for it. A tag that does not line up with Sätteri's attributes (one inside a
 * block quote, whose `>` markers are not JSX) yields nothing, and its findings stay at the element.
 */
function attributeStarts(element: MdxJsxFlowElement | MdxJsxTextElement, source: string | undefined, starts: () => number[]): (Place | undefined)[] {
	const from = element.position?.start.offset;
	const to = (element.children[0] ?? element).position?.[element.children.length ? 'start' : 'end'].offset;
	if (source === undefined || from === undefined || to === undefined) return [];
	let tag = source.slice(from, to).trimEnd();
	if (!tag.endsWith('/>')) tag += `</${element.name}>`;
	let parsed: { openingElement?: { attributes: { type: string; start: number; name?: { name?: unknown; namespace?: { name: string } } }[] } };
	try {
		parsed = JSX_PARSER.parseExpressionAt(tag, 0, { ecmaVersion: 'latest' }) as unknown as typeof parsed;
	} catch {
		return [];
	}
	const found = parsed.openingElement?.attributes ?? [];
	if (found.length !== element.attributes.length) return [];
	const lineStarts = starts();
	return found.map((attribute) => {
		const offset = from + attribute.start;
		let line = lineStarts.findLastIndex((s) => s <= offset);
		if (line < 0) line = 0;
		return { line: line + 1, column: offset - lineStarts[line]! + 1 };
	});
}

const JSX_PARSER = Parser.extend(jsx());

function checkJsx(element: MdxJsxFlowElement | MdxJsxTextElement, imports: Map<string, string>, source: string | undefined, starts: () => number[], report: Report): void {
	if (!element.name) return; // a fragment, <>…</>
	const attributes: (WrittenAttribute & { index: number })[] = [];
	element.attributes.forEach((attribute, index) => {
		if (attribute.type !== 'mdxJsxAttribute') return; // spreads are mdx-safety's
		const expression = attribute.value !== null && attribute.value !== undefined && typeof attribute.value !== 'string';
		const value = attribute.value === null || attribute.value === undefined ? null : typeof attribute.value === 'string' ? attribute.value : literalValue(attribute.value.value);
		attributes.push({ name: attribute.name, value, opaque: expression && value === null, index });
	});
	let places: (Place | undefined)[] | undefined;
	for (const finding of judgeElement(imports.get(element.name) ?? element.name, attributes)) {
		const attribute = finding.attribute === undefined ? undefined : attributes.find((a) => a.name === finding.attribute);
		const place = attribute ? (places ??= attributeStarts(element, source, starts))[attribute.index] : undefined;
		report({ ...(place ?? startOf(element)), message: finding.message });
	}
}

/**
 * Raw HTML in a `.md` page: every element parse5 finds in the node, placed in the file. Inside a
 * list item or a quote the node's lines have lost their indentation or `> `, so a later line's
 * column is counted from the end of the file's own line (`lines`), which ends with the node's line.
 */
function checkHtml(html: Html, lines: readonly string[] | undefined, report: Report): void {
	const value = html.value;
	if (!value.includes('<')) return;
	const base = startOf(html);
	const fragment = html5().parseFragment(value, { sourceCodeLocationInfo: true });
	const valueLines = value.split('\n');
	const place = (loc: { startLine: number; startCol: number } | undefined): Place => {
		if (!loc) return base;
		const line = base.line + loc.startLine - 1;
		if (loc.startLine === 1) return { line, column: base.column + loc.startCol - 1 };
		const fileLine = lines?.[line - 1];
		const nodeLine = valueLines[loc.startLine - 1]!;
		const indent = fileLine !== undefined && fileLine.endsWith(nodeLine) ? fileLine.length - nodeLine.length : 0;
		return { line, column: indent + loc.startCol };
	};
	const walk = (nodes: P5Node[]) => {
		for (const node of nodes) {
			if (!('tagName' in node)) continue;
			const element = node as P5Element;
			const location = element.sourceCodeLocation;
			// An element parse5 implied (no start tag of its own, e.g. `<tbody>`) was not written by the author.
			if (location?.startTag) {
				const attributes = element.attrs.map((a) => ({ name: a.prefix ? `${a.prefix}:${a.name}` : a.name, value: a.value }));
				for (const finding of judgeElement(element.tagName, attributes)) {
					const attrLocation = finding.attribute ? location.attrs?.[finding.attribute] : undefined;
					report({ ...place(attrLocation ?? location.startTag), message: finding.message });
				}
			}
			// `<template>`'s children live in its content fragment.
			walk(element.tagName === 'template' ? (element as unknown as { content: { childNodes: P5Node[] } }).content.childNodes : element.childNodes);
		}
	};
	walk(fragment.childNodes);
}

/** `source`, the page's text, places findings on a list item's or a quote's later lines exactly. */
export function checkMarkupTree(root: Root, report: Report, source?: string): void {
	let lines: string[] | undefined;
	let lineStarts: number[] | undefined;
	const starts = () => (lineStarts ??= startsOf(source ?? ''));
	let imports: Map<string, string> | undefined;
	visit(root, (node) => {
		switch (node.type) {
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				checkJsx(node as MdxJsxFlowElement | MdxJsxTextElement, (imports ??= importedNames(root)), source, starts, report);
				return;
			case 'html':
				checkHtml(node as Html, source === undefined ? undefined : (lines ??= source.split('\n')), report);
				return;
			case 'link':
			case 'image':
			case 'definition': {
				const { url } = node as Link | Image | Definition;
				if (!urlAllowed(url)) report({ ...startOf(node), message: `Unexpected \`${schemeOf(url)}:\` URL in a ${node.type}, expected an https, http, mailto or relative URL` });
				return;
			}
		}
	});
}
