/** `npm run check` as a CLI: formats, exit codes, --strict, --report review, usage errors, never crashing. */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.ts';
import { BUNDLE_DIR } from '../../scripts/check/bundle.ts';
import { cachePath } from '../../scripts/check/cache.ts';
import { run } from '../helpers/build.ts';
import { CHECK_TODAY, linesOf, runCheck } from '../helpers/check.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

const FM = (title: string) => `---\ntitle: ${title}\ndescription: A page.\ntype: infrastructure\ncategory: operations\nkind: guide\nstatus: current\nversion: 1.0.0\ntags: [operations]\nlast_updated: 2026-11-20\nowner: SRE Team\nreview_frequency: monthly\n---\n`;

describe('--format', () => {
	const dir = 'test/fixtures/check/facts-latest';
	const file = `${dir}/not-ok.mdx`;

	it('github: one workflow command per problem, warnings as ::warning', () => {
		const result = runCheck(['--root', dir, '--format', 'github', file]);
		expect(linesOf(result)).toEqual([
			`::warning file=${file},line=17,col=23,title=facts-latest::Unexpected floating tag \`postgres:latest\`, expected a pinned version such as \`postgres%3A18rc1\` (src/data/facts.yaml)`.replace('postgres%3A18rc1', 'postgres:18rc1'),
			`::warning file=${file},line=22,col=12,title=facts-latest::Unexpected floating tag \`grafana/grafana:latest\`, expected a pinned version such as \`grafana/grafana:11.1.4\` (src/data/facts.yaml)`,
		]);
		expect(result.status).toBe(0);
	});

	it('github: errors as ::error, properties escaped', () => {
		const d = 'test/fixtures/check/frontmatter-yaml';
		const result = runCheck(['--root', d, '--format', 'github', `${d}/not-ok.mdx`]);
		expect(linesOf(result)).toEqual([`::error file=${d}/not-ok.mdx,line=9,col=7,title=frontmatter-yaml::Unexpected unclosed bracket \`[\`, expected a closing \`]\` before the end of this value`]);
		expect(result.status).toBe(1);
	});

	it('json: counts and every problem as an object', () => {
		const result = runCheck(['--root', dir, '--format', 'json', file]);
		const report = JSON.parse(result.stdout);
		expect(report).toMatchObject({ files: 1, errors: 0, warnings: 2 });
		expect(report.problems[1]).toEqual({
			file,
			line: 22,
			column: 12,
			rule: 'facts-latest',
			severity: 'warning',
			message: 'Unexpected floating tag `grafana/grafana:latest`, expected a pinned version such as `grafana/grafana:11.1.4` (src/data/facts.yaml)',
		});
		expect(result.status).toBe(0);
	});
});

describe('exit codes', () => {
	it('warnings exit 0, and 1 with --strict', () => {
		const dir = 'test/fixtures/check/stale';
		expect(runCheck(['--root', dir, `${dir}/not-ok.mdx`]).status).toBe(0);
		const strict = runCheck(['--root', dir, '--strict', `${dir}/not-ok.mdx`]);
		expect(strict.status).toBe(1);
		expect(strict.stderr.trim()).toBe('1 file checked: 0 errors, 1 warning');
	});

	it.each([
		[['--format', 'xml'], 'Unexpected --format xml, expected pretty, json or github'],
		[['--report', 'owners'], 'Unexpected --report owners, expected review'],
		[['--today', '26/11/2026'], 'Unexpected --today 26/11/2026, expected a date YYYY-MM-DD'],
		[['--root', 'test/fixtures/check/stale', 'README.md'], 'Unexpected path README.md outside the docs root test/fixtures/check/stale'],
		[['--root', 'no/such/dir'], 'Unexpected docs root no/such/dir: no such folder'],
	])('usage error %j exits 2 with one line', (args, line) => {
		const result = runCheck(args);
		expect(result.status).toBe(2);
		expect(result.stderr).toBe(`${line}\n`);
		expect(result.stdout).toBe('');
	});

	it('an unknown option exits 2 with one line naming it', () => {
		const result = runCheck(['--fromat', 'json']);
		expect(result.status).toBe(2);
		expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
		expect(result.stderr).toMatch(/^Unknown option '--fromat'.*; expected: npm run check -- \[--format pretty\|json\|github\]/);
	});
});

describe('--quiet', () => {
	it('prints nothing for a page whose only findings are `info`, which the plain run shows', () => {
		const dir = join(TMP, 'check-quiet');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'page.mdx'), `${FM('Quiet')}\n## Overview\n\n\`\`\`bash\nrover dev\n\`\`\`\n`);
		const plain = runCheck(['--root', dir]);
		expect(linesOf(plain).map((l) => l.split('  ')[1])).toEqual(['code-cli-unverified']);
		const quiet = runCheck(['--root', dir, '--quiet']);
		expect([quiet.stdout, quiet.stderr, quiet.status]).toEqual(['', '', 0]);
		rmSync(dir, { recursive: true, force: true });
	});
});

describe('--report review', () => {
	it('lists what is due, grouped by owner, and exits 0', () => {
		const dir = 'test/fixtures/check/stale';
		const result = runCheck(['--root', dir, '--report', 'review']);
		expect(result.stdout).toBe(
			[
				`Due for review on ${CHECK_TODAY}: 1 page, 1 owner`,
				'',
				'SRE Team (1)',
				`  Stale — ${dir}/not-ok.mdx`,
				'    last_updated 2026-01-02, never reviewed, monthly, due 2026-02-02, 297 days overdue',
				'',
			].join('\n'),
		);
		expect(result.status).toBe(0);
	});

	it('says so when nothing is due, and exits 0 even with errors in the tree', () => {
		const dir = 'test/fixtures/check/link-target';
		const result = runCheck(['--root', dir, '--report', 'review']);
		expect(result.stdout).toBe(`Nothing due for review on ${CHECK_TODAY}.\n`);
		expect(result.status).toBe(0);
	});
});

describe('never crashes', () => {
	const dir = join(TMP, 'check-never-crash');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'empty.mdx'), '');
	writeFileSync(join(dir, 'binary.mdx'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
	writeFileSync(join(dir, 'list.mdx'), '---\n- title\n- description\n---\n\n## Overview\n');
	writeFileSync(join(dir, 'broken.mdx'), `${FM('Broken')}\n## Overview\n\nA <Tabs> that never closes.\n`);
	writeFileSync(join(dir, 'linked.mdx'), `${FM('Linked')}\n## Overview\n\nSee [gone](./gone.md) and [bad](./a%zz.md).\n`);
	const rel = 'test/.tmp/check-never-crash';
	const result = runCheck(['--root', dir]);

	it('reports one line per broken file and still checks the others', () => {
		expect(linesOf(result)).toEqual([
			`${rel}/binary.mdx:1:1  file-binary  Unexpected binary content, expected UTF-8 Markdown text`,
			`${rel}/broken.mdx:17:3  mdx-syntax  Unexpected MDX syntax: Expected a closing tag for \`<Tabs>\` (17:3) before the end of \`paragraph\``,
			`${rel}/empty.mdx:1:1  file-empty  Unexpected empty file, expected frontmatter and content`,
			`${rel}/linked.mdx:17:5  link-target  Unexpected link to missing doc \`./gone.md\`, expected an existing page (looked for \`gone.md\`, \`gone.mdx\`)`,
			`${rel}/linked.mdx:17:27  link-target  Unexpected malformed URL \`./a%zz.md\` (a \`%\` not followed by two hex digits), expected a valid link (write \`%25\` for a literal \`%\`)`,
			`${rel}/list.mdx:2:1  frontmatter-yaml  Unexpected list as frontmatter, expected a mapping of fields (key: value)`,
		]);
		expect(result.stderr.trim()).toBe('5 files checked: 6 errors, 0 warnings');
		expect(result.status).toBe(1);
	});

	it('prints no stack trace', () => {
		expect(result.stdout + result.stderr).not.toMatch(/^\s+at\s/m);
	});
});

describe('worker threads', () => {
	// Enough files to split the work over two threads; the findings must not depend on the split.
	const dir = join(TMP, 'check-workers');
	rmSync(dir, { recursive: true, force: true });
	const corpus = generateCorpus({ docs: 160 });
	for (const doc of corpus) {
		mkdirSync(join(dir, doc.rel, '..'), { recursive: true });
		const source = doc.rel.endsWith('page-0007.mdx') ? doc.source.replace('-n neotool-', '-n neotool-x') : doc.rel.endsWith('page-0150.mdx') ? doc.source.replace('B{"Pods healthy?"}', 'B{"Pods healthy?"') : doc.source;
		writeFileSync(join(dir, doc.rel), source);
	}

	// Without a diagram to judge, the worker takes files from the start.
	const plainDir = join(TMP, 'check-workers-plain');
	rmSync(plainDir, { recursive: true, force: true });
	for (const doc of corpus) {
		mkdirSync(join(plainDir, doc.rel, '..'), { recursive: true });
		writeFileSync(join(plainDir, doc.rel), (doc.rel.endsWith('page-0007.mdx') ? doc.source.replace('-n neotool-', '-n neotool-x') : doc.source).replaceAll('```mermaid', '```text'));
	}

	it('share the files and report the same problems as one thread', () => {
		// At its usual priority: niced, the worker may get no time while other tests keep the cores busy.
		const split = runCheck(['--root', plainDir, '--today', '2026-11-26'], { DOCS_CHECK_TRACE: '1', DOCS_CHECK_NICE: '0' });
		const single = runCheck(['--root', plainDir, '--today', '2026-11-26'], { DOCS_CHECK_WORKERS: '0' });
		const shared = /(\d+) files analysed on the main thread, (\d+) on the worker/.exec(split.stderr);
		expect(Number(shared?.[1]) + Number(shared?.[2])).toBe(corpus.length);
		expect(Number(shared?.[2])).toBeGreaterThan(0);
		expect(linesOf(split).length).toBeGreaterThan(0);
		expect(split.stdout).toBe(single.stdout);
		expect(split.status).toBe(1);
	});

	it('judge diagrams on the worker, which leaves a small tree to the main thread, with the same findings', () => {
		const split = runCheck(['--root', dir, '--today', '2026-11-26'], { DOCS_CHECK_TRACE: '1' });
		const single = runCheck(['--root', dir, '--today', '2026-11-26'], { DOCS_CHECK_WORKERS: '0' });
		expect(split.stderr).toContain(`${corpus.length} files analysed on the main thread, 0 on the worker`);
		expect(split.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^${corpus.length} files checked: [1-9]\\d* errors?, 0 warnings$`));
		const lines = linesOf(split);
		expect(lines.filter((l) => l.includes('page-0007.mdx') && l.includes('facts-namespace')).length).toBeGreaterThan(0);
		// Diagrams are parsed by the worker's mermaid lane when the work is split.
		expect(lines.filter((l) => l.includes('page-0150.mdx') && l.includes('mermaid-syntax'))).toHaveLength(1);
		expect(lines.every((l) => /page-0007\.mdx.*facts-namespace|page-0150\.mdx.*mermaid-syntax/.test(l))).toBe(true);
		expect(split.stdout).toBe(single.stdout);
		expect(split.status).toBe(1);
	});
});


describe('the cache', () => {
	const dir = join(TMP, 'check-cache');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const name of ['ok', 'not-ok']) writeFileSync(join(dir, `${name}.mdx`), readFileSync(`test/fixtures/check/mermaid-syntax/${name}.mdx`));
	const cached = (args: string[] = []) => run(process.execPath, ['scripts/check.mjs', '--today', CHECK_TODAY, '--root', dir, ...args]);

	it('gives the same findings from the cache as afresh, mermaid verdicts included', () => {
		const fresh = runCheck(['--root', dir]);
		const first = cached();
		const second = cached();
		// The fixture's five broken diagrams (test/node/check-rules.test.ts lists them).
		expect(linesOf(fresh)).toHaveLength(5);
		expect(second.stdout).toBe(fresh.stdout);
		expect(first.stdout).toBe(fresh.stdout);
		expect(second.status).toBe(1);
	});

	it('sees an edited file, and survives a corrupt cache file', () => {
		cached();
		writeFileSync(join(dir, 'ok.mdx'), readFileSync(join(dir, 'ok.mdx'), 'utf8').replace('## Overview', '#### Overview'));
		const edited = cached();
		expect(linesOf(edited)).toContain(`test/.tmp/check-cache/ok.mdx:15:1  remark-lint:heading-increment  Unexpected heading rank \`4\`, expected rank \`2\``);
		const entries = readdirSync(cachePath(dir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
		expect(entries.length).toBeGreaterThanOrEqual(3); // two files' analyses and a diagram's verdict
		for (const entry of entries) writeFileSync(join(entry.parentPath, entry.name), '{ not json');
		expect(cached().stdout).toBe(edited.stdout);
	});
});

describe('the bundle', () => {
	it('reports exactly what the sources report, over every rule fixture', () => {
		// The bundle swaps in faster tree utilities and its own build of jsdom + mermaid
		// (scripts/check/bundle.ts); findings, diagram verdicts included, must not change.
		const bundled = runCheck(['--root', 'test/fixtures/check']);
		const bundleDir = join(ROOT, BUNDLE_DIR);
		const { id } = JSON.parse(readFileSync(join(bundleDir, 'current.json'), 'utf8')) as { id: string };
		expect(readFileSync(join(bundleDir, id, 'cli.js'), 'utf8')).toContain('import("./runtime/mermaid-runtime.js")');
		expect(readdirSync(join(bundleDir, id, 'runtime'))).toContain('mermaid-runtime.js');
		const sources = runCheck(['--root', 'test/fixtures/check'], { DOCS_CHECK_BUNDLE: '0' });
		expect(linesOf(bundled).length).toBeGreaterThan(40);
		expect(bundled.stdout).toBe(sources.stdout);
		expect(bundled.stderr).toBe(sources.stderr);
		expect(bundled.status).toBe(1);
	});
});

describe('--watch', () => {
	it('checks again when a page changes, with only the new findings printed', async () => {
		const dir = join(TMP, 'check-watch');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'page.mdx'), `${FM('Page')}\n## Overview\n\nText.\n`);
		const child = spawn(process.execPath, ['scripts/check.mjs', '--watch', '--today', CHECK_TODAY, '--root', dir], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const until = async (done: () => boolean) => {
			for (let waited = 0; !done(); waited += 50) {
				if (waited > 20_000) throw new Error(`timed out; stderr so far:\n${stderr}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		};
		try {
			await until(() => stderr.includes('for changes (Ctrl-C to stop)'));
			expect(stderr).toContain('1 file checked: 0 errors, 0 warnings');
			expect(stdout).toBe('');
			writeFileSync(join(dir, 'page.mdx'), `${FM('Page')}\n#### Overview\n\nText.\n`);
			await until(() => stderr.includes('1 file checked: 1 error, 0 warnings'));
			expect(stderr).toContain('check: page.mdx changed, checking again');
			expect(linesOf({ stdout, stderr, status: 0 })).toEqual([`test/.tmp/check-watch/page.mdx:15:1  remark-lint:heading-increment  Unexpected heading rank \`4\`, expected rank \`2\``]);
		} finally {
			child.kill();
		}
	});
});
