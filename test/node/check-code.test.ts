/**
 * The code stage of the authors' check (scripts/check/code/): one ok/not-ok fixture pair per
 * language under test/fixtures/check/code/<name>/. The ok page prints nothing; the not-ok page prints
 * exactly these lines: each defect at the file, line and column of its offending character (list
 * indentation included), with its rule id and the language tool's message. Expectations were
 * written from the fixtures, before the verifiers' output was looked at.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../helpers/build.ts';
import { CHECK_TODAY, linesOf, runCheck } from '../helpers/check.ts';

const SC = (code: number) => `(shellcheck SC${code}, https://www.shellcheck.net/wiki/SC${code})`;
const grafana = 'for Grafana (`grafana/grafana`), expected `11.1.4` as in src/data/facts.yaml (or a placeholder such as `<TAG>`)';

/** Expected lines per fixture; a RegExp where the message's tail is the library's own wording. */
const expected = (F: string): Record<string, (string | RegExp)[]> => ({
	bash: [
		`${F}:20:4  code-bash  Unexpected shell syntax: \`if\` statement must end with \`fi\` (sh-syntax, Bash mode)`,
		`${F}:27:50  code-bash  Unexpected shell syntax: reached EOF without closing quote \`"\` (sh-syntax, Bash mode)`,
		`${F}:34:8  code-shellcheck  Use "\${var:?}" to ensure this never expands to /* . ${SC(2115)}`,
	],
	console: [`${F}:21:8  code-bash  Unexpected shell syntax: reached EOF without closing quote \`"\` (sh-syntax, Bash mode)`],
	yaml: [
		`${F}:23:9  code-yaml  Unexpected YAML: Map keys must be unique`,
		/^\S+:28:\d+ {2}code-yaml {2}Unexpected YAML: /,
		`${F}:32:25  code-json  Unexpected JSON: Expected double-quoted property name`,
	],
	k8s: [
		`${F}:18:13  code-k8s  Unexpected apiVersion \`apps/v1beta1\` for Deployment: removed in Kubernetes 1.16 (the docs target 1.34), expected \`apps/v1\``,
		/^\S+:30:14 {2}facts-namespace {2}Unexpected namespace `neotool-prdo`, expected one from src\/data\/facts\.yaml/,
		`${F}:32:3  code-k8s  Unexpected field \`replica\` in \`spec\` of Deployment, expected a field of its apps/v1 schema (did you mean \`replicas\`?)`,
		`${F}:41:34  facts-image  Unexpected tag \`10.4.0\` ${grafana}`,
		`${F}:43:30  code-k8s  Unexpected string \`http\` at \`spec.template.spec.containers[0].ports[0].containerPort\` of Deployment, expected integer`,
		`${F}:53:3  code-k8s  Missing required field \`selector\` in \`spec\` of StatefulSet, expected it (apps/v1 schema)`,
		`${F}:53:3  code-k8s  Missing required field \`template\` in \`spec\` of StatefulSet, expected it (apps/v1 schema)`,
		`${F}:54:13  code-k8s  Unexpected string \`three\` at \`spec.replicas\` of StatefulSet, expected integer`,
		`${F}:62:3  code-k8s  Missing required field \`interval\` in \`spec\` of HelmRelease, expected it (helm.toolkit.fluxcd.io/v2 schema)`,
		`${F}:62:3  code-k8s  Unexpected field \`intreval\` in \`spec\` of HelmRelease, expected a field of its helm.toolkit.fluxcd.io/v2 schema (did you mean \`interval\`?)`,
		`${F}:68:48  facts-image  Unexpected tag \`10.4.0\` ${grafana}`,
		`${F}:70:13  code-k8s  Unexpected apiVersion \`traefik.containo.us/v1alpha1\`, expected traefik.io/v1alpha1 (Traefik v3, which K3s ships, dropped traefik.containo.us)`,
	],
	query: [
		`${F}:18:45  code-promql  Unexpected end of the query, expected valid PromQL (@prometheus-io/lezer-promql)`,
		`${F}:22:22  code-logql  Unexpected \`!\`, expected valid LogQL (@grafana/lezer-logql)`,
	],
	sql: [`${F}:21:6  code-sql  Unexpected SQL: syntax error at or near ";" (PostgreSQL 18 parser, libpg-query)`],
	hcl: [
		`${F}:18:33  code-hcl  Unexpected HCL: Unclosed configuration block (There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file)`,
		`${F}:24:12  code-hcl  Unexpected HCL: Invalid expression (Expected the start of an expression, but found an invalid expression token)`,
	],
	lang: [
		`${F}:17:4  code-lang  Unexpected code language \`bsh\`, expected a language the site knows, such as \`bash\`, \`yaml\`, \`sql\` or \`text\` (did you mean \`bash\`?)`,
		`${F}:21:4  code-lang  Unexpected code language \`yml2\`, expected a language the site knows, such as \`bash\`, \`yaml\`, \`sql\` or \`text\` (did you mean \`yml\`?)`,
	],
	placeholder: [
		`${F}:18:35  code-placeholder  Unexpected placeholder \`<pod>\`, expected \`<UPPER_SNAKE>\` such as \`<POD>\` (documentation standards, "Code blocks")`,
		`${F}:19:29  code-placeholder  Unexpected placeholder \`<pod name>\`, expected \`<UPPER_SNAKE>\` such as \`<POD_NAME>\` (documentation standards, "Code blocks")`,
		`${F}:20:37  code-placeholder  Unexpected placeholder \`{{backup}}\`, expected \`<UPPER_SNAKE>\` such as \`<BACKUP>\` (documentation standards, "Code blocks")`,
	],
	image: [
		`${F}:18:33  facts-image  Unexpected tag \`10.4.0\` ${grafana}`,
		`${F}:19:78  facts-image  Unexpected tag \`17.2\` for PostgreSQL (\`postgres\`), expected \`18rc1\` as in src/data/facts.yaml (or a placeholder such as \`<TAG>\`)`,
		`${F}:21:19  facts-image  Unexpected tag \`10.4.0\` for Grafana (chart \`grafana/grafana\`), expected \`11.1.4\` as in src/data/facts.yaml (or a placeholder such as \`<TAG>\`)`,
	],
});

const match = (lines: string[], want: (string | RegExp)[]) => {
	expect(lines).toHaveLength(want.length);
	want.forEach((w, i) => (typeof w === 'string' ? expect(lines[i]).toBe(w) : expect(lines[i]).toMatch(w)));
};

describe.each(Object.keys(expected('')))('code fixture %s', (name) => {
	const dir = `test/fixtures/check/code/${name}`;

	it('ok.mdx prints nothing; not-ok.mdx exactly the expected lines, exit 1', () => {
		// One run over both pages: the verifiers load once.
		const result = runCheck(['--root', dir]);
		// Info-level notes (a command with no CLI spec, issue 22) are not this stage's findings, nor is
		// code-danger's verdict on a not-ok page's unguarded command (its own fixture tests it); an ok
		// page must pass every rule, code-danger included.
		const all = linesOf(result).filter((l) => !/^\S+ {2}\S+ {2}info: /.test(l));
		expect(all.filter((l) => l.startsWith(`${dir}/ok.mdx`))).toEqual([]);
		const lines = all.filter((l) => !/ {2}code-danger {2}/.test(l));
		match(
			lines.filter((l) => l.startsWith(`${dir}/not-ok.mdx`)),
			expected(`${dir}/not-ok.mdx`)[name]!,
		);
		expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
		expect(result.status).toBe(1);
	});
});

describe('code stage', () => {
	it('without shellcheck: one warning naming the install command, and the shell syntax is still checked', () => {
		const dir = 'test/fixtures/check/code/bash';
		const F = `${dir}/not-ok.mdx`;
		const result = runCheck(['--root', dir, F], { DOCS_CHECK_SHELLCHECK: '/nonexistent/shellcheck' });
		// The shell stage's own lines (the page's unguarded `rm -rf` is code-danger's, tested on its own fixture).
		expect(linesOf(result).filter((l) => / {2}code-(bash|shellcheck) {2}/.test(l))).toEqual([
			`${F}:20:4  code-bash  Unexpected shell syntax: \`if\` statement must end with \`fi\` (sh-syntax, Bash mode)`,
			`${F}:27:50  code-bash  Unexpected shell syntax: reached EOF without closing quote \`"\` (sh-syntax, Bash mode)`,
			`${F}:32:4  code-shellcheck  warning: Unexpected missing shellcheck, expected it installed to check shell blocks (\`apt-get install shellcheck\`); only their syntax was checked in this run`,
		]);
		expect(result.status).toBe(1);
	});

	it('verifies the same on the code thread as where the page is checked', () => {
		const dir = 'test/fixtures/check/code/k8s';
		const threaded = linesOf(runCheck(['--root', dir], { DOCS_CHECK_CODE_THREAD: '1' }));
		const here = runCheck(['--root', dir], { DOCS_CHECK_CODE_THREAD: '0' });
		expect(linesOf(here)).toEqual(threaded);
		expect(threaded.length).toBe(expected('').k8s!.length);
	});

	it('the cache keeps the code findings: a warm run prints what the cold one did', () => {
		const dir = mkdtempSync(join(tmpdir(), 'check-code-cache-'));
		try {
			cpSync('test/fixtures/check/code/k8s', dir, { recursive: true });
			const checkCached = () => run(process.execPath, ['scripts/check.mjs', '--today', CHECK_TODAY, '--root', dir]);
			const cold = checkCached();
			const warm = checkCached();
			expect(linesOf(cold).filter((l) => l.includes('code-k8s'))).toHaveLength(9);
			expect(linesOf(warm)).toEqual(linesOf(cold));
			expect(warm.status).toBe(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('--format json and --format github carry the position and rule id', () => {
		const dir = 'test/fixtures/check/code/query';
		const F = `${dir}/not-ok.mdx`;
		const json = JSON.parse(runCheck(['--root', dir, F, '--format', 'json']).stdout) as { problems: { file: string; line: number; column: number; rule: string }[] };
		expect(json.problems.map((p) => [p.file, p.line, p.column, p.rule])).toEqual([
			[F, 18, 45, 'code-promql'],
			[F, 22, 22, 'code-logql'],
		]);
		const github = linesOf(runCheck(['--root', dir, F, '--format', 'github']));
		expect(github[0]).toBe(`::error file=${F},line=18,col=45,title=code-promql::Unexpected end of the query, expected valid PromQL (@prometheus-io/lezer-promql)`);
	});
});
