/**
 * A page's source as clean Markdown (mdast) for agents: the tree `parseDoc` gives, with every MDX
 * construct rendered the way the page renders it — facts components as GFM tables or inline values
 * (src/components/facts/markdown.ts), Starlight asides (`:::note`, `<Aside>`) as blockquotes,
 * mermaid fences kept — and every link made absolute through DocTree.resolveLink. Each heading
 * carries `data.anchor`, the id the site gives it, for chunk URLs.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { FACT_RENDERERS, type FactProps } from '../../components/facts/markdown.ts';
import type { DocTree } from '../doc-tree.ts';
import { headingsOf, parseDoc } from '../markdown.ts';
import { withoutComments } from './html-comments.ts';
import { visit } from 'unist-util-visit';

/* The tree mixes mdast, MDX and directive nodes; a loose node type keeps the walk readable. */
type Node = any;

export interface CleanTreeInput {
	/** Path of the source relative to the docs root, e.g. `ops/restart-runbook.mdx`. */
	rel: string;
	/** The whole file, frontmatter included, so error positions are file lines. */
	source: string;
	tree: DocTree;
	/** Absolute site URL for a root-relative path (`/ops/` → `https://…/ops/`). */
	absolute: (path: string) => string;
	/** Where a non-doc file linked from a page can be read (the repository). */
	assetUrl: (docsRootRelative: string) => string;
}

export class TwinError extends Error {}

/** Starlight's aside types and the label it shows when an aside has no title. */
const ASIDE_LABELS: Record<string, string> = { note: 'Note', tip: 'Tip', caution: 'Caution', danger: 'Danger' };
/** Starlight components whose content is just their children in Markdown. */
const UNWRAP = new Set(['Tabs', 'Steps', 'CardGrid', 'FileTree']);
const FACTS_MODULE = /(?:^~|\/src)?\/components\/facts(?:\/index(?:\.ts)?)?$|components\/facts\/([A-Za-z]+)\.astro$/;
// `import X from '…'`, `import { A, B as C } from '…'`: the only import shapes pages use for components.
const IMPORT = /\bimport\s+(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]/g;
const STARLIGHT_MODULE = /^@astrojs\/starlight\/components(?:\/([A-Za-z]+)\.astro)?$/;

export function cleanTree(input: CleanTreeInput): Root {
	const { rel, source } = input;
	const root = parseDoc(source, rel.endsWith('.mdx'));
	const at = (node: Node) => `${rel}:${node?.position?.start.line ?? 1}:${node?.position?.start.column ?? 1}`;

	// Heading ids exactly as the site computes them, attached before anything is rewritten.
	const anchors = headingsOf(root).map((h) => h.slug);
	let h = 0;
	visit(root, 'heading', (node: Heading) => {
		node.data = { ...node.data, anchor: anchors[h++] } as Heading['data'];
	});

	// Which JSX names are facts or Starlight components, from the page's own imports.
	const facts = new Map<string, string>();
	const starlight = new Map<string, string>();
	visit(root, 'mdxjsEsm', (node: Node) => {
		for (const m of String(node.value).matchAll(IMPORT)) {
			const [, defaultName, named, from] = m;
			const factsMatch = FACTS_MODULE.exec(from!);
			const starlightMatch = STARLIGHT_MODULE.exec(from!);
			const target = factsMatch ? facts : starlightMatch ? starlight : undefined;
			if (!target) continue;
			const file = factsMatch?.[1] ?? starlightMatch?.[1];
			if (defaultName && file) target.set(defaultName, file);
			for (const spec of (named ?? '').split(',')) {
				const [imported, local] = spec.trim().split(/\s+as\s+/);
				if (imported) target.set(local ?? imported, imported);
			}
		}
	});

	const resolveHref = (href: string): string => {
		if (/^\/(?!\/)/.test(href)) return input.absolute(href);
		const result = input.tree.resolveLink(rel, href);
		if (result.kind === 'doc') return input.absolute(result.url);
		if (result.kind === 'asset') return input.assetUrl(result.target);
		// External links stay; a dead link has already failed the page's own build.
		return href;
	};

	const props = (node: Node, component: string): FactProps => {
		const out: FactProps = {};
		for (const attr of node.attributes ?? []) {
			if (attr.type !== 'mdxJsxAttribute') continue;
			if (attr.value === null || attr.value === undefined) out[attr.name] = 'true';
			else if (typeof attr.value === 'string') out[attr.name] = attr.value;
			else if (FACT_RENDERERS[component]) throw new TwinError(`${at(node)}  Unexpected expression in \`${attr.name}={…}\` on <${component} />, expected a string attribute such as ${attr.name}="…"`);
		}
		return out;
	};

	const text = (value: string) => ({ type: 'text', value });
	const strong = (value: string) => ({ type: 'strong', children: [text(value)] });
	const paragraph = (children: Node[]) => ({ type: 'paragraph', children });
	const aside = (type: string, title: string | undefined, body: Node[]) => {
		const label = ASIDE_LABELS[type] ?? ASIDE_LABELS.note!;
		return { type: 'blockquote', children: [paragraph([strong(title ? `${label}: ${title}` : label)]), ...body] };
	};

	/** A JSX element's Markdown: nodes of the same kind (flow → blocks, text → phrasing). */
	const renderJsx = (node: Node): Node[] => {
		const inline = node.type === 'mdxJsxTextElement';
		const name: string | null = node.name;
		const children = () => walk(node.children ?? []);
		if (!name) return children(); // a fragment <>…</>
		const factName = facts.get(name);
		if (factName) {
			const renderer = FACT_RENDERERS[factName];
			if (!renderer) throw new TwinError(`${at(node)}  Unexpected facts component <${name} />, expected one with a Markdown renderer in src/components/facts/markdown.ts (${Object.keys(FACT_RENDERERS).join(', ')})`);
			try {
				if (renderer.display === 'inline') return inline ? renderer.render(props(node, factName)) : [paragraph(renderer.render(props(node, factName)))];
				if (inline) throw new TwinError(`${at(node)}  Unexpected <${name} /> inside a sentence, expected it on a line of its own (it renders a block)`);
				return renderer.render(props(node, factName));
			} catch (error) {
				if (error instanceof TwinError) throw error;
				throw new TwinError(`${at(node)}  ${(error as Error).message}`);
			}
		}
		const component = starlight.get(name) ?? name;
		const p = props(node, component);
		switch (component) {
			case 'Aside':
				return inline ? children() : [aside(p.type ?? 'note', p.title, children())];
			case 'TabItem':
			case 'Card':
				return inline ? children() : [paragraph([strong(p.label ?? p.title ?? '')]), ...children()];
			case 'LinkCard':
				if (!p.href) break;
				return wrapInline(inline, [{ type: 'link', url: resolveHref(p.href), children: [text(p.title ?? p.href)] }, ...(p.description ? [text(`: ${p.description}`)] : [])]);
			case 'LinkButton':
				if (!p.href) break;
				return wrapInline(inline, [{ type: 'link', url: resolveHref(p.href), children: inline ? children() : [text(toString(node))] }]);
			case 'Badge':
				return wrapInline(inline, [text(p.text ?? '')]);
			case 'Icon':
				return [];
			case 'br':
				return inline ? [{ type: 'break' }] : [];
		}
		if (UNWRAP.has(component) || /^[a-z]/.test(component) || (node.children ?? []).length > 0) return children();
		throw new TwinError(`${at(node)}  Unexpected component <${name} /> with no Markdown rendering, expected a facts component (imported from ~/components/facts) or a Starlight component; add a renderer in src/lib/agents/clean-tree.ts`);
	};

	const wrapInline = (inline: boolean, nodes: Node[]) => (inline ? nodes : [paragraph(nodes)]);

	/** Unknown text/leaf directives are plain text to Starlight too (`10:30`, `:smile:`): put the source back. */
	const sourceOf = (node: Node) => source.slice(node.position.start.offset, node.position.end.offset);

	function walk(children: Node[]): Node[] {
		const out: Node[] = [];
		for (const node of children) {
			switch (node.type) {
				case 'yaml':
				case 'toml':
				case 'mdxjsEsm':
				case 'mdxFlowExpression':
				case 'mdxTextExpression':
					continue;
				case 'mdxJsxFlowElement':
				case 'mdxJsxTextElement':
					out.push(...renderJsx(node));
					continue;
				case 'containerDirective': {
					const [first, ...rest] = node.children;
					const hasLabel = first?.type === 'paragraph' && first.data?.directiveLabel;
					const title = hasLabel ? toString(first) : undefined;
					const body = walk(hasLabel ? rest : node.children);
					out.push(ASIDE_LABELS[node.name] ? aside(node.name, title, body) : { type: 'blockquote', children: body });
					continue;
				}
				case 'leafDirective':
					out.push(paragraph([text(sourceOf(node))]));
					continue;
				case 'textDirective':
					out.push(text(sourceOf(node)));
					continue;
				case 'html': {
					// Readers never see a comment, so agents must not either.
					const html = withoutComments(node.value);
					if (html.trim() === '') continue;
					node.value = html;
					break;
				}
				case 'link':
				case 'definition':
				case 'image':
					node.url = resolveHref(node.url);
					break;
			}
			if (Array.isArray(node.children)) {
				node.children = walk(node.children);
				// A paragraph that held only an expression or a comment leaves nothing behind.
				if (node.type === 'paragraph' && node.children.every((c: Node) => c.type === 'text' && c.value.trim() === '')) continue;
			}
			out.push(node);
		}
		return out;
	}

	root.children = walk(root.children);
	visit(root, (node: Node) => {
		if (/^mdx|Directive$/.test(node.type)) throw new TwinError(`${at(node)}  Unexpected ${node.type} left in the Markdown twin, expected plain Markdown (report this as a bug in src/lib/agents/clean-tree.ts)`);
	});
	return root;
}
