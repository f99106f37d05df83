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
 * `<script>`, `on…` handlers, `set:html`/`dangerouslySetInnerHTML` and `javascript:` URLs are the
 * markup allow-list's (rule `markup-unsafe`, src/lib/markup-policy.ts).
 */
import type { Root } from 'mdast';
import { loadComponentCatalog } from '../../../src/lib/component-catalog.ts';
import { checkMdxPolicy, type ComponentCatalog } from '../../../src/lib/mdx-policy.ts';
import type { Report } from '../types.ts';

// Read once per run, and only if a page needs it (a named import to verify, an unknown component).
let catalog: ComponentCatalog | undefined;
const componentCatalog = () => (catalog ??= loadComponentCatalog());

export function checkMdxSafety(root: Root, source: string, report: Report): void {
	checkMdxPolicy(root, source, (finding) => report('mdx-unsafe', 'error', finding, finding.message), { catalog: componentCatalog });
}
