/**
 * Diagrams on a machine without Chromium: the build says so in one line and the page falls back to
 * the client loader (with the vendored mermaid it loads); in CI the same build fails. Fixture tree,
 * an empty render cache and a Chromium path that does not exist.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { FIXTURE_DOCS, TMP } from '../helpers/paths.ts';

const out = join(TMP, 'no-chromium-dist');
const cache = join(TMP, 'no-chromium-cache');
const noChromium = { CHROMIUM_PATH: join(TMP, 'no-such-chromium'), MERMAID_CACHE_DIR: cache };
afterAll(() => {
	for (const dir of [out, `${out}-cache`, cache]) rmSync(dir, { recursive: true, force: true });
});

describe('diagrams without Chromium', () => {
	it('fall back to the client loader outside CI, saying so in one line', { timeout: 300_000 }, () => {
		const result = buildSite(FIXTURE_DOCS, out, { ...noChromium, CI: '' });
		expect(result.status, result.stderr).toBe(0);
		const lines = `${result.stdout}${result.stderr}`.split('\n').filter((l) => /no Chromium/.test(l));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/no Chromium at .*no-such-chromium: 1 of 1 diagrams will render in the reader's browser \(client fallback\)$/);
		const html = readFileSync(join(out, 'ops/restart-runbook/index.html'), 'utf8');
		expect(html).toContain('data-mermaid-loader');
		expect(html).not.toContain('data-mermaid-static');
		const url = /await import\("([^"]+)"\)/.exec(html)![1]!;
		expect(existsSync(join(out, url))).toBe(true);
	});

	it('fail the build in CI', { timeout: 300_000 }, () => {
		const result = buildSite(FIXTURE_DOCS, `${out}-ci`, { ...noChromium, CI: 'true' });
		rmSync(`${out}-ci-cache`, { recursive: true, force: true });
		expect(result.status).toBe(1);
		expect(`${result.stdout}${result.stderr}`).toContain("diagrams: no Chromium at ");
		expect(`${result.stdout}${result.stderr}`).toContain("CI renders every diagram at build time (install Debian's chromium).");
		expect(existsSync(join(`${out}-ci`, 'index.html'))).toBe(false);
	});
});
