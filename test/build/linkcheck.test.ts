import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/build.ts';
import { FIXTURE_DIST, FIXTURE_DOCS, TMP } from '../helpers/paths.ts';

/** A copy of the fixture build named `name`, each page (by its file in the build) edited by its function. */
function planted(name: string, edits: Record<string, (html: string) => string>): string {
	const dir = join(TMP, name);
	rmSync(dir, { recursive: true, force: true });
	cpSync(FIXTURE_DIST, dir, { recursive: true });
	for (const [file, edit] of Object.entries(edits)) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
	return dir;
}

const linkcheck = (dist: string) => run('node', ['scripts/linkcheck.ts', '--dist', dist, '--docs', FIXTURE_DOCS]);

describe('npm run linkcheck', () => {
	it('passes on the fixture build', () => {
		const result = linkcheck(FIXTURE_DIST);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^linkcheck: \d+ pages, \d+ distinct links checked in [\d.]+ s: 0 broken$/m);
		expect(result.status).toBe(0);
	});

	it('fails with one line per planted broken link and fragment on each page, naming page and source', () => {
		const result = linkcheck(
			planted('linkcheck-planted', {
				'ops/restart-runbook/index.html': (html) => html.replace('<h2 id="rollback"', '<p><a href="/does-not-exist/">gone</a> <a href="/ops/#no-such-section">bad anchor</a></p><h2 id="rollback"'),
				// The same dead link on a second page: linkinator is shown it once, the report names both pages.
				'guides/old-guide/index.html': (html) => html.replace('<h2 id="legacy-restart"', '<p><a href="/does-not-exist/">gone</a></p><h2 id="legacy-restart"'),
			}),
		);
		expect(result.stdout.trim().split('\n')).toEqual([
			'/guides/old-guide/  broken-link  /does-not-exist/ (HTTP 404)  [source: test/fixtures/site/guides/old-guide.mdx]',
			'/ops/restart-runbook/  broken-link  /does-not-exist/ (HTTP 404)  [source: test/fixtures/site/ops/restart-runbook.mdx]',
			'/ops/restart-runbook/  broken-link  /ops/#no-such-section (no element with id "no-such-section" on the target page)  [source: test/fixtures/site/ops/restart-runbook.mdx]',
		]);
		expect(result.stderr).toMatch(/: 3 broken$/m);
		expect(result.status).toBe(1);
	});

	it('reports a missing script, a missing stylesheet and a malformed %-escape, and keeps serving the site', () => {
		const result = linkcheck(
			planted('linkcheck-planted-assets', {
				'ops/restart-runbook/index.html': (html) => html.replace('<h2 id="rollback"', '<p><script src="/_astro/missing.js"></script><link rel="stylesheet" href="/_astro/missing.css"><a href="%zz">odd</a></p><h2 id="rollback"'),
			}),
		);
		expect(result.stdout.trim().split('\n')).toEqual([
			'/ops/restart-runbook/  broken-link  /_astro/missing.css (HTTP 404)  [source: test/fixtures/site/ops/restart-runbook.mdx]',
			'/ops/restart-runbook/  broken-link  /_astro/missing.js (HTTP 404)  [source: test/fixtures/site/ops/restart-runbook.mdx]',
			'/ops/restart-runbook/  broken-link  /ops/restart-runbook/%zz (HTTP 404)  [source: test/fixtures/site/ops/restart-runbook.mdx]',
		]);
		expect(result.stderr).toMatch(/: 3 broken$/m);
		expect(result.status).toBe(1);
	});
});

describe('npm run linkcheck on the real site', () => {
	it('finds no broken link or anchor anywhere in dist/', () => {
		const result = run('npm', ['run', '-s', 'linkcheck']);
		expect(result.stdout).toBe('');
		expect(result.status).toBe(0);
	});
});
