import { describe, expect, it } from 'vitest';
import { frontmatterSchema } from '../../schemas/frontmatter.ts';
import { TAGS } from '../../schemas/tags.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';

const valid = {
	title: 'K3s Setup',
	description: 'Install K3s.',
	type: 'infrastructure',
	category: 'setup',
	kind: 'runbook',
	status: 'current',
	version: '1.0.0',
	tags: ['k3s', 'kubernetes'],
	related: ['11-infrastructure/k8s-deployment-runbook.md', '09-security/'],
	last_updated: '2026-01-02',
	owner: 'SRE Team',
	review_frequency: 'monthly',
};

const messageFor = (patch: Record<string, unknown>) => {
	const result = frontmatterSchema.safeParse({ ...valid, ...patch });
	expect(result.success).toBe(false);
	return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('frontmatter schema: ok', () => {
	it('accepts the seed-shaped frontmatter and fills defaults', () => {
		const result = frontmatterSchema.parse(valid);
		expect(result.search_keywords).toEqual([]);
		expect(result.ai_optimized).toBe(false);
		expect(result.last_updated).toBe('2026-01-02');
	});

	it('accepts YAML dates (Date objects) and normalises them to ISO strings', () => {
		expect(frontmatterSchema.parse({ ...valid, last_updated: new Date('2026-01-02T00:00:00Z') }).last_updated).toBe('2026-01-02');
	});
});

describe('frontmatter schema: not ok', () => {
	it('names the closest enum value', () => {
		expect(messageFor({ type: 'infrastucture' })).toEqual([
			'type: Unexpected type `infrastucture`, expected one of `overview`, `architecture`, `workflow`, `security`, `observability`, `infrastructure`, `specification`, `adr` (did you mean `infrastructure`?)',
		]);
		expect(messageFor({ category: 'deploy' })[0]).toMatch(/^category: Unexpected category `deploy`, expected one of .* \(did you mean `deployment`\?\)$/);
		expect(messageFor({ status: 'curent' })[0]).toContain('(did you mean `current`?)');
		expect(messageFor({ kind: 'runbok' })[0]).toContain('(did you mean `runbook`?)');
	});

	it('rejects unregistered and non-kebab tags with a hint', () => {
		const [unknown] = messageFor({ tags: ['kubernets'] });
		// 49 tags on one line help nobody: the nearest five, the closest first, then how many more and where.
		expect(unknown).toMatch(/^tags\.0: Unexpected tag `kubernets`, expected one of `kubernetes`, (`[a-z0-9-]+`, ){3}`[a-z0-9-]+` … \((\d+) more: see schemas\/tag-registry\.ts\) \(did you mean `kubernetes`\?\); register new tags there$/);
		expect(Number(/\((\d+) more/.exec(unknown!)![1])).toBe(TAGS.length - 5);
		expect(messageFor({ tags: ['Bad Tag'] })).toEqual(['tags.0: Unexpected tag `Bad Tag`, expected kebab-case (lowercase words joined by `-`, e.g. `bad-tag`)']);
		expect(messageFor({ tags: [] })).toEqual(['tags: Unexpected empty `tags`, expected at least one registered tag']);
	});

	it('requires semver, a bounded description and a past ISO date', () => {
		expect(messageFor({ version: '1.0' })).toEqual(['version: Unexpected version `1.0`, expected semver MAJOR.MINOR.PATCH such as `1.0.0`']);
		expect(messageFor({ description: 'x'.repeat(201) })).toEqual(['description: Unexpected description of 201 characters, expected at most 200']);
		expect(messageFor({ last_updated: '02/01/2026' })).toEqual(['last_updated: Unexpected last_updated `02/01/2026`, expected an ISO date YYYY-MM-DD such as 2026-01-02']);
		expect(messageFor({ last_updated: '2999-01-01' })[0]).toMatch(/^last_updated: Unexpected future last_updated `2999-01-01`, expected today \(\d{4}-\d{2}-\d{2}\) or earlier$/);
	});

	it('requires related paths from the docs root', () => {
		expect(messageFor({ related: ['../08-workflows/deployment-workflow.md'] })[0]).toBe(
			'related.0: Unexpected related entry `../08-workflows/deployment-workflow.md`, expected a path from the docs root such as `08-workflows/deployment-workflow.md` (no leading `./`, `../` or `/`), or a folder ending in `/`',
		);
	});

	it('reports missing required fields by name', () => {
		const { owner: _o, review_frequency: _r, ...rest } = valid;
		const result = frontmatterSchema.safeParse(rest);
		expect(result.error!.issues.map((i) => i.message)).toEqual([
			'Missing required field `owner`, expected the team that maintains the page, e.g. "SRE Team"',
			'Missing required field `review_frequency`, expected one of `weekly`, `monthly`, `quarterly`, `yearly`',
		]);
	});
});

describe('readFrontmatter positions', () => {
	const source = ['---', 'title: T', 'description: d', 'type: infrastructure', 'category: setup', 'kind: guide', 'status: current', 'version: 1.0.0', 'tags: [k3s, kubernets]', 'last_updated: 2026-01-02', 'owner: SRE Team', 'review_frequency: monthly', '---', '', 'Body'].join('\n');

	it('points at the offending list item', () => {
		const { problems } = readFrontmatter(source);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ line: 9, column: 13, field: 'tags.1', rule: 'frontmatter-schema' });
	});

	it('reports YAML that is not a mapping, and broken YAML, without throwing', () => {
		expect(readFrontmatter('---\n- a\n---\n').problems).toEqual([{ rule: 'frontmatter-yaml', line: 2, column: 1, message: 'Unexpected list as frontmatter, expected a mapping of fields (key: value)' }]);
		const broken = readFrontmatter('---\ntitle: [a\n---\n').problems;
		expect(broken).toHaveLength(1);
		expect(broken[0]).toMatchObject({ rule: 'frontmatter-yaml', line: 2 });
		expect(readFrontmatter('no frontmatter').problems[0]!.message).toBe('Unexpected start of file, expected YAML frontmatter between `---` lines');
	});
});
