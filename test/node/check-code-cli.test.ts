/**
 * `code-cli` (scripts/check/code/cli*.ts): command lines against their CLIs' Fig specs. The not-ok
 * page's expected lines were written from what must be caught (issue 22's examples, a flag missing
 * its value inside `$(…)`, a typo after `sudo … exec --`, a CLI with no spec, typos of flags the
 * overlays add: gh's `--jq`, kubectl top's `--all-namespaces`, systemctl's `is-enabled`; Trivy's `--ignorefile` misspelt or without its file; Terraform's
 * `--no-color`, which only the single-dash form strips, and misspelt `state`/`plan`/`output` flags), before running it.
 */
import { describe, expect, it } from 'vitest';
import { linesOf, runCheck } from '../helpers/check.ts';

const dir = 'test/fixtures/check/code/cli';
const F = `${dir}/not-ok.mdx`;

describe('code-cli fixture', () => {
	it('ok.mdx prints nothing; not-ok.mdx each defect at its token, exit 1', () => {
		const result = runCheck(['--root', dir]);
		const lines = linesOf(result);
		expect(lines.filter((l) => l.startsWith(`${dir}/ok.mdx`))).toEqual([]);
		// This rule's lines only: a destructive command in the fixture (`terraform state rm`) is also code-danger's finding.
		expect(lines.filter((l) => l.startsWith(F) && !l.includes('  code-danger  '))).toEqual([
			`${F}:18:56  code-cli  Unexpected flag \`--to-revison\` for \`kubectl rollout undo\`, expected a flag of that command (did you mean \`--to-revision\`?)`,
			`${F}:19:14  code-cli  Unexpected flag \`--instal\` for \`helm upgrade\`, expected a flag of that command (did you mean \`--install\`?)`,
			`${F}:20:10  code-cli  Unexpected subcommand \`pach\` for \`vault kv\`, expected one of its subcommands (did you mean \`patch\`?)`,
			`${F}:21:16  code-cli  Unexpected subcommand \`kustomizaton\` for \`flux reconcile\`, expected one of its subcommands (did you mean \`kustomization\`?)`,
			`${F}:22:26  code-cli  Unexpected flag \`--namespace\` for \`kubectl get\` without a value, expected \`--namespace <namespace>\``,
			`${F}:23:64  code-cli  Unexpected flag \`--sort-byy\` for \`kubectl get\`, expected a flag of that command (did you mean \`--sort-by\`?)`,
			`${F}:24:1  code-cli-unverified  info: Unverified command \`rover\`: no CLI spec for it, expected one in scripts/check/code/cli-specs/ (its flags were not checked)`,
			`${F}:25:29  code-cli  Unexpected flag \`--jqq\` for \`gh pr checks\`, expected a flag of that command (did you mean \`--jq\`?)`,
			`${F}:26:18  code-cli  Unexpected flag \`--all-namespace\` for \`kubectl top pod\`, expected a flag of that command (did you mean \`--all-namespaces\`?)`,
			`${F}:27:11  code-cli  Unexpected subcommand \`is-enabeld\` for \`systemctl\`, expected one of its subcommands (did you mean \`is-enabled\`?)`,
			`${F}:28:10  code-cli  Unexpected flag \`--ignorfile\` for \`trivy filesystem\`, expected a flag of that command (did you mean \`--ignorefile\`?)`,
			`${F}:29:64  code-cli  Unexpected flag \`--ignorefile\` for \`trivy image\` without a value, expected \`--ignorefile <ignorefile>\``,
			`${F}:30:22  code-cli  Unexpected flag \`--no-color\` for \`terraform state show\`, expected a flag of that command (did you mean \`-no-color\`?)`,
			`${F}:31:56  code-cli  Unexpected flag \`-detailed-exitcod\` for \`terraform plan\`, expected a flag of that command (did you mean \`-detailed-exitcode\`?)`,
			`${F}:32:18  code-cli  Unexpected flag \`-raww\` for \`terraform output\`, expected a flag of that command (did you mean \`-raw\`?)`,
			`${F}:33:20  code-cli  Unexpected flag \`-dry-runn\` for \`terraform state rm\`, expected a flag of that command (did you mean \`-dry-run\`?)`,
			`${F}:34:15  code-cli  Unexpected flag \`--show-toplvel\` for \`git rev-parse\`, expected a flag of that command (did you mean \`--show-toplevel\`?)`,
		]);
		expect(result.status).toBe(1);
	});

	it('--format json and --format github carry the rule and place', () => {
		const json = JSON.parse(runCheck(['--root', dir, '--format', 'json']).stdout) as { problems: { file: string; line: number; column: number; rule: string; severity: string }[] };
		expect(json.problems.find((p) => p.rule === 'code-cli')).toMatchObject({ line: 18, column: 56, severity: 'error' });
		expect(json.problems.find((p) => p.rule === 'code-cli-unverified')).toMatchObject({ line: 24, column: 1, severity: 'info' });
		const github = runCheck(['--root', dir, '--format', 'github']).stdout;
		expect(github).toContain(`::error file=${F},line=18,col=56,title=code-cli::Unexpected flag`);
		expect(github).toContain(`::notice file=${F},line=24,col=1,title=code-cli-unverified::`);
	});
});
