/**
 * MDX is code: a page can import modules, export values and run scripts in every reader's browser.
 * Pages may only import the project's own components (and Starlight's), and may not carry scripts,
 * event handlers, `javascript:` URLs or raw-HTML injection. Rule id `mdx-unsafe`.
 */
import type { Definition, Html, Image, Link, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { dirname, relative, resolve } from 'node:path';
import { visit } from 'unist-util-visit';
import type { Report } from '../types.ts';

// From the repo root, where npm runs every script (as src/lib/site-config.ts does): the checker runs
// bundled from node_modules/.cache, so its own location says nothing about the repo.
const COMPONENTS_DIR = resolve('src/components');
const ALLOWED_PACKAGES = ['@astrojs/starlight/components'];
const RAW_HTML_PROPS = ['dangerouslysetinnerhtml', 'set:html'];

/** `javascript:` after the leniency browsers apply (leading spaces, control characters, tabs inside the scheme). */
const isJavascriptUrl = (value: string) => /^javascript:/i.test(value.replace(/[\u0000-\u0020]/g, ''));

/** An import specifier is allowed when it names our components (`~/components/…` or a relative path into src/components) or Starlight's. */
export function allowedImport(specifier: string, fileAbs: string): boolean {
	if (ALLOWED_PACKAGES.includes(specifier)) return true;
	if (specifier.startsWith('~/components/') || specifier === '~/components') return !specifier.split('/').includes('..');
	if (specifier.startsWith('./') || specifier.startsWith('../')) {
		const target = resolve(dirname(fileAbs), specifier);
		const inside = relative(COMPONENTS_DIR, target);
		return inside === '' || (!inside.startsWith('..') && !inside.startsWith('/'));
	}
	return false;
}

interface EstreeNode {
	type: string;
	source?: { value?: unknown };
	loc?: { start: { line: number; column: number } };
}

export function checkMdxSafety(root: Root, fileAbs: string, report: Report): void {
	const at = (node: { position?: { start: { line: number; column: number } } }) => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
	visit(root, (node) => {
		switch (node.type) {
			case 'mdxjsEsm': {
				const esm = node as MdxjsEsm;
				const body = ((esm.data?.estree as { body?: EstreeNode[] } | undefined)?.body ?? []) as EstreeNode[];
				for (const statement of body) {
					// estree lines are the file's; columns are 0-based.
					const place = statement.loc ? { line: statement.loc.start.line, column: statement.loc.start.column + 1 } : at(esm);
					if (statement.type === 'ImportDeclaration') {
						const specifier = String(statement.source?.value ?? '');
						if (!allowedImport(specifier, fileAbs)) {
							report('mdx-unsafe', 'error', place, `Unexpected import from \`${specifier}\`, expected a project component (\`~/components/…\`) or \`@astrojs/starlight/components\``);
						}
					} else if (statement.type.startsWith('Export')) {
						report('mdx-unsafe', 'error', place, 'Unexpected `export` in a page, expected content only (put code in a component under src/components)');
					}
				}
				return;
			}
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

