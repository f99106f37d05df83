import { describe, expect, it } from 'vitest';
import { devWatchIgnored } from '../../src/lib/dev-watch.ts';

describe('astro dev watch list (src/lib/dev-watch.ts)', () => {
	it('skips build and test output, keeps sources and a docs folder that lives under .cache', () => {
		const ignored = devWatchIgnored('/repo', '/repo/.cache/bench/generated-1000/docs', ['/elsewhere/out/dist', '/elsewhere/out/dist-cache']);
		expect(['/repo/dist/index.html', '/repo/dist', '/repo/.cache/bench/generated-5000/dist/a/index.html', '/repo/test/.tmp/fixture-dist/x.html', '/elsewhere/out/dist/a.html', '/elsewhere/out/dist-cache/data-store.json'].filter(ignored)).toHaveLength(6);
		expect(['/repo/src/components/Footer.astro', '/repo/astro.config.mjs', '/repo/.cache', '/repo/.cache/bench', '/repo/.cache/bench/generated-1000', '/repo/.cache/bench/generated-1000/docs/11-infrastructure/part-00/page-0000.mdx', '/repo/test/fixtures/site/index.mdx'].filter(ignored)).toEqual([]);
	});

	it('keeps the real docs folder and its pages', () => {
		const ignored = devWatchIgnored('/repo', '/repo/src/content/docs', ['/repo/dist', '/repo/node_modules/.astro']);
		expect(ignored('/repo/src/content/docs/index.mdx')).toBe(false);
		expect(ignored('/repo/dist/11-infrastructure/index.md')).toBe(true);
		expect(ignored('/repo/node_modules/.astro/data-store.json')).toBe(true);
	});
});
