/** Review routing: CODEOWNERS from the pages' owners, the PR template from the review checklist. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeowners, prTemplate, reviewChecklist } from '../../scripts/review-routing/render.ts';
import { run } from '../helpers/build.ts';
import { ROOT } from '../helpers/paths.ts';

const owners = { default: '@org/sre', teams: { 'SRE Team': '@org/sre', 'Data Team': '@org/data' } };

describe('codeowners', () => {
	it('gives a folder one line when all its pages share an owner, else one line per page', () => {
		const pages = [
			{ path: 'src/content/docs/11-infrastructure/a.mdx', owner: 'SRE Team' },
			{ path: 'src/content/docs/11-infrastructure/b.mdx', owner: 'Data Team' },
			{ path: 'src/content/docs/11-infrastructure/deep/c.mdx', owner: 'SRE Team' },
			{ path: 'src/content/docs/09-security/d.mdx', owner: 'SRE Team' },
		];
		expect(codeowners(pages, owners).split('\n').slice(2)).toEqual([
			'* @org/sre',
			'/src/content/docs/09-security/ @org/sre',
			'/src/content/docs/11-infrastructure/a.mdx @org/sre',
			'/src/content/docs/11-infrastructure/b.mdx @org/data',
			'/src/content/docs/11-infrastructure/deep/ @org/sre',
			'',
		]);
	});

	it('refuses an owner with no team, naming the page and the teams there are', () => {
		expect(() => codeowners([{ path: 'src/content/docs/x.mdx', owner: 'Platfrom Team' }], owners)).toThrow('Unexpected owner "Platfrom Team" in src/content/docs/x.mdx, expected a team listed in src/data/owners.yaml ("SRE Team", "Data Team")');
	});
});

describe('pull request template', () => {
	const standards = readFileSync(join(ROOT, 'src/content/docs/12-specification-driven-dev/documentation-standards.mdx'), 'utf8');

	it('carries every row of the standards page\'s review checklist as a task', () => {
		const rows = standards.slice(standards.indexOf('## Runbook review checklist')).split('\n## ')[0]!.split('\n').filter((l) => /^\|\s*\d+\s*\|/.test(l));
		const items = reviewChecklist(standards);
		expect(rows.length).toBeGreaterThanOrEqual(9);
		expect(items).toHaveLength(rows.length);
		expect(items.every((i) => i.startsWith('- [ ] '))).toBe(true);
		expect(prTemplate(standards)).toContain(items.join('\n'));
	});

	it('says which section is missing when the checklist is gone', () => {
		expect(() => prTemplate('## Headings\n')).toThrow('without a "## Runbook review checklist" section');
	});
});

describe('npm run review-routing -- --check', () => {
	it('finds the committed CODEOWNERS and PR template up to date', () => {
		const result = run('npm', ['run', '-s', 'review-routing', '--', '--check']);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});
});
