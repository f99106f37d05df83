/**
 * Every search question set (test/data/search-*.yaml: the evaluation set the browser test runs, and
 * the held-out sets run by hand with `npm run search-eval`) loads, and each target is a page of the
 * built site with the section it names: a set that no longer parses, or a target renamed away, would
 * otherwise be found only when someone runs it by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQueries } from '../../scripts/search/eval.ts';
import { ROOT, SITE_DIST } from '../helpers/paths.ts';

const DATA = join(ROOT, 'test/data');
const sets = readdirSync(DATA).filter((f) => /^search-.*\.yaml$/.test(f)).sort();

describe('search question sets', () => {
	it('are found (the evaluation set and at least six held-out sets)', () => {
		expect(sets).toContain('search-eval.yaml');
		expect(sets.filter((f) => f.startsWith('search-holdout')).length).toBeGreaterThanOrEqual(6);
	});

	for (const file of sets) {
		it(`${file}: loads, and every target is a built page holding the section it names`, () => {
			const queries = loadQueries(join(DATA, file));
			expect(queries.length).toBeGreaterThan(0);
			const wrong = queries.flatMap(({ q, expect: target }) => {
				const [path, anchor] = target.split('#') as [string, string | undefined];
				const page = join(SITE_DIST, path, 'index.html');
				if (!existsSync(page)) return [`${q} → ${target}: no page`];
				if (anchor && !readFileSync(page, 'utf8').includes(` id="${anchor}"`)) return [`${q} → ${target}: no section #${anchor}`];
				return [];
			});
			expect(wrong).toEqual([]);
		});
	}
});
