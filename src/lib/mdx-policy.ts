/**
 * What ECMAScript an MDX page may contain. A page is a program: its `import`/`export` statements and
 * `{…}` expressions run in Node when the site is built (in CI, with its checkout and secrets) and in
 * every reader's browser, and pages come from untrusted pull requests. So nothing of a page's code
 * runs unless it is on this allow-list:
 *
 * - `import` only from `~/components/…` or `@astrojs/starlight/components`, with default or named
 *   specifiers: no side-effect import, no namespace import, no import attributes, no `import()`.
 * - no `export` of any kind.
 * - expressions (`{…}` in prose, in lists, in components' children) hold only comments or literals:
 *   strings, numbers (a leading `-` allowed), booleans, `null`, template literals without
 *   substitutions, and arrays/objects made only of those. Anything else (an identifier, member
 *   access, a call, `new`, `await`, an assignment, a function, JSX…) is named in the error.
 * - JSX attribute values are strings or expressions obeying the same literal rule; no spread attributes.
 * - a component (`<Capitalised>` or `<a.b>`) must be imported in the page or provided by the site
 *   globally (the site provides none); an unknown one gets a "did you mean" among the known ones.
 *
 * Every piece of code is parsed with acorn (+ acorn-jsx), the parser MDX itself uses, never matched
 * with a regular expression. Sätteri, the site's Markdown engine, recognises ESM blocks, expressions
 * and attribute expressions but hands them over as plain text (it attaches no estree, and attributes
 * carry no position), so this module parses that text itself and maps every offset back to the page.
 *
 * Pure: the caller parses the page (src/lib/markdown.ts) and says what to do with each finding. Both
 * the authors' check (scripts/check/rules/mdx-safety.ts) and the build (src/plugins/page-policy.ts)
 * run it, so they refuse the same pages with the same message at the same place.
 */
import { extractFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { Parser, type Node as AcornNode, type Options } from 'acorn';
import jsx from 'acorn-jsx';
import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import { closest } from '../../schemas/suggest.ts';
import { lineIndex, lineStarts } from './position.ts';

/** The module specifiers a page may import from: the project's components and Starlight's. */
export const STARLIGHT_COMPONENTS = '@astrojs/starlight/components';
export const PROJECT_COMPONENTS_PREFIX = '~/components/';

/**
 * Components the site hands every page without an import. None: Starlight renders a page's
 * `<Content />` without a components map (routes/common.astro), so every component is imported.
 */
export const GLOBAL_COMPONENTS: readonly string[] = [];

/** The components each allowed module exports, for "did you mean" and import hints. */
export type ComponentCatalog = ReadonlyMap<string, readonly string[]>;

export interface PolicyFinding {
	line: number;
	column: number;
	message: string;
}

export function isAllowedImport(specifier: string): boolean {
	if (specifier === STARLIGHT_COMPONENTS) return true;
	// `~/components/../lib/x` would leave the folder, and a query (`?raw`, `?worker`) would make Vite
	// load the file as something else: every segment is a plain file or folder name.
	if (!specifier.startsWith(PROJECT_COMPONENTS_PREFIX)) return false;
	return specifier
		.slice(PROJECT_COMPONENTS_PREFIX.length)
		.split('/')
		.every((segment) => /^[\w.-]+$/.test(segment) && segment !== '.' && segment !== '..');
}

const JsxParser = Parser.extend(jsx());
const jsxTokens = (JsxParser as unknown as { acornJsx: { tokTypes: Record<string, unknown> } }).acornJsx.tokTypes;
const PARSE_OPTIONS: Options = { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true };

/** The estree shapes this module reads (acorn's own types do not include JSX nodes). */
interface Node extends AcornNode {
	[key: string]: unknown;
}
const child = (node: Node, key: string) => node[key] as Node;
const children = (node: Node, key: string) => node[key] as (Node | null)[];

type Place = (offset: number) => { line: number; column: number };

interface Positioned {
	position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
}

/**
 * Maps an offset in a node's `value` back to the page. Sätteri's value is the text between the
 * braces (`open` = 1) or the whole ESM block (`open` = 0) with container prefixes (`> `, a list
 * item's indent) taken off every line after the first, so each later value line ends where its page
 * line ends — except the last line of an expression, which ends just before the closing `}`.
 */
function valuePlace(node: Positioned, value: string, open: number, source: string, starts: () => number[]): Place {
	const start = node.position?.start ?? { line: 1, column: 1 };
	const end = node.position?.end;
	const valueLines = value.split('\n');
	const valueStarts: number[] = [];
	let at = 0;
	for (const line of valueLines) {
		valueStarts.push(at);
		at += line.length + 1;
	}
	const firstColumn = start.column - 1 + open;
	const columnOf = (k: number): number | undefined => {
		if (k === 0) return firstColumn;
		const lineIndex = start.line - 1 + k;
		const s = starts();
		if (lineIndex >= s.length) return undefined;
		const lineStart = s[lineIndex]!;
		const lineEnd = lineIndex + 1 < s.length ? s[lineIndex + 1]! - 1 : source.length;
		const text = valueLines[k]!;
		const isLast = k === valueLines.length - 1;
		// The last line of an expression stops at `}` (end offset - 1); an ESM block's lines run to the line end.
		const stop = isLast && open === 1 && end?.offset !== undefined ? end.offset - 1 : lineEnd - (source[lineEnd - 1] === '\r' && !text.endsWith('\r') ? 1 : 0);
		const column = stop - text.length - lineStart;
		return column >= 0 && source.startsWith(text, lineStart + column) ? column : undefined;
	};
	return (offset) => {
		let k = valueStarts.length - 1;
		while (k > 0 && valueStarts[k]! > offset) k--;
		const column = columnOf(k);
		// A value that does not line up with the page (never seen, but cheap to survive): the node's own start.
		if (column === undefined) return { line: start.line, column: start.column };
		return { line: start.line + k, column: column + (offset - valueStarts[k]!) + 1 };
	};
}

/** Parses one expression's text; `null` for an empty or comment-only expression. Offsets are the text's. */
function parseExpression(value: string): Node | null {
	try {
		if ((JsxParser.parse(value, PARSE_OPTIONS) as unknown as { body: unknown[] }).body.length === 0) return null;
	} catch {
		// Not a program (an object literal, say): parsed as an expression below.
	}
	// Parenthesised as MDX does, so `{a: 1}` is an object, not a block; `\n` lets a trailing line comment end.
	let program: Node;
	try {
		program = JsxParser.parse(`(${value}\n)`, PARSE_OPTIONS) as unknown as Node;
	} catch (error) {
		throw syntaxError(error, value.length, -1);
	}
	const body = children(program, 'body') as Node[];
	if (body.length !== 1 || body[0]!.type !== 'ExpressionStatement') {
		throw Object.assign(new SyntaxError('more than one expression'), { pos: Math.max(0, Math.min(value.length, (body[1] ?? body[0]!).start - 1)) });
	}
	return shift(child(body[0]!, 'expression'), -1);
}

/** acorn's error without its own `(line:col)`, its offset moved by `by` (the parenthesis added in front) into the author's text. */
function syntaxError(error: unknown, length: number, by: number): SyntaxError & { pos: number } {
	const e = error as SyntaxError & { pos?: number };
	const reason = e.message.replace(/\s*\(\d+:\d+\)$/, '');
	return Object.assign(new SyntaxError(reason), { pos: Math.max(0, Math.min(length, (e.pos ?? 0) + by)) });
}

/** Moves every node's offsets by `by` (the parenthesis added in front). */
function shift(node: Node, by: number): Node {
	const seen = new Set<Node>();
	const walk = (n: Node) => {
		if (seen.has(n)) return;
		seen.add(n);
		n.start += by;
		n.end += by;
		for (const key of Object.keys(n)) {
			const v = n[key];
			if (Array.isArray(v)) for (const c of v) if (c && typeof c === 'object' && typeof (c as Node).type === 'string') walk(c as Node);
			if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Node).type === 'string') walk(v as Node);
		}
	};
	walk(node);
	return node;
}

const KIND: Record<string, string> = {
	Identifier: 'identifier',
	MemberExpression: 'member expression',
	CallExpression: 'call expression',
	NewExpression: '`new` expression',
	ImportExpression: 'dynamic import',
	AwaitExpression: '`await` expression',
	YieldExpression: '`yield` expression',
	AssignmentExpression: 'assignment',
	UpdateExpression: 'update expression',
	TemplateLiteral: 'template literal with substitutions',
	TaggedTemplateExpression: 'tagged template',
	ArrowFunctionExpression: 'arrow function',
	FunctionExpression: 'function',
	ClassExpression: 'class',
	JSXElement: 'JSX element',
	JSXFragment: 'JSX fragment',
	ConditionalExpression: 'conditional expression',
	BinaryExpression: 'binary expression',
	LogicalExpression: 'logical expression',
	UnaryExpression: 'unary expression',
	SequenceExpression: 'sequence expression',
	ThisExpression: '`this`',
	MetaProperty: 'meta property',
	SpreadElement: 'spread element',
	Super: '`super`',
};

function kindOf(node: Node): string {
	if (node.type === 'ChainExpression') return `optional ${kindOf(child(node, 'expression'))}`;
	if (node.type === 'Literal') return node.regex ? 'regular expression literal' : 'BigInt literal';
	if (node.type === 'Property') return node.computed ? 'computed property' : node.shorthand ? 'shorthand property' : node.kind !== 'init' ? `${String(node.kind)}ter` : 'method';
	return KIND[node.type] ?? node.type;
}

/** What the author wrote, short enough for one line: a call shows its callee, `fetch(…)`. */
function snippetOf(node: Node, text: string): string {
	const inner = node.type === 'ChainExpression' ? child(node, 'expression') : node;
	let shown = text.slice(node.start, node.end);
	if (inner.type === 'CallExpression' || inner.type === 'NewExpression') {
		const callee = child(inner, 'callee');
		const args = children(inner, 'arguments');
		shown = `${text.slice(node.start, callee.end)}${inner.optional ? '?.' : ''}(${args.length ? '…' : ''})`;
	} else if (inner.type === 'ImportExpression') {
		shown = 'import(…)';
	}
	shown = shown.replace(/\s+/g, ' ');
	return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}

/**
 * The parts of an expression that are not literals, outermost first: an array or object of
 * literals is allowed, so what is reported is the element or value that breaks the rule.
 */
function nonLiterals(node: Node, out: Node[] = []): Node[] {
	switch (node.type) {
		case 'Literal':
			if (node.regex || node.bigint !== undefined) out.push(node);
			return out;
		case 'TemplateLiteral':
			if (children(node, 'expressions').length > 0) out.push(node);
			return out;
		case 'UnaryExpression': {
			const argument = child(node, 'argument');
			if (!((node.operator === '-' || node.operator === '+') && argument.type === 'Literal' && typeof argument.value === 'number')) out.push(node);
			return out;
		}
		case 'ArrayExpression':
			for (const element of children(node, 'elements')) if (element) nonLiterals(element, out);
			return out;
		case 'ObjectExpression':
			for (const property of children(node, 'properties') as Node[]) {
				if (property.type !== 'Property' || property.computed || property.method || property.shorthand || property.kind !== 'init') out.push(property);
				else nonLiterals(child(property, 'value'), out);
			}
			return out;
		default:
			out.push(node);
			return out;
	}
}

/** Reads the opening tag of the JSX element at `offset` with acorn-jsx, stopping at its `>` or `/>`. */
class OpeningTagParser extends (JsxParser as unknown as new (options: Options, input: string, startPos?: number) => Record<string, (...args: unknown[]) => unknown> & { type: unknown }) {
	openingTag(): { name: Node | null; attributes: Node[] } {
		this.nextToken!();
		if (this.type !== jsxTokens.jsxTagStart) throw new SyntaxError('no tag here');
		this.next!();
		const name = this.type === jsxTokens.jsxTagEnd ? null : (this.jsx_parseElementName!() as Node);
		const attributes: Node[] = [];
		// `/` is acorn's slash token; comparing labels spares importing acorn's token table.
		while ((this.type as { label: string }).label !== '/' && this.type !== jsxTokens.jsxTagEnd) attributes.push(this.jsx_parseAttribute!() as Node);
		return { name, attributes };
	}
}

const jsxName = (node: Node): string =>
	node.type === 'JSXIdentifier' ? String(node.name) : node.type === 'JSXNamespacedName' ? `${jsxName(child(node, 'namespace'))}:${jsxName(child(node, 'name'))}` : `${jsxName(child(node, 'object'))}.${jsxName(child(node, 'property'))}`;

/** A JSX name refers to a component (a variable in scope) when capitalised or dotted; otherwise it is an HTML element. */
const isComponentName = (name: string) => name.includes('.') || /^[A-Z_$]/.test(name);

export interface MdxPolicyOptions {
	/** Loaded only when a finding needs it (an unknown component, a named import to verify). */
	catalog?: () => ComponentCatalog;
}

/**
 * Reports every piece of code in `tree` (Sätteri's mdast of `source`, frontmatter included, so
 * positions are the file's) that the policy above does not allow.
 */
export function checkMdxPolicy(tree: Root, source: string, report: (finding: PolicyFinding) => void, options: MdxPolicyOptions = {}): void {
	let starts: number[] | undefined;
	const pageStarts = () => (starts ??= lineStarts(source));
	let catalog: ComponentCatalog | undefined;
	const known = () => (catalog ??= options.catalog?.() ?? new Map());
	const at = (node: Positioned) => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
	/** acorn offsets of a parse over the whole page, placed with the page's own line starts. */
	const pagePlace: Place = lineIndex(source);

	frontmatterAgreement(tree, source, report);

	const imported = new Set<string>();
	// MDX allows import/export only at the top level; the walk below still judges one found deeper.
	const parseEsm = (node: Positioned & { value: string }) => {
		const value = node.value;
		const place = valuePlace(node, value, 0, source, pageStarts);
		let program: Node | null = null;
		try {
			program = JsxParser.parse(value, PARSE_OPTIONS) as unknown as Node;
			for (const statement of children(program, 'body') as Node[]) {
				if (statement.type !== 'ImportDeclaration') continue;
				for (const specifier of children(statement, 'specifiers') as Node[]) imported.add(String(child(specifier, 'local').name));
			}
		} catch (error) {
			const e = syntaxError(error, value.length, 0);
			report({ ...place(e.pos), message: `Unexpected JavaScript in an import/export block (${e.message}), expected \`import { Name } from '~/components/…'\`` });
		}
		return { program, place };
	};
	const checkEsm = ({ program, place }: { program: Node | null; place: Place }) => {
		if (program) for (const statement of children(program, 'body') as Node[]) checkStatement(statement, place, report, known);
	};
	// All imports first: a component may be used above the line that imports it (MDX hoists imports).
	const topLevelEsm = tree.children.filter((node) => node.type === 'mdxjsEsm');
	topLevelEsm.map((node) => parseEsm(node as Positioned & { value: string })).forEach(checkEsm);

	const checkExpressionText = (value: string, place: Place) => {
		let expression: Node | null;
		try {
			expression = parseExpression(value);
		} catch (error) {
			const e = error as SyntaxError & { pos: number };
			report({ ...place(e.pos), message: `Unexpected JavaScript in an expression (${e.message}), expected a literal or a comment` });
			return;
		}
		if (!expression) return;
		for (const bad of nonLiterals(expression)) report({ ...place(bad.start), message: `Unexpected ${kindOf(bad)} \`${snippetOf(bad, value)}\`, expected a literal or a comment` });
	};

	visit(tree, (node) => {
		switch (node.type) {
			case 'mdxjsEsm':
				if (!topLevelEsm.includes(node as never)) checkEsm(parseEsm(node as Positioned & { value: string }));
				return;
			case 'mdxFlowExpression':
			case 'mdxTextExpression': {
				const value = (node as { value: string }).value;
				checkExpressionText(value, valuePlace(node, value, 1, source, pageStarts));
				return;
			}
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement': {
				const element = node as MdxJsxFlowElement | MdxJsxTextElement;
				const name = element.name;
				if (name && isComponentName(name)) {
					const root = name.split('.')[0]!;
					if (!imported.has(root) && !GLOBAL_COMPONENTS.includes(root)) {
						const start = at(element);
						report({ line: start.line, column: start.column + 1, message: unknownComponent(name, root, imported, known()) });
					}
				}
				const risky = element.attributes.filter((a): a is MdxJsxAttribute | MdxJsxExpressionAttribute => a.type === 'mdxJsxExpressionAttribute' || (a.value !== null && typeof a.value === 'object'));
				if (risky.length > 0) checkAttributes(element, source, pagePlace, report, at);
				return;
			}
		}
	});
}

/**
 * The page's frontmatter must end where the build thinks it does (.md and .mdx alike). Astro cuts it off with its own
 * pattern (@astrojs/internal-helpers' extractFrontmatter, used here so there is one copy of it)
 * before @astrojs/mdx compiles the rest, and that pattern takes the first line *starting* with `---`
 * as the end: after `---x`, the lines the Markdown parser still reads as YAML (hidden from this
 * policy) would be compiled, and run, as MDX. Such a page is refused at the line the build ends it.
 */
function frontmatterAgreement(tree: Root, source: string, report: (finding: PolicyFinding) => void): void {
	// Not always the first child: the check puts a stand-in for the page title in front (remark-lint.ts).
	const first = tree.children.find((node) => node.type === 'yaml');
	if (!first?.position) return;
	const raw = extractFrontmatter(source);
	const opener = source.startsWith('\uFEFF') ? 1 : 0;
	// The fence Astro closes on: `---` (or `+++`) right after the text it took for frontmatter.
	const close = raw === undefined ? -1 : source.indexOf(raw, opener) + raw.length;
	const lineEnd = close < 0 ? -1 : source.indexOf('\n', close);
	const rest = close < 0 ? '' : source.slice(close + 3, lineEnd < 0 ? source.length : lineEnd);
	// Counted over the frontmatter alone: the page's line starts are only worked out for a finding.
	let closeLine = 1;
	for (let i = source.indexOf('\n'); i !== -1 && i < close; i = source.indexOf('\n', i + 1)) closeLine++;
	if (close >= 0 && closeLine === first.position.end.line && rest.trim() === '') return;
	const expected = 'expected `---` alone on the first line and on the line that closes the frontmatter';
	if (close < 0) {
		report({ line: first.position.start.line, column: 1, message: `Unexpected frontmatter the build does not read as frontmatter (it would build it as page content), ${expected}` });
		return;
	}
	const shown = source.slice(close, lineEnd < 0 ? source.length : lineEnd).replace(/\r$/, '');
	report({ line: closeLine, column: 1, message: `Unexpected \`${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}\` where the build ends the frontmatter but this check does not (the lines after it would be built as page content, code included), ${expected}` });
}

function checkStatement(statement: Node, place: Place, report: (finding: PolicyFinding) => void, known: () => ComponentCatalog): void {
	if (statement.type === 'ImportDeclaration') {
		const sourceNode = child(statement, 'source');
		const specifier = String(sourceNode.value);
		const specifiers = children(statement, 'specifiers') as Node[];
		if (!isAllowedImport(specifier)) {
			report({ ...place(sourceNode.start), message: `Unexpected import from \`${specifier}\`, expected a project component (\`~/components/…\`) or \`${STARLIGHT_COMPONENTS}\`` });
			return;
		}
		if (specifiers.length === 0) {
			report({ ...place(statement.start), message: `Unexpected side-effect import of \`${specifier}\`, expected \`import { Name } from '${specifier}'\`` });
			return;
		}
		const attributes = children(statement, 'attributes') ?? [];
		if (attributes.length > 0) report({ ...place(attributes[0]!.start), message: `Unexpected import attributes on \`${specifier}\`, expected a plain component import` });
		for (const s of specifiers) {
			if (s.type === 'ImportNamespaceSpecifier') {
				report({ ...place(s.start), message: `Unexpected namespace import \`* as ${String(child(s, 'local').name)}\` from \`${specifier}\`, expected default or named components` });
			} else if (s.type === 'ImportSpecifier') {
				const importedName = child(s, 'imported');
				const name = String(importedName.name ?? importedName.value);
				const exports = known().get(specifier);
				if (exports && !exports.includes(name)) {
					const hint = closest(name, exports);
					report({ ...place(importedName.start), message: `Unexpected \`${name}\` from \`${specifier}\`, expected one of its components${hint ? ` (did you mean \`${hint}\`?)` : `: ${exports.map((e) => `\`${e}\``).join(', ')}`}` });
				}
			}
		}
		return;
	}
	if (statement.type.startsWith('Export')) {
		report({ ...place(statement.start), message: 'Unexpected `export` in a page, expected content only (code belongs in a component under src/components)' });
		return;
	}
	report({ ...place(statement.start), message: `Unexpected ${KIND[child(statement, 'expression')?.type] ?? 'statement'} in an import/export block, expected only \`import\` of components` });
}

function unknownComponent(name: string, root: string, imported: ReadonlySet<string>, catalog: ComponentCatalog): string {
	// A component the site has, just not imported here: say which import to add.
	for (const [module, names] of catalog) {
		if (names.includes(root)) return `Unexpected component \`<${name}>\` that is not imported, expected \`import { ${root} } from '${module}';\` at the top of the page`;
	}
	const candidates = [...new Set([...imported, ...GLOBAL_COMPONENTS, ...[...catalog.values()].flat()])];
	const hint = closest(root, candidates);
	return `Unexpected component \`<${name}>\`, expected one imported in this page or provided by the site${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
}

/**
 * Attribute expressions and spreads of one element. Sätteri gives attributes no position, so the
 * opening tag is re-read from the page with acorn-jsx (positions are then the page's own). A tag it
 * cannot line up (inside a block quote, whose `>` markers are not JSX) falls back to Sätteri's text,
 * reported at the element.
 */
function checkAttributes(element: MdxJsxFlowElement | MdxJsxTextElement, source: string, pagePlace: Place, report: (finding: PolicyFinding) => void, at: (node: Positioned) => { line: number; column: number }): void {
	const tagName = element.name ?? '';
	const describeValue = (attr: string) => `in attribute \`${attr}\` of \`<${tagName}>\``;
	const expected = 'a string or a literal';
	let parsed: { name: Node | null; attributes: Node[] } | undefined;
	const offset = element.position?.start.offset;
	if (offset !== undefined) {
		try {
			parsed = new OpeningTagParser({ ...PARSE_OPTIONS }, source, offset).openingTag();
		} catch {
			parsed = undefined;
		}
	}
	const lined =
		parsed &&
		parsed.attributes.length === element.attributes.length &&
		parsed.attributes.every((a, i) => {
			const theirs = element.attributes[i]!;
			return a.type === 'JSXSpreadAttribute' ? theirs.type === 'mdxJsxExpressionAttribute' : theirs.type === 'mdxJsxAttribute' && jsxName(child(a, 'name')) === theirs.name;
		});
	if (parsed && lined) {
		for (const attribute of parsed.attributes) {
			if (attribute.type === 'JSXSpreadAttribute') {
				report({ ...pagePlace(attribute.start), message: `Unexpected spread attribute \`${snippetOf(attribute, source)}\` on \`<${tagName}>\`, expected named attributes with literal values` });
				continue;
			}
			const value = child(attribute, 'value');
			if (!value || value.type === 'Literal') continue;
			const name = jsxName(child(attribute, 'name'));
			if (value.type !== 'JSXExpressionContainer') {
				report({ ...pagePlace(value.start), message: `Unexpected ${kindOf(value)} \`${snippetOf(value, source)}\` ${describeValue(name)}, expected ${expected}` });
				continue;
			}
			const expression = child(value, 'expression');
			if (expression.type === 'JSXEmptyExpression') continue;
			for (const bad of nonLiterals(expression)) report({ ...pagePlace(bad.start), message: `Unexpected ${kindOf(bad)} \`${snippetOf(bad, source)}\` ${describeValue(name)}, expected ${expected}` });
		}
		return;
	}
	const place: Place = () => at(element);
	for (const attribute of element.attributes) {
		if (attribute.type === 'mdxJsxExpressionAttribute') {
			report({ ...place(0), message: `Unexpected spread attribute \`{${attribute.value}}\` on \`<${tagName}>\`, expected named attributes with literal values` });
			continue;
		}
		if (attribute.value === null || typeof attribute.value !== 'object') continue;
		const text = attribute.value.value;
		let expression: Node | null;
		try {
			expression = parseExpression(text);
		} catch (error) {
			report({ ...place(0), message: `Unexpected JavaScript ${describeValue(attribute.name)} (${(error as Error).message}), expected ${expected}` });
			continue;
		}
		if (!expression) continue;
		for (const bad of nonLiterals(expression)) report({ ...place(0), message: `Unexpected ${kindOf(bad)} \`${snippetOf(bad, text)}\` ${describeValue(attribute.name)}, expected ${expected}` });
	}
}
