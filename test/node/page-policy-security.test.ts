/**
 * The build runs the deception and diagram-budget rules too (src/plugins/page-policy.ts, PAGE_CHECKS),
 * so `astro build` and `astro dev` refuse what `npm run check` refuses, at the same place with the
 * same line: proved on the security fixtures, in-process through the plugin's own entry point.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageProblems } from '../../src/plugins/page-policy.ts';
import { linesOf, runCheck } from '../helpers/check.ts';
import { ROOT } from '../helpers/paths.ts';

const MINE = /  (link-text-url|unicode-lookalike|unicode-invisible|mermaid-budget)  /;

describe.each(['link-text-url', 'unicode', 'mermaid-count', 'mermaid-edges'])('%s/not-ok.mdx', (name) => {
	const rel = `test/fixtures/security/${name}/not-ok.mdx`;
	it('the build refuses it with the lines the check prints', () => {
		const build = pageProblems(join(ROOT, rel), readFileSync(join(ROOT, rel), 'utf8')).map((p) => p.text).filter((t) => MINE.test(t));
		const check = linesOf(runCheck(['--root', `test/fixtures/security/${name}`, rel])).filter((l) => MINE.test(l));
		expect(build.length).toBeGreaterThan(0);
		expect(build).toEqual(check);
	});
	it('and passes the ok page', () => {
		const ok = rel.replace('not-ok', 'ok');
		expect(pageProblems(join(ROOT, ok), readFileSync(join(ROOT, ok), 'utf8')).map((p) => p.text).filter((t) => MINE.test(t))).toEqual([]);
	});
});
