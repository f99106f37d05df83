/**
 * URL stability (issue 17): `redirect_from` in the schema, the cross-page rules, the published-URL
 * contract and runbook_url links, through `npm run check` on small trees written here; the redirect
 * outputs (static page, nginx map) as pure functions. Expected lines were written from what each
 * rule must say, before running it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frontmatterSchema } from '../../schemas/frontmatter.ts';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { claimsOfTree, listedPaths, redirectsOf, renderNginxMap, renderRedirectPage } from '../../src/lib/redirects.ts';
import { run } from '../helpers/build.ts';
import { linesOf, runCheck } from '../helpers/check.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

mkdirSync(TMP, { recursive: true });
const work = mkdtempSync(join(TMP, 'redirects-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (title: string, extra = '', body = '## Overview\n\nText.\n') =>
	`---\ntitle: ${title}\ndescription: The ${title} page, for the redirect tests.\ntype: infrastructure\ncategory: operations\nkind: guide\nstatus: current\nversion: 1.0.0\ntags: [operations]\nlast_updated: 2026-01-02\nowner: SRE Team\nreview_frequency: yearly\n${extra}---\n\n${body}`;

/** A docs tree and its contract, as the repository keeps them. */
function tree(name: string, files: Record<string, string>, contract?: string[]) {
	const dir = join(work, name);
	for (const [rel, text] of Object.entries(files)) {
		mkdirSync(join(dir, 'docs', rel, '..'), { recursive: true });
		writeFileSync(join(dir, 'docs', rel), text);
	}
	if (contract) writeFileSync(join(dir, 'published-urls.txt'), `# contract\n${contract.join('\n')}\n`);
	return dir;
}
const check = (dir: string) => runCheck(['--root', join(dir, 'docs'), '--urls', join(dir, 'published-urls.txt')]);
const shown = (dir: string) => dir.slice(ROOT.length + 1);

const base = {
	'index.mdx': page('Home'),
	'ops/restart.mdx': page('Restart'),
	'ops/scale.mdx': page('Scale'),
};
const contract = ['/', '/ops/restart/', '/ops/scale/'];

describe('redirect_from in the frontmatter schema', () => {
	const parse = (value: unknown) => frontmatterSchema.shape.redirect_from.safeParse(value);
	it('takes site paths and defaults to none', () => {
		expect(parse(undefined)).toMatchObject({ success: true, data: [] });
		expect(parse(['/ops/old-restart/', '/runbooks/restart-app/'])).toMatchObject({ success: true });
	});
	it.each([
		[['ops/old.mdx'], 'Unexpected redirect_from entry `ops/old.mdx`, expected the old page\'s site path: a leading and a trailing `/`, lowercase words of letters and digits joined by `-` (e.g. `/11-infrastructure/old-name/`) (did you mean `/ops/old/`?)'],
		[['/Ops/Old'], 'Unexpected redirect_from entry `/Ops/Old`, expected the old page\'s site path: a leading and a trailing `/`, lowercase words of letters and digits joined by `-` (e.g. `/11-infrastructure/old-name/`) (did you mean `/ops/old/`?)'],
		[['/tags/kubernetes/'], 'Unexpected redirect_from entry `/tags/kubernetes/` under `/tags/`, which the site itself publishes; expected the path of a former doc page'],
		[['/ops/a/', '/ops/a/'], 'Unexpected second redirect_from entry `/ops/a/`, expected each old path once'],
		['/ops/a/', 'Unexpected redirect_from "/ops/a/", expected a list of old site paths such as `["/11-infrastructure/old-name/"]`'],
	])('refuses %j', (value, message) => {
		const result = parse(value);
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((i) => i.message)).toEqual([message]);
	});
});

describe('the published-URL contract', () => {
	it('passes a tree whose every listed URL is published', () => {
		const dir = tree('ok', base, contract);
		const result = check(dir);
		expect(linesOf(result)).toEqual([]);
		expect(result.status).toBe(0);
	});

	it('fails a rename without redirect_from, naming the lost URL and the new page', () => {
		const dir = tree('renamed', { 'index.mdx': base['index.mdx'], 'ops/scale.mdx': base['ops/scale.mdx'], 'ops/restart-app.mdx': page('Restart') }, contract);
		const result = check(dir);
		expect(linesOf(result)).toEqual([
			`${shown(dir)}/docs/ops/restart-app.mdx:1:1  url-unlisted  warning: Unexpected page URL \`/ops/restart-app/\` missing from published-urls.txt, expected every published page listed there so a later rename cannot lose it (run \`npm run urls\` and commit the list)`,
			`${shown(dir)}/published-urls.txt:3:1  url-lost  Unexpected lost URL \`/ops/restart/\`: it is in published-urls.txt but no page is published there and no page redirects from it (a page was renamed, moved or deleted); expected \`redirect_from: ["/ops/restart/"]\` in the frontmatter of the page that replaces it (pages not in the list yet: \`ops/restart-app.mdx\`), or the page back at that path`,
		]);
		expect(result.status).toBe(1);
	});

	it('passes the same rename with redirect_from', () => {
		const dir = tree('redirected', { 'index.mdx': base['index.mdx'], 'ops/scale.mdx': base['ops/scale.mdx'], 'ops/restart-app.mdx': page('Restart', 'redirect_from: [/ops/restart/]\n') }, [...contract, '/ops/restart-app/']);
		const result = check(dir);
		expect(linesOf(result)).toEqual([]);
		expect(result.status).toBe(0);
	});

	it('refuses a redirect_from that is a live page or claimed twice, at the entry', () => {
		const dir = tree('conflicts', {
			'index.mdx': base['index.mdx'],
			'ops/restart.mdx': page('Restart', 'redirect_from:\n  - /ops/scale/\n  - /ops/old/\n'),
			'ops/scale.mdx': page('Scale', 'redirect_from: [/ops/old/]\n'),
		}, contract);
		const result = check(dir);
		expect(linesOf(result)).toEqual([
			`${shown(dir)}/docs/ops/restart.mdx:14:5  redirect-from  Unexpected redirect_from \`/ops/scale/\`, the address of the live page \`ops/scale.mdx\`; expected an old path no page has now (a redirect there would hide that page)`,
			`${shown(dir)}/docs/ops/scale.mdx:13:17  redirect-from  Unexpected redirect_from \`/ops/old/\` already claimed by \`ops/restart.mdx\`, expected each old path to redirect to one page (keep it on the page that replaced the old one)`,
		]);
		expect(result.status).toBe(1);
	});

	it('npm run urls writes the list and will not drop a lost URL', () => {
		const dir = tree('urls', base);
		const list = join(dir, 'published-urls.txt');
		const write = () => run(process.execPath, ['scripts/urls.ts', list], { DOCS_DIR: join(dir, 'docs') });
		expect(write().status).toBe(0);
		expect(check(dir).status).toBe(0);
		renameSync(join(dir, 'docs/ops/scale.mdx'), join(dir, 'docs/ops/scaling.mdx'));
		const refused = write();
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('published-urls.txt:6:1 url-lost Unexpected lost URL `/ops/scale/`');
	});

	it('the repository\'s own list matches its docs (npm run urls leaves it unchanged)', () => {
		const docs = new DocTree(join(ROOT, 'src/content/docs'));
		const listed = run(process.execPath, ['-e', `process.stdout.write(require('node:fs').readFileSync('published-urls.txt','utf8'))`]).stdout.split('\n').filter((l) => l.startsWith('/'));
		// Every page is listed; a listed path that is no page must be a redirect (the check proves it too).
		expect(listedPaths(docs).filter((p) => !listed.includes(p))).toEqual([]);
	});
});

describe('a rename in the real docs', () => {
	// A copy of the docs with K3s Setup renamed; only the renamed page is analysed (the contract rule
	// looks at the whole tree whatever is selected), so this stays fast.
	const copy = join(work, 'real');
	cpSync(join(ROOT, 'src/content/docs'), join(copy, 'docs'), { recursive: true });
	const renamed = join(copy, 'docs/11-infrastructure/k3s-cluster-setup.mdx');
	renameSync(join(copy, 'docs/11-infrastructure/k3s-setup.mdx'), renamed);
	const checkRenamed = () => runCheck(['--root', join(copy, 'docs'), '--urls', join(ROOT, 'published-urls.txt'), renamed]);
	const line = readFileSync(join(ROOT, 'published-urls.txt'), 'utf8').split('\n').indexOf('/11-infrastructure/k3s-setup/') + 1;

	it('without redirect_from fails, naming the lost URL and the renamed page', () => {
		const result = checkRenamed();
		expect(linesOf(result)).toContain(
			`published-urls.txt:${line}:1  url-lost  Unexpected lost URL \`/11-infrastructure/k3s-setup/\`: it is in published-urls.txt but no page is published there and no page redirects from it (a page was renamed, moved or deleted); expected \`redirect_from: ["/11-infrastructure/k3s-setup/"]\` in the frontmatter of the page that replaces it (pages not in the list yet: \`11-infrastructure/k3s-cluster-setup.mdx\`), or the page back at that path`,
		);
		expect(result.status).toBe(1);
	});

	it('with redirect_from passes the contract', () => {
		writeFileSync(renamed, readFileSync(renamed, 'utf8').replace(/^---\n/, '---\nredirect_from: [/11-infrastructure/k3s-setup/]\n'));
		const result = checkRenamed();
		expect(linesOf(result).filter((l) => /url-lost|redirect-from|frontmatter/.test(l))).toEqual([]);
	});
});

describe('runbook_url in alert rules', () => {
	const alerts = (url: string) => `## Overview\n\nThe alert:\n\n\`\`\`yaml\ngroups:\n  - name: app\n    rules:\n      - alert: AppDown\n        expr: up == 0\n        annotations:\n          runbook_url: ${url}\n\`\`\`\n`;
	it.each([
		['https://docs.neotool.io/ops/restart/#overview', []],
		['/ops/scale/', []],
		['https://runbooks.example.org/app-down', []],
		['https://docs.neotool.io/ops/restrat/', ['Unexpected runbook_url `https://docs.neotool.io/ops/restrat/` that matches no published page, expected the URL of an existing runbook (did you mean `ops/restart.mdx`?)']],
		['https://docs.neotool.io/ops/restart/#step-9', ['Unexpected anchor `#step-9` in runbook_url `https://docs.neotool.io/ops/restart/#step-9`, expected a heading of ops/restart.mdx; its anchors are #overview']],
		['https://docs.neotool.io/ops/old-restart/', ['Unexpected runbook_url `https://docs.neotool.io/ops/old-restart/` to the old path `/ops/old-restart/`, which redirects; expected the page\'s address `https://docs.neotool.io/ops/restart/` (alert links should not depend on a redirect)']],
	])('%s', (url, messages) => {
		const name = `alert-${messages.length}-${url.replace(/[^a-z0-9]+/gi, '-')}`;
		const dir = tree(name, { ...base, 'ops/restart.mdx': page('Restart', 'redirect_from: [/ops/old-restart/]\n'), 'ops/alerts.mdx': page('Alerts', '', alerts(url)) }, [...contract, '/ops/alerts/']);
		const result = check(dir);
		expect(linesOf(result)).toEqual(messages.map((m) => `${shown(dir)}/docs/ops/alerts.mdx:26:24  link-runbook-url  ${m}`));
		expect(result.status).toBe(messages.length ? 1 : 0);
	});
});

describe('runbook annotations (a path from the docs root, as the docs\' alert rules write them)', () => {
	const rules = (runbook: string) => `## Overview\n\n\`\`\`yaml\ngroups:\n  - name: app\n    rules:\n      - alert: AppDown\n        expr: up == 0\n        annotations:\n          runbook: ${runbook}\n      - record: job:up:sum\n        expr: sum(up)\n        labels:\n          runbook: not-an-annotation.md\n\`\`\`\n`;
	it.each([
		['ops/restart.md#overview', []],
		['ops/scale.md', []],
		['ops/restrat.md', ['Unexpected runbook `ops/restrat.md` that matches no page, expected a path from the docs root to an existing runbook such as `11-infrastructure/incident-response.md` (did you mean `ops/restart.mdx`?)']],
		['ops/restart.md#rollback', ['Unexpected anchor `#rollback` in runbook `ops/restart.md#rollback`, expected a heading of ops/restart.mdx; its anchors are #overview']],
	])('%s', (runbook, messages) => {
		const dir = tree(`annotation-${runbook.replace(/[^a-z0-9]+/gi, '-')}`, { ...base, 'ops/alerts.mdx': page('Alerts', '', rules(runbook)) }, [...contract, '/ops/alerts/']);
		const result = check(dir);
		expect(linesOf(result)).toEqual(messages.map((m) => `${shown(dir)}/docs/ops/alerts.mdx:24:20  link-runbook-url  ${m}`));
		expect(result.status).toBe(messages.length ? 1 : 0);
	});
});

describe('redirect outputs from one data source', () => {
	const dir = tree('outputs', { ...base, 'ops/restart.mdx': page('Restart', 'redirect_from: [/ops/old-restart/, /runbooks/restart-app/]\n') });
	const redirects = redirectsOf(claimsOfTree(new DocTree(join(dir, 'docs'))));

	it('maps each old path to the page', () => {
		expect(redirects).toEqual([
			{ from: '/ops/old-restart/', to: '/ops/restart/', id: 'ops/restart' },
			{ from: '/runbooks/restart-app/', to: '/ops/restart/', id: 'ops/restart' },
		]);
	});

	it('writes a static redirect page with a meta refresh, a canonical link and no script', () => {
		const html = renderRedirectPage(redirects[0]!, 'https://docs.neotool.io');
		expect(html).toContain('<meta http-equiv="refresh" content="0; url=/ops/restart/">');
		expect(html).toContain('<link rel="canonical" href="https://docs.neotool.io/ops/restart/">');
		expect(html).not.toMatch(/<script/i);
	});

	it('writes nginx exact-match locations for every spelling of the old path', () => {
		expect(renderNginxMap(redirects).split('\n').filter((l) => l.startsWith('location')).slice(0, 3)).toEqual([
			'location = /ops/old-restart { return 301 /ops/restart/; }',
			'location = /ops/old-restart/ { return 301 /ops/restart/; }',
			'location = /ops/old-restart/index.md { return 301 /ops/restart/index.md; }',
		]);
	});
});
