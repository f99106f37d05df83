/**
 * Issue 26, tests that run anywhere: nothing the suite or the build runs names a file outside the
 * repository (the SRE seed beside the checkout, a scratch build in a machine's /tmp). What a test
 * needs from the seed lives in the project as its own data (src/data/). Pages are left out: their
 * code blocks may name paths on the reader's machine (`docker run -v "$PWD:/work" …`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

// The seed's folder and this machine's checkout, and a fixed folder under /tmp used as the input of a test.
const OUTSIDE = /\.\.\/shared\/|\/work\/(?:shared|main)\b|['"`]\/tmp\/[\w.-]+\/(?:dist|site|docs)\b/;

describe('the suite and the build read nothing outside the repository', () => {
	const tracked = execFileSync('git', ['ls-files', '-z', '--', 'test', 'scripts', 'src', 'astro.config.mjs', 'vitest.config.ts', 'package.json', '.github'], { cwd: ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((file) => file && !file.startsWith('src/content/') && file !== 'test/node/self-contained.test.ts' && /\.(?:[cm]?[jt]s|astro|json|ya?ml)$/.test(file));

	it('lists the code it looks at', () => {
		expect(tracked).toContain('test/setup/build.ts');
		expect(tracked).toContain('scripts/build.ts');
	});

	it('names no path outside the checkout', () => {
		const found = tracked.flatMap((file) =>
			readFileSync(join(ROOT, file), 'utf8')
				.split('\n')
				.flatMap((line, i) => (OUTSIDE.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
		);
		expect(found).toEqual([]);
	});

	it('would catch the seed read issue 26 found', () => {
		expect(OUTSIDE.test("readFileSync(join(ROOT, '../shared/seed/000_4624560aaae74dbb.txt'))")).toBe(true);
		expect(OUTSIDE.test("const SITE_DIST = '/tmp/sw/dist';")).toBe(true);
		expect(OUTSIDE.test("const dir = mkdtempSync(join(tmpdir(), 'docs-'));")).toBe(false);
	});
});
