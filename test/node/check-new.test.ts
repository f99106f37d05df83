/** `npm run new`: a scaffold with valid frontmatter that the check keeps failing until it is filled in. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontmatterSchema } from '../../schemas/frontmatter.ts';
import { RUNBOOK_SECTIONS } from '../../schemas/kind.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { run } from '../helpers/build.ts';
import { linesOf, runCheck } from '../helpers/check.ts';
import { TMP } from '../helpers/paths.ts';

const root = join(TMP, 'check-new');
const rel = 'test/.tmp/check-new';
const runNew = (...args: string[]) => run(process.execPath, ['scripts/new.ts', ...args, '--root', root]);

describe('npm run new', () => {
	rmSync(root, { recursive: true, force: true });
	const created = runNew('runbook', 'Restart Kafka brokers', '--dir', '11-infrastructure');
	const file = join(root, '11-infrastructure/restart-kafka-brokers.mdx');

	it('prints the path it wrote', () => {
		expect(created.status).toBe(0);
		expect(created.stdout).toBe(`${rel}/11-infrastructure/restart-kafka-brokers.mdx\n`);
		expect(existsSync(file)).toBe(true);
	});

	it('writes frontmatter the schema accepts, with the house defaults', () => {
		const fm = readFrontmatter(readFileSync(file, 'utf8'));
		expect(fm.problems).toEqual([]);
		expect(frontmatterSchema.parse(fm.raw)).toMatchObject({ title: 'Restart Kafka brokers', kind: 'runbook', type: 'infrastructure', category: 'operations', status: 'draft', version: '1.0.0', owner: 'SRE Team', tags: ['infrastructure'] });
		// The date is left to Git (the last commit touching the page); the check counts an uncommitted page as changed today.
		expect(fm.raw).not.toHaveProperty('last_updated');
	});

	it('writes the five runbook sections in order, each failing runbook-scaffold until filled in', () => {
		const headings = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('## '));
		expect(headings).toEqual(RUNBOOK_SECTIONS.map((s) => `## ${s}`));
		const result = runCheck(['--root', root]);
		const lines = linesOf(result);
		// description, intro, one per section, and the sample step's action and expected output; no
		// missing last_updated and nothing stale: an uncommitted page counts as changed today.
		expect(lines.map((l) => l.split('  ')[1])).toEqual(Array(9).fill('runbook-scaffold'));
		expect(lines[0]).toBe(`${rel}/11-infrastructure/restart-kafka-brokers.mdx:3:14  runbook-scaffold  Unexpected scaffold placeholder in \`description\`, expected one sentence saying what the page is for`);
		expect(lines[2]).toBe(`${rel}/11-infrastructure/restart-kafka-brokers.mdx:20:1  runbook-scaffold  Unexpected scaffold placeholder \`TODO: List the access, tools and state needed before the …\`, expected the section's real content (replace the TODO: line)`);
		expect(result.status).toBe(1);
	});

	it('refuses to overwrite, and rejects an unknown kind, with one line and exit 2', () => {
		const again = runNew('runbook', 'Restart Kafka brokers');
		expect(again.status).toBe(2);
		expect(again.stderr).toBe(`Unexpected existing file ${rel}/11-infrastructure/restart-kafka-brokers.mdx, expected a new page (pick another title or edit that page)\n`);
		const typo = runNew('runbok', 'Anything');
		expect(typo.status).toBe(2);
		expect(typo.stderr).toBe('Unexpected kind `runbok`, expected one of `runbook`, `guide`, `reference`, `overview`, `adr` (did you mean `runbook`?)\n');
	});

	it('shows a worked step in Steps: action, a code block, expected output', () => {
		const text = readFileSync(file, 'utf8');
		const steps = text.slice(text.indexOf('## Steps'), text.indexOf('## Expected outcome'));
		expect(steps).toMatch(/^1\. TODO: .*\n\n {3}```bash\n {3}kubectl -n neotool-app get pods\n {3}```\n\n {3}TODO: Expected output: /m);
		expect(readFrontmatter(text).raw).toMatchObject({ search_keywords: ['restart kafka brokers'], related: [] });
	});

	it('offers the nearest existing pages as related, Kafka pages first for a Kafka runbook', () => {
		const page = (title: string, tags: string) => `---\ntitle: ${title}\ndescription: d.\ntype: infrastructure\ncategory: operations\nkind: guide\nstatus: current\nversion: 1.0.0\ntags: [${tags}]\nlast_updated: 2026-01-02\nowner: SRE Team\nreview_frequency: monthly\n---\n\nText.\n`;
		for (const [name, title, tags] of [
			['kafka-operations', 'Kafka Operations', 'kafka, operations'],
			['restart-postgres', 'Restart PostgreSQL', 'postgresql'],
			['kafka-partition-scaling', 'Kafka Partition Scaling', 'kafka, scaling'],
			['restart-vault', 'Restart Vault', 'vault'],
			['restart-deployments', 'Restart Deployments', 'kubernetes'],
			['dns', 'Troubleshooting DNS', 'networking'],
		]) writeFileSync(join(root, '11-infrastructure', `${name}.mdx`), page(title!, tags!));
		expect(runNew('runbook', 'Restart Kafka brokers now').status).toBe(0);
		const related = readFrontmatter(readFileSync(join(root, '11-infrastructure/restart-kafka-brokers-now.mdx'), 'utf8')).raw?.related;
		// The earlier scaffold shares all three title words; then the Kafka pages ("kafka" is rarer than
		// "restart", which four pages carry); then the other restarts, by path; DNS shares nothing.
		expect(related).toEqual([
			'11-infrastructure/restart-kafka-brokers.md',
			'11-infrastructure/kafka-operations.md',
			'11-infrastructure/kafka-partition-scaling.md',
			'11-infrastructure/restart-deployments.md',
			'11-infrastructure/restart-postgres.md',
			'11-infrastructure/restart-vault.md',
		]);
	});

	it('picks type, category and tag from the folder', () => {
		expect(runNew('adr', 'Use Flux for GitOps', '--dir', '92-adr').status).toBe(0);
		const fm = readFrontmatter(readFileSync(join(root, '92-adr/use-flux-for-gitops.mdx'), 'utf8'));
		expect(fm.problems).toEqual([]);
		expect(fm.raw).toMatchObject({ type: 'adr', category: 'design', kind: 'adr', tags: ['adr'] });
	});
});
