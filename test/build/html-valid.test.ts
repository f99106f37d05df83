/**
 * The Nu HTML Checker over every page of the built site, in one JVM: zero messages from the
 * project's own components, content and plugins; the upstream ones are listed, each tied to its
 * element, in test/data/vnu-allow.yaml — and a listed one that no longer occurs must be removed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, loadAllowList, runVnu } from '../../scripts/lib/vnu.ts';
import { ROOT, SITE_DIST } from '../helpers/paths.ts';

const allow = loadAllowList(join(ROOT, 'test/data/vnu-allow.yaml'));

describe('valid HTML (vnu)', () => {
	it('reports nothing on any built page but the allow-listed upstream markup', { timeout: 900_000 }, () => {
		const { unexpected, used } = classify(runVnu(SITE_DIST), allow, SITE_DIST);
		expect(unexpected).toEqual([]);
		const stale = allow.filter((_, i) => used[i] === 0).map((a) => a.message);
		expect(stale, 'allow-list entries nothing matches any more: remove them').toEqual([]);
	});

	it('every allow-list entry says where it comes from and why it stays', () => {
		for (const a of allow) {
			expect(a.from).toBeTruthy();
			expect(a.upstream ?? a.note, a.message).toBeTruthy();
			if (a.upstream) expect(a.upstream).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(issues|pull)\/\d+$/);
		}
	});

	it('robots.txt lets crawlers in and names the sitemap', () => {
		const robots = readFileSync(join(SITE_DIST, 'robots.txt'), 'utf8');
		expect(robots).toMatch(/^User-agent: \*\nAllow: \/\n/);
		const sitemap = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
		expect(sitemap).toMatch(/\/sitemap-index\.xml$/);
		expect(readFileSync(join(SITE_DIST, new URL(sitemap!).pathname), 'utf8')).toContain('<sitemapindex');
	});
});
