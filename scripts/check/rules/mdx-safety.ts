/**
 * MDX is code: a page's `import`/`export` statements and `{…}` expressions run when the site is built
 * and in every reader's browser, and pages come from untrusted pull requests. Rule id `mdx-unsafe`.
 *
 * The policy (stated in full in src/lib/mdx-policy.ts and on the documentation standards page):
 * imports only of `~/components/…` and `@astrojs/starlight/components` (default or named, no
 * side-effect or namespace import, no `import()`); no `export`; expressions and attribute values only
 * comments and literals; no spread attributes; every component imported. The same module is run by
 * the build (src/plugins/page-policy.ts), so a page this rule refuses never builds either.
 *
 * Also here until the markup allow-list takes them over: no `<script>`, no `on…` event handlers, no
 * `set:html`/`dangerouslySetInnerHTML`, no `javascript:` URLs.
 */
import type { Definition, Html, Image, Link, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import { loadComponentCatalog } from '../../../src/lib/component-catalog.ts';
import { checkMdxPolicy, type ComponentCatalog } from '../../../src/lib/mdx-policy.ts';
import type { Report } from '../types.ts';

const RAW_HTML_PROPS = ['dangerouslysetinnerhtml', 'set:html'];

/** `javascript:` after the leniency browsers apply (leading spaces, control characters, tabs inside the scheme). */
const isJavascriptUrl = (value: string) => /^javascript:/i.test(value.replace(/[\u0000-\u0020]/g, ''));

// Read once per run, and only if a page needs it (a named import to verify, an unknown component).
let catalog: ComponentCatalog | undefined;
const componentCatalog = () => (catalog ??= loadComponentCatalog());

export function checkMdxSafety(root: Root, source: string, report: Report): void {
	checkMdxPolicy(root, source, (finding) => report('mdx-unsafe', 'error', finding, finding.message), { catalog: componentCatalog });
	const at = (node: { position?: { start: { line: number; column: number } } }) => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
	visit(root, (node) => {
		switch (node.type) {
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement': {
				const element = node as MdxJsxFlowElement | MdxJsxTextElement;
				if (element.name?.toLowerCase() === 'script') {
					report('mdx-unsafe', 'error', at(element), 'Unexpected `<script>`, expected no scripts in pages (interactive behaviour belongs in a component under src/components)');
				}
				for (const attribute of element.attributes) {
					if (attribute.type !== 'mdxJsxAttribute') continue;
					const place = attribute.position ? { line: attribute.position.start.line, column: attribute.position.start.column } : at(element);
					const name = attribute.name;
					const value = typeof attribute.value === 'string' ? attribute.value : (attribute.value?.value ?? '');
					if (/^on[a-z]/i.test(name)) {
						report('mdx-unsafe', 'error', place, `Unexpected event handler \`${name}\` on \`<${element.name}>\`, expected no inline handlers (use a component)`);
					} else if (RAW_HTML_PROPS.includes(name.toLowerCase())) {
						report('mdx-unsafe', 'error', place, `Unexpected \`${name}\` on \`<${element.name}>\`, expected content written as Markdown or JSX (raw HTML injection bypasses escaping)`);
					} else if (isJavascriptUrl(value.replace(/^\s*["'`]/, ''))) {
						report('mdx-unsafe', 'error', place, `Unexpected \`javascript:\` URL in \`${name}\` on \`<${element.name}>\`, expected an http(s) or relative URL`);
					}
				}
				return;
			}
			case 'link':
			case 'image':
			case 'definition': {
				const { url } = node as Link | Image | Definition;
				if (isJavascriptUrl(url)) report('mdx-unsafe', 'error', at(node), `Unexpected \`javascript:\` URL in a ${node.type}, expected an http(s) or relative URL`);
				return;
			}
			case 'html': {
				// Plain Markdown (.md) keeps raw HTML; MDX turns it into JSX, handled above.
				const html = node as Html;
				const checks: [RegExp, string][] = [
					[/<script\b/i, 'Unexpected `<script>`, expected no scripts in pages (interactive behaviour belongs in a component under src/components)'],
					[/\son[a-z]+\s*=/i, 'Unexpected inline event handler in HTML, expected no `on…=` attributes'],
					[/=\s*["']?\s*javascript:/i, 'Unexpected `javascript:` URL in HTML, expected an http(s) or relative URL'],
				];
				for (const [pattern, message] of checks) {
					const match = pattern.exec(html.value);
					if (!match) continue;
					const before = html.value.slice(0, match.index + (match[0].startsWith(' ') || match[0].startsWith('\t') ? 1 : 0)).split('\n');
					const start = at(html);
					report('mdx-unsafe', 'error', { line: start.line + before.length - 1, column: before.length === 1 ? start.column + before[0]!.length : before.at(-1)!.length + 1 }, message);
				}
				return;
			}
		}
	});
}

