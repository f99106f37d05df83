/**
 * `last_updated` defaulted from Git history, in a throwaway repository outside the project: two
 * commits with fixed committer dates, then a new page and a modified one left uncommitted; shallow
 * clones of it; and a copy of its docs with no Git at all.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAgentFiles } from '../../src/lib/agents/build-agent-files.ts';
import { buildDocGraph } from '../../src/lib/doc-graph.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { buildLastUpdated, checkLastUpdated, gitHistory, readGitHistory } from '../../src/lib/git-dates.ts';
import { CHECK_TODAY, linesOf, runCheck } from '../helpers/check.ts';
import { ROOT } from '../helpers/paths.ts';

const base = mkdtempSync(join(tmpdir(), 'docs-git-dates-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

// Nothing from the machine's or the user's Git configuration (signing, hooks, templates) and no
// repository above the temporary folder.
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CEILING_DIRECTORIES: tmpdir(), GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' };
const git = (cwd: string, args: string[], date?: string) =>
	execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV, ...(date ? { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } : {}) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const page = (title: string, extra = '') =>
	`---\ntitle: ${title}\ndescription: A page whose date comes from Git.\ntype: infrastructure\ncategory: operations\nkind: guide\nstatus: current\nversion: 1.0.0\ntags: [operations]\n${extra}owner: SRE Team\nreview_frequency: monthly\n---\n\n## Overview\n\nText.\n`;

const repo = join(base, 'repo');
const docs = join(repo, 'docs');
mkdirSync(docs, { recursive: true });
git(repo, ['init', '-q', '-b', 'main']);
writeFileSync(join(docs, 'alpha.mdx'), page('Alpha'));
writeFileSync(join(docs, 'bravo.mdx'), page('Bravo', 'last_updated: 2026-11-20\n'));
writeFileSync(join(docs, 'charlie.mdx'), page('Charlie'));
writeFileSync(join(docs, 'echo.mdx'), page('Echo'));
git(repo, ['add', '-A']);
git(repo, ['commit', '-q', '-m', 'first'], '2026-01-02T10:00:00Z');
appendFileSync(join(docs, 'charlie.mdx'), '\nMore text.\n');
git(repo, ['commit', '-q', '-am', 'second'], '2026-11-01T23:30:00-05:00'); // 2026-11-02 in UTC
writeFileSync(join(docs, 'delta.mdx'), page('Delta')); // new, never committed
appendFileSync(join(docs, 'echo.mdx'), '\nAn edit not committed yet.\n');

const shallowClone = (depth: number) => {
	const dir = join(base, `depth-${depth}`);
	git(base, ['clone', '-q', '--depth', String(depth), `file://${repo}`, dir]);
	return dir;
};

describe('readGitHistory', () => {
	const history = readGitHistory(docs);

	it('dates each file by the last commit that touched it, in UTC', () => {
		expect(history).toMatchObject({ available: true, shallow: false });
		expect(Object.fromEntries(history.commits)).toEqual({
			'alpha.mdx': { date: '2026-01-02', boundary: false },
			'bravo.mdx': { date: '2026-01-02', boundary: false },
			'charlie.mdx': { date: '2026-11-02', boundary: false },
			'echo.mdx': { date: '2026-01-02', boundary: false },
		});
	});

	it('knows which files have uncommitted changes', () => {
		expect([...history.changed].sort()).toEqual(['delta.mdx', 'echo.mdx']);
	});

	it('is read once per folder by gitHistory', () => {
		expect(gitHistory(docs)).toBe(gitHistory(docs));
	});

	it('in a repository with no commit yet, has every file as uncommitted', () => {
		const fresh = join(base, 'fresh');
		mkdirSync(join(fresh, 'docs'), { recursive: true });
		git(fresh, ['init', '-q']);
		writeFileSync(join(fresh, 'docs/alpha.mdx'), page('Alpha'));
		const history = readGitHistory(join(fresh, 'docs'));
		expect(history).toMatchObject({ available: true, commits: new Map(), changed: new Set(['alpha.mdx']) });
		expect(checkLastUpdated(undefined, 'alpha.mdx', history, CHECK_TODAY)).toEqual({ date: CHECK_TODAY, source: 'working-tree' });
		// Memoised (a build), or read again once older than a given age (the dev server after a commit).
		const first = gitHistory(join(fresh, 'docs'));
		git(fresh, ['add', '-A']);
		git(fresh, ['commit', '-q', '-m', 'first'], '2026-03-04T05:06:07Z');
		expect(gitHistory(join(fresh, 'docs'))).toBe(first);
		expect(gitHistory(join(fresh, 'docs'), 0).commits.get('alpha.mdx')).toEqual({ date: '2026-03-04', boundary: false });
	});

	it('is unavailable outside a work tree', () => {
		const plain = join(base, 'plain');
		mkdirSync(plain);
		expect(readGitHistory(plain)).toMatchObject({ available: false });
	});
});

describe('the default, where the frontmatter is silent', () => {
	const history = readGitHistory(docs);

	it('in the check: the frontmatter, else today for an uncommitted page, else the last commit', () => {
		expect(checkLastUpdated('2026-11-20', 'bravo.mdx', history, CHECK_TODAY)).toEqual({ date: '2026-11-20', source: 'frontmatter' });
		expect(checkLastUpdated(undefined, 'alpha.mdx', history, CHECK_TODAY)).toEqual({ date: '2026-01-02', source: 'git' });
		expect(checkLastUpdated(undefined, 'charlie.mdx', history, CHECK_TODAY)).toEqual({ date: '2026-11-02', source: 'git' });
		expect(checkLastUpdated(undefined, 'delta.mdx', history, CHECK_TODAY)).toEqual({ date: CHECK_TODAY, source: 'working-tree' });
		expect(checkLastUpdated(undefined, 'echo.mdx', history, CHECK_TODAY)).toEqual({ date: CHECK_TODAY, source: 'working-tree' });
		expect(checkLastUpdated(undefined, 'alpha.mdx', readGitHistory(join(base, 'plain')), CHECK_TODAY)).toBeUndefined();
	});

	it('in the build: never the clock (last commit even when modified, else the build stamp date)', () => {
		expect(buildLastUpdated(undefined, 'echo.mdx', history, '2026-12-01')).toEqual({ date: '2026-01-02', source: 'git' });
		expect(buildLastUpdated(undefined, 'delta.mdx', history, '2026-12-01')).toEqual({ date: '2026-12-01', source: 'build-stamp' });
		expect(buildLastUpdated('2026-11-20', 'bravo.mdx', history, '2026-12-01')).toEqual({ date: '2026-11-20', source: 'frontmatter' });
	});
});

describe('npm run check on pages without last_updated', () => {
	const stale = (file: string, line: number, date: string, due: string, days: number) =>
		`${file}:${line}:1  stale  warning: Unexpected last commit ${date} (no last_updated set, so review counts from the last commit that touched the file), older than its monthly review (due ${due}, ${days} days overdue); expected a review: re-read the page against the review checklist, fix what changed, then set last_reviewed to today`;
	// The check prints paths from the folder it runs in (the repository root).
	const relFromCwd = (abs: string) => relative(ROOT, abs);

	it('judges staleness by the last commit; the override, the later commit and the uncommitted pages are not due', () => {
		const result = runCheck(['--root', docs], GIT_ENV);
		expect(linesOf(result)).toEqual([stale(relFromCwd(join(docs, 'alpha.mdx')), 11, '2026-01-02', '2026-02-02', 297)]);
		expect(result.stderr.trim()).toBe('5 files checked: 0 errors, 1 warning');
		expect(result.status).toBe(0);
	});

	it('reports the git date and its source in the review report', () => {
		const result = runCheck(['--root', docs, '--report', 'review', '--format', 'json'], GIT_ENV);
		expect(JSON.parse(result.stdout).due).toEqual([
			{ owner: 'SRE Team', title: 'Alpha', path: relFromCwd(join(docs, 'alpha.mdx')), last_updated: '2026-01-02', last_updated_source: 'git', last_reviewed: null, review_frequency: 'monthly', due: '2026-02-02', days_overdue: 297 },
		]);
	});

	it('outside Git, asks for the field on each page that lacks it', () => {
		const copy = join(base, 'no-git');
		cpSync(docs, copy, { recursive: true });
		const result = runCheck(['--root', copy], GIT_ENV);
		const missing = (name: string) =>
			`${relFromCwd(join(copy, name))}:1:1  frontmatter-schema  Missing field \`last_updated\`, expected an ISO date such as 2026-01-02 (it defaults to the last commit's date only in a Git work tree, and this folder is not in one) (field \`last_updated\`)`;
		expect(linesOf(result)).toEqual(['alpha.mdx', 'charlie.mdx', 'delta.mdx', 'echo.mdx'].map(missing));
		expect(result.status).toBe(1);
	});

	it('in a clone of depth 1, says in one line that the dates are the boundary commit\'s, and how to fix it', () => {
		const clone = shallowClone(1);
		const history = readGitHistory(join(clone, 'docs'));
		expect(history.shallow).toBe(true);
		// Every file appears in the one commit the clone has: its date is not when each changed.
		expect(history.commits.get('alpha.mdx')).toEqual({ date: '2026-11-02', boundary: true });
		expect(checkLastUpdated(undefined, 'alpha.mdx', history, CHECK_TODAY)).toEqual({ date: '2026-11-02', source: 'git-shallow' });
		const result = runCheck(['--root', join(clone, 'docs')], GIT_ENV);
		expect(linesOf(result)).toEqual([
			`${relFromCwd(join(clone, 'docs/alpha.mdx'))}:1:1  last-updated-shallow  warning: Unexpected date from a shallow clone's boundary commit (2026-11-02) for this page and 2 other pages that set no last_updated: the clone holds no older history, so it need not be when they last changed; expected the real date: set last_updated on the page, or fetch the full history (\`git fetch --unshallow\`; in GitHub Actions, actions/checkout with \`fetch-depth: 0\`)`,
		]);
		expect(result.status).toBe(0);
	});

	it('in a clone of depth 2, only the files last touched at the boundary are unreliable', () => {
		const history = readGitHistory(join(shallowClone(2), 'docs'));
		expect(history.commits.get('charlie.mdx')).toEqual({ date: '2026-11-02', boundary: false });
		expect(history.commits.get('alpha.mdx')).toEqual({ date: '2026-01-02', boundary: true });
	});
});

describe("the agents' index", () => {
	it('publishes the git date of a page that sets none, and the written one of a page that does', () => {
		const history = readGitHistory(docs);
		const entries = ['alpha.mdx', 'bravo.mdx'].map((rel) => {
			const source = readFileSync(join(docs, rel), 'utf8');
			const data = readFrontmatter(source).data!;
			return { id: rel.replace(/\.mdx$/, ''), rel, source, sourcePath: `docs/${rel}`, filePath: join(docs, rel), body: source, data: { ...data, last_updated: buildLastUpdated(data.last_updated, rel, history, '2026-12-01').date } };
		});
		const graph = buildDocGraph(entries, docs);
		const files = buildAgentFiles({
			docs: entries,
			graph,
			tree: graph.tree,
			site: { title: 'T', description: 'D', url: 'https://docs.example.org/', repoUrl: 'https://repo.example.org', editBaseUrl: 'https://repo.example.org/edit/' },
			generatedAt: '2026-12-01T00:00:00.000Z',
		});
		expect(Object.fromEntries(files.index.docs.map((d) => [d.id, d.frontmatter.last_updated]))).toEqual({ alpha: '2026-01-02', bravo: '2026-11-20' });
		expect(files.twins.get('alpha')).toContain('\nlast_updated: 2026-01-02\n');
	});
});

describe('CI', () => {
	// A depth-1 checkout (actions/checkout's default) would date every undated page by the one commit it has.
	it.each(['docs.yml', 'publish.yml'])('%s checks out the full history', (workflow) => {
		const doc = parse(readFileSync(join(ROOT, '.github/workflows', workflow), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
		const checkouts = Object.values(doc.jobs).flatMap((job) => job.steps.filter((step) => step.uses?.startsWith('actions/checkout@')));
		expect(checkouts.length).toBeGreaterThan(0);
		for (const step of checkouts) expect(step.with?.['fetch-depth']).toBe(0);
	});
});
