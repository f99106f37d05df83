/**
 * The MDX policy (src/lib/mdx-policy.ts), one not-ok fixture per policy point under
 * test/fixtures/check/mdx-unsafe/ (the ok fixture, with every allowed form, is in check-rules.test.ts),
 * and the build side's runner (src/plugins/page-policy.ts) giving the same lines as the check.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { parseDoc } from '../../src/lib/markdown.ts';
import { checkMdxPolicy, isAllowedImport, type PolicyFinding } from '../../src/lib/mdx-policy.ts';
import { PagePolicyError, pagePolicySatteriPlugin, pageProblems, type PageCheck } from '../../src/plugins/page-policy.ts';
import { linesOf, runCheck } from '../helpers/check.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

const DIR = 'test/fixtures/check/mdx-unsafe';
const FROM = 'expected a project component (`~/components/…`) or `@astrojs/starlight/components`';
const LITERAL = 'expected a literal or a comment';
const ATTRIBUTE = 'expected a string or a literal';
const EXPORT = 'Unexpected `export` in a page, expected content only (code belongs in a component under src/components)';

/** Written from what each page must be refused for, before the rule was run on it. */
const expected: Record<string, string[]> = {
	imports: [
		`14:26  mdx-unsafe  Unexpected import from \`node:child_process\`, ${FROM}`,
		`15:16  mdx-unsafe  Unexpected import from \`node:fs\`, ${FROM}`,
		"16:1  mdx-unsafe  Unexpected side-effect import of `~/components/facts`, expected `import { Name } from '~/components/facts'`",
		'17:8  mdx-unsafe  Unexpected namespace import `* as Facts` from `~/components/facts`, expected default or named components',
		`18:23  mdx-unsafe  Unexpected import from \`~/components/../lib/facts\`, ${FROM}`,
		'19:50  mdx-unsafe  Unexpected import attributes on `~/components/data.json`, expected a plain component import',
		'20:10  mdx-unsafe  Unexpected `Asid` from `@astrojs/starlight/components`, expected one of its components (did you mean `Aside`?)',
		`24:40  mdx-unsafe  Unexpected dynamic import \`import(…)\`, ${LITERAL}`,
		`26:15  mdx-unsafe  Unexpected dynamic import \`import(…)\`, ${LITERAL}`,
	],
	exports: [`15:1  mdx-unsafe  ${EXPORT}`, `16:1  mdx-unsafe  ${EXPORT}`, `17:1  mdx-unsafe  ${EXPORT}`, `18:1  mdx-unsafe  ${EXPORT}`],
	expressions: [
		`18:2  mdx-unsafe  Unexpected member expression \`process.env.HOME\`, ${LITERAL}`,
		`20:15  mdx-unsafe  Unexpected call expression \`fetch(…)\`, ${LITERAL}`,
		`22:10  mdx-unsafe  Unexpected call expression \`new Function('return 1')()\`, ${LITERAL}`,
		`23:11  mdx-unsafe  Unexpected template literal with substitutions \`\`home: \${process.env.HOME}\`\`, ${LITERAL}`,
		`24:13  mdx-unsafe  Unexpected \`await\` expression \`await fetch('https://evil.example')\`, ${LITERAL}`,
		`27:24  mdx-unsafe  Unexpected assignment \`globalThis.x = 1\`, ${LITERAL}`,
		`27:58  mdx-unsafe  Unexpected call expression \`execSync(…)\`, ${LITERAL}`,
		`30:11  mdx-unsafe  Unexpected member expression \`props.secret\`, ${LITERAL}`,
		`32:7  mdx-unsafe  Unexpected tagged template \`tag\`x\`\`, ${LITERAL}`,
		`32:17  mdx-unsafe  Unexpected unary expression \`typeof window\`, ${LITERAL}`,
		`32:37  mdx-unsafe  Unexpected unary expression \`-x\`, ${LITERAL}`,
	],
	attributes: [
		`18:15  mdx-unsafe  Unexpected call expression \`require('node:fs').readFileSync(…)\` in attribute \`title\` of \`<Aside>\`, ${ATTRIBUTE}`,
		'20:7  mdx-unsafe  Unexpected spread attribute `{...props}` on `<Card>`, expected named attributes with literal values',
		`24:9  mdx-unsafe  Unexpected member expression \`process.env.ICON\` in attribute \`icon\` of \`<Card>\`, ${ATTRIBUTE}`,
		`29:29  mdx-unsafe  Unexpected template literal with substitutions \`\`\${1}\`\` in attribute \`title\` of \`<Aside>\`, ${ATTRIBUTE}`,
		`32:16  mdx-unsafe  Unexpected member expression \`globalThis.name\` in attribute \`title\` of \`<Card>\`, ${ATTRIBUTE}`,
		`35:17  mdx-unsafe  Unexpected member expression \`window.location\` in attribute \`title\` of \`<Aside>\`, ${ATTRIBUTE}`,
	],
	frontmatter: [
		'13:1  mdx-unsafe  Unexpected `---x: 1` where the build ends the frontmatter but this check does not (the lines after it would be built as page content, code included), expected `---` alone on the first line and on the line that closes the frontmatter',
	],
	components: [
		'19:2  mdx-unsafe  Unexpected component `<Asid>`, expected one imported in this page or provided by the site (did you mean `Aside`?)',
		"21:2  mdx-unsafe  Unexpected component `<Steps>` that is not imported, expected `import { Steps } from '@astrojs/starlight/components';` at the top of the page",
		'27:15  mdx-unsafe  Unexpected component `<Severty>`, expected one imported in this page or provided by the site (did you mean `Severity`?)',
		'30:4  mdx-unsafe  Unexpected component `<Evil.Widget>`, expected one imported in this page or provided by the site',
	],
};

describe.each(Object.keys(expected))('mdx-unsafe: not-ok-%s.mdx', (point) => {
	const file = `${DIR}/not-ok-${point}.mdx`;
	const want = expected[point]!.map((line) => `${file}:${line}`);

	it('npm run check: exactly the expected lines, exit 1', () => {
		const result = runCheck(['--root', DIR, file]);
		// Other rules (markup-unsafe) may judge the same page; this rule's lines are compared.
		expect(linesOf(result).filter((line) => line.split(/\s+/)[1] === 'mdx-unsafe')).toEqual(want);
		expect(result.status).toBe(1);
		expect(result.stdout + result.stderr).not.toMatch(/^\s+at\s/m);
	});

	it('the build: the same lines, before the page is compiled', () => {
		const mdxOnly = pageProblems(join(ROOT, file), readFileSync(join(ROOT, file), 'utf8'));
		expect(mdxOnly.map((p) => p.text).filter((line) => line.split(/\s+/)[1] === 'mdx-unsafe')).toEqual(want);
	});
});

const page = (body: string, eol = '\n') => ['---', 'title: t', '---', ...body.split('\n')].join(eol);
const findings = (source: string): string[] => {
	const out: PolicyFinding[] = [];
	checkMdxPolicy(parseDoc(source, true), source, (f) => out.push(f));
	return out.map((f) => `${f.line}:${f.column} ${f.message}`);
};

describe('checkMdxPolicy', () => {
	it('allows only the two component sources, and nothing that climbs out of src/components', () => {
		expect(isAllowedImport('@astrojs/starlight/components')).toBe(true);
		expect(isAllowedImport('~/components/facts')).toBe(true);
		expect(isAllowedImport('~/components/Banner.astro')).toBe(true);
		expect(isAllowedImport('@astrojs/starlight/components/Aside.astro')).toBe(false);
		expect(isAllowedImport('~/components/../lib/facts')).toBe(false);
		expect(isAllowedImport('~/components/Banner.astro?raw')).toBe(false);
		expect(isAllowedImport('~/components/')).toBe(false);
		expect(isAllowedImport('../../components/facts')).toBe(false);
		expect(isAllowedImport('node:fs')).toBe(false);
	});

	it('places a multi-line expression in a block quote at its token, CRLF or not', () => {
		for (const eol of ['\n', '\r\n']) {
			expect(findings(page('> Quoted {1 +\n> process.env.X}', eol))).toEqual([`4:11 Unexpected binary expression \`1 + process.env.X\`, ${LITERAL}`]);
			expect(findings(page('- item\n  {[1,\n  fetch(1)]}', eol))).toEqual([`6:3 Unexpected call expression \`fetch(…)\`, ${LITERAL}`]);
		}
	});

	it('reports a tag it cannot re-read (attributes over block-quoted lines) at the element, still refused', () => {
		expect(findings(page('import { Aside } from "@astrojs/starlight/components";\n\n> <Aside title="t"\n> icon={x}>\n> Q\n> </Aside>'))).toEqual([`6:3 Unexpected identifier \`x\` in attribute \`icon\` of \`<Aside>\`, ${ATTRIBUTE}`]);
	});

	it('accepts comments and literals of every allowed shape, names every other expression', () => {
		expect(findings(page("{/* c */}\n\n{'s'} {1} {-1} {true} {null} {`t`} {[1, 'a', [null]]} {{ a: 1, 'b': { c: false } }} {}"))).toEqual([]);
		expect(findings(page('{a}\n\n{() => 1}\n\n{x ? 1 : 2}\n\n{{ [k]: 1 }}\n\n{{ a }}\n\n{[...xs]}\n\n{/x/}'))).toEqual([
			`4:2 Unexpected identifier \`a\`, ${LITERAL}`,
			`6:2 Unexpected arrow function \`() => 1\`, ${LITERAL}`,
			`8:2 Unexpected conditional expression \`x ? 1 : 2\`, ${LITERAL}`,
			`10:4 Unexpected computed property \`[k]: 1\`, ${LITERAL}`,
			`12:4 Unexpected shorthand property \`a\`, ${LITERAL}`,
			`14:3 Unexpected spread element \`...xs\`, ${LITERAL}`,
			`16:2 Unexpected regular expression literal \`/x/\`, ${LITERAL}`,
		]);
	});
});

describe('page checks in the build', () => {
	const markerCheck: PageCheck = {
		rule: 'test-rule',
		check: (page, report) => {
			if (page.source.includes('forbidden')) report({ line: 3, column: 1, message: 'Unexpected `forbidden`, expected anything else' });
		},
	};

	it('the Sätteri factory (content .md never passes through Vite) refuses a page a registered check refuses, before it is parsed', () => {
		mkdirSync(TMP, { recursive: true });
		const file = join(TMP, 'forbidden.md');
		writeFileSync(file, '---\ntitle: t\n---\nforbidden\n');
		const factory = pagePolicySatteriPlugin([markerCheck]);
		const context = (path: string, sourceFormat: 'markdown' | 'mdx') => ({ fileURL: pathToFileURL(path), sourceFormat, source: '', data: {} });
		expect(() => factory(context(file, 'markdown'))).toThrow(PagePolicyError);
		expect(() => factory(context(file, 'markdown'))).toThrow('test/.tmp/forbidden.md:3:1  test-rule  Unexpected `forbidden`, expected anything else');
		// As Astro's Sätteri processor compiles a content page: the factory runs, and its refusal stops the compile.
		expect(() => markdownToHtml('forbidden\n', { fileURL: pathToFileURL(file), mdastPlugins: [factory] })).toThrow('test-rule  Unexpected `forbidden`');
		// MDX was judged by the Vite plugin before it reached the compiler; a page with nothing to refuse passes.
		expect(factory(context(file, 'mdx'))).toBeUndefined();
		writeFileSync(file, '---\ntitle: t\n---\nallowed\n');
		expect(factory(context(file, 'markdown'))).toBeUndefined();
	});

	it('PagePolicyError carries the first position and every line, without stack frames', () => {
		const error = new PagePolicyError('/x/page.mdx', [
			{ line: 4, column: 2, text: 'page.mdx:4:2  mdx-unsafe  one' },
			{ line: 9, column: 1, text: 'page.mdx:9:1  mdx-unsafe  two' },
		]);
		expect(error.loc).toEqual({ file: '/x/page.mdx', line: 4, column: 2 });
		expect(error.message.split('\n').slice(1)).toEqual(['page.mdx:4:2  mdx-unsafe  one', 'page.mdx:9:1  mdx-unsafe  two']);
		expect(error.stack).not.toMatch(/^\s+at\s/m);
	});
});
