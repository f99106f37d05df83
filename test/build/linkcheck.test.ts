import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/build.ts';
import { FIXTURE_DIST, FIXTURE_DOCS, TMP } from '../helpers/paths.ts';

describe('npm run linkcheck', () => {
	it('passes on the fixture build', () => {
		const result = run('node', ['scripts/linkcheck.ts', '--dist', FIXTURE_DIST, '--docs', FIXTURE_DOCS]);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^linkcheck: \d+ pages, \d+ distinct links checked in [\d.]+ s: 0 broken$/m);
		expect(result.status).toBe(0);
	});

	it('fails with one line per planted broken link and fragment on each page, naming page and source', () => {
		const planted = join(TMP, 'linkcheck-planted');
		rmSync(planted, { recursive: true, force: true });
		cpSync(FIXTURE_DIST, planted, { recursive: true });
		const pageFile = join(planted, 'ops/restart-runbook/index.html');
		const html = readFileSync(pageFile, 'utf8');
		writeFileSync(pageFile, html.replace('<h2 id="rollback"', '<p><a href="/does-not-exist/">gone</a> <a href="/ops/#no-such-section">bad anchor</a></p><h2 id="rollback"'));
		// The same dead link on a second page: linkinator is shown it once, the report names both pages.
		const guideFile = join(planted, 'guides/old-guide/index.html');
		writeFileSync(guideFile, readFileSync(guideFile, 'utf8').replace('<h2 id="legacy-restart"', '<p><a href="/does-not-exist/">gone</a></p><h2 id="legacy-restart"'));

		const result = run('node', ['scripts/linkcheck.ts', '--dist', planted, '--docs', FIXTURE_DOCS]);
		expect(result.stdout.trim().split('\n')).toEqual([
			'/guides/old-guide/  broken-link  /does-not-exist/ (HTTP 404)  [source: test/fixtures/site/guides/old-guide.mdx]',
			'/ops/restart-runbook/  broken-link  /does-not-exist/ (HTTP 404)  [source: test/fixtures/site/ops/restart-runbook.mdx]',
			'/ops/restart-runbook/  broken-link  /ops/#no-such-section (no element with id "no-such-section" on the target page)  [source: test/fixtures/site/ops/restart-runbook.mdx]',
		]);
		expect(result.stderr).toMatch(/: 3 broken$/m);
		expect(result.status).toBe(1);
	});

	it('reports a missing script, a missing stylesheet and a malformed %-escape, and keeps serving the site', () => {
		const planted = join(TMP, 'linkcheck-planted-assets');
		rmSync(planted, { recursive: true, force: true });
		cpSync(FIXTURE_DIST, planted, { recursive: true });
		const pageFile = join(planted, 'ops/restart-runbook/index.html');
		const html = readFileSync(pageFile, 'utf8');
		writeFileSync(pageFile, html.replace('<h2 id="rollback"', '<p><script src="/_astro/missing.js"></script><link rel="stylesheet" href="/_astro/missing.css"><a href="%zz">odd</a></p><h2 id="rollback"'));

		const result = run('node', ['scripts/linkcheck.ts', '--dist', planted, '--docs', FIXTURE_DOCS]);
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
