/**
 * One ok/not-ok fixture pair per rule under test/fixtures/check/<rule>/: the ok page prints nothing,
 * the not-ok page prints exactly these lines (file, line, column, rule id, message).
 */
import { describe, expect, it } from 'vitest';
import { linesOf, runCheck } from '../helpers/check.ts';

const expected = (F: string): Record<string, { exit: number; rule?: string; lines: string[] }> => ({
	'facts-latest': {
		exit: 0,
		lines: [
			`${F}:17:23  facts-latest  warning: Unexpected floating tag \`postgres:latest\`, expected a pinned version such as \`postgres:18rc1\` (src/data/facts.yaml)`,
			`${F}:22:12  facts-latest  warning: Unexpected floating tag \`grafana/grafana:latest\`, expected a pinned version such as \`grafana/grafana:11.1.4\` (src/data/facts.yaml)`,
		],
	},
	'facts-namespace': {
		exit: 1,
		lines: [
			`${F}:17:26  facts-namespace  Unexpected namespace \`neotool-dat\`, expected one from src/data/facts.yaml (did you mean \`neotool-data\`?)`,
			`${F}:20:30  facts-namespace  Unexpected namespace \`neotool-ap\`, expected one from src/data/facts.yaml (did you mean \`neotool-app\`?)`,
			`${F}:21:28  facts-namespace  Unexpected namespace \`flux\`, expected one from src/data/facts.yaml (did you mean \`flux-system\`?)`,
			`${F}:22:32  facts-namespace  Unexpected namespace \`monitoring\`, expected one from src/data/facts.yaml: \`neotool-app\`, \`neotool-web\`, \`neotool-data\`, \`neotool-messaging\`, \`neotool-storage\`, \`neotool-security\`, \`neotool-workflows\`, \`neotool-observability\`, \`neotool-docs\`, \`flux-system\`, \`kube-system\`, \`kube-node-lease\``,
		],
	},
	'frontmatter-schema': {
		exit: 1,
		lines: [
			`${F}:4:7  frontmatter-schema  Unexpected type \`infrastucture\`, expected one of \`overview\`, \`architecture\`, \`workflow\`, \`security\`, \`observability\`, \`infrastructure\`, \`specification\`, \`adr\` (did you mean \`infrastructure\`?) (field \`type\`)`,
			`${F}:7:9  frontmatter-schema  Unexpected status \`curent\`, expected one of \`draft\`, \`current\`, \`deprecated\`, \`archived\` (did you mean \`current\`?) (field \`status\`)`,
		],
	},
	'frontmatter-yaml': {
		exit: 1,
		lines: [
			// At the `[` that is never closed (line 9), not where the parser noticed (the next key).
			`${F}:9:7  frontmatter-yaml  Unexpected unclosed bracket \`[\`, expected a closing \`]\` before the end of this value`,
		],
	},
	'image-target': {
		exit: 1,
		lines: [
			`${F}:17:1  image-target  Unexpected link to missing file \`./diagramm.svg\`, expected an existing file (looked for \`diagramm.svg\`)`,
		],
	},
	'link-anchor': {
		exit: 1,
		lines: [
			`${F}:17:5  link-anchor  Unexpected anchor \`#step\` in \`./target.md#step\`, expected a heading of target.mdx (did you mean \`#steps\`?)`,
			`${F}:17:39  link-anchor  Unexpected anchor \`#overveiw\` in \`#overveiw\`, expected a heading of not-ok.mdx (did you mean \`#overview\`?)`,
		],
	},
	'link-target': {
		exit: 1,
		lines: [
			`${F}:17:9  link-target  Unexpected link to missing doc \`./targt.md\`, expected an existing page (looked for \`targt.md\`, \`targt.mdx\`) (did you mean \`target.mdx\`?)`,
			// Site-absolute links under /downloads/ name a file the build writes there (src/lib/downloads.ts).
			`${F}:19:9  link-target  Unexpected link to \`/downloads/neotool-ops-docs-offline.zp\`, expected a file the build writes under \`/downloads/\` (did you mean \`/downloads/neotool-ops-docs-offline.zip\`?)`,
			`${F}:19:72  link-target  Unexpected link to \`/downloads/dr-binder.pdf\`, expected a file the build writes under \`/downloads/\` (did you mean \`/downloads/neotool-dr-binder.pdf\`?)`,
		],
	},
	'mdx-syntax': {
		exit: 1,
		lines: [
			`${F}:17:3  mdx-syntax  Unexpected MDX syntax: Expected a closing tag for \`<abbr>\` (17:3) before the end of \`paragraph\``,
		],
	},
	'mdx-unsafe': {
		exit: 1,
		// This page's HTML (lines 20-28: <script>, onClick, javascript: URLs, dangerouslySetInnerHTML,
		// set:html) is the markup-unsafe rule's (test/node/markup.test.ts); only this rule's lines are compared here.
		rule: 'mdx-unsafe',
		lines: [
			`${F}:14:16  mdx-unsafe  Unexpected import from \`node:fs\`, expected a project component (\`~/components/…\`) or \`@astrojs/starlight/components\``,
			`${F}:15:18  mdx-unsafe  Unexpected import from \`../../../../node_modules/evil/index.js\`, expected a project component (\`~/components/…\`) or \`@astrojs/starlight/components\``,
			`${F}:16:1  mdx-unsafe  Unexpected \`export\` in a page, expected content only (code belongs in a component under src/components)`,
			`${F}:22:18  mdx-unsafe  Unexpected arrow function \`() => alert(1)\` in attribute \`onClick\` of \`<button>\`, expected a string or a literal`,
		],
	},
	'mermaid-syntax': {
		exit: 1,
		lines: [
			// Parser token names (`SQE`, `TXT`, `TAGEND`, `DOWN`) are rewritten into what the author can act on.
			`${F}:21:3  mermaid-syntax  Unexpected end of diagram, expected a closing bracket such as \`]\`, \`)\` or \`}\` (a node's label left open?)`,
			`${F}:26:3  mermaid-syntax  Unexpected end of line, expected \`:\` and the message text after the arrow (e.g. \`A->>B: text\`)`,
			`${F}:30:1  mermaid-syntax  Unexpected diagram type \`flowchar LR\`, expected a mermaid diagram keyword such as flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph`,
			`${F}:36:12  mermaid-syntax  Unexpected \`-->>\`, expected an arrow such as \`-->\`, \`---\`, \`-.->\` or \`==>\``,
			`${F}:42:5  mermaid-syntax  Unexpected \`v\`, expected an arrow such as \`-->\`, \`---\`, \`-.->\` or \`==>\``,
		],
	},
	'related-target': {
		exit: 1,
		lines: [
			`${F}:11:5  related-target  Unexpected related entry \`targt.md\` that matches no doc, expected a path from the docs root to an existing page (did you mean \`target.mdx\`?)`,
			`${F}:12:5  related-target  Unexpected related entry \`not-ok.mdx\` naming this page itself, expected another doc`,
		],
	},
	'remark-lint': {
		exit: 1,
		lines: [
			`${F}:15:1  remark-lint:heading-increment  Unexpected heading rank \`3\`, expected rank \`2\``,
			`${F}:19:1  remark-lint:heading-increment  Unexpected heading rank \`4\`, expected rank \`3\``,
			`${F}:21:1  remark-lint:fenced-code-flag  Unexpected missing fenced code language flag in info string, expected keyword`,
		],
	},
	'runbook-scaffold': {
		exit: 1,
		lines: [
			`${F}:3:14  runbook-scaffold  Unexpected scaffold placeholder in \`description\`, expected one sentence saying what the page is for`,
			`${F}:29:1  runbook-scaffold  Unexpected scaffold placeholder \`TODO: Say how the reader knows it worked: a command and i…\`, expected the section's real content (replace the TODO: line)`,
		],
	},
	'runbook-sections': {
		exit: 1,
		lines: [
			`${F}:6:1  runbook-sections  Unexpected runbook without a \`## Troubleshooting\` section, expected the H2 sections \`Prerequisites\`, \`Steps\`, \`Expected outcome\`, \`Troubleshooting\`, \`Rollback\``,
			`${F}:21:1  runbook-sections  Unexpected \`## Prerequisites\` after \`## Steps\`, expected the runbook order \`Prerequisites\`, \`Steps\`, \`Expected outcome\`, \`Troubleshooting\`, \`Rollback\``,
			// A near-miss of a section's name is named at its own heading, not reported as a missing section.
			`${F}:29:1  runbook-sections  Unexpected \`## Roll back\`, expected the runbook section \`## Rollback\` (did you mean \`Rollback\`?)`,
		],
	},
	'secret': {
		exit: 1,
		lines: [
			`${F}:17:21  secret  Unexpected literal password \`Sup3…\`, expected a placeholder such as \`<PASSWORD>\` or \`\${PGPASSWORD}\` (if it was real, rotate it)`,
			`${F}:20:19  secret  Unexpected literal password \`hunt…\`, expected a placeholder such as \`<PASSWORD>\` or \`\${PGPASSWORD}\` (if it was real, rotate it)`,
			`${F}:21:26  secret  Unexpected password \`…\` in a URL, expected a placeholder such as \`postgres://user:<PASSWORD>@host\` or credentials from the environment`,
			`${F}:22:13  secret  Unexpected Vault token \`hvs.…\`, expected no credentials in docs (use a placeholder such as \`<VAULT_TOKEN>\`; if it was real, revoke it)`,
			`${F}:23:44  secret  Unexpected literal password \`chan…\`, expected a placeholder such as \`<PASSWORD>\` or \`\${PGPASSWORD}\` (if it was real, rotate it)`,
			`${F}:24:32  secret  Unexpected API token \`0123…\`, expected no credentials in docs (use a placeholder such as \`<API_TOKEN>\`; if it was real, revoke it)`,
			`${F}:28:20  secret  Unexpected AWS access key id \`AKIA…\`, expected no credentials in docs (use a placeholder such as \`<AWS_ACCESS_KEY_ID>\`; if it was real, revoke it)`,
			`${F}:29:15  secret  Unexpected GitHub token \`ghp_…\`, expected no credentials in docs (use a placeholder such as \`<GITHUB_TOKEN>\`; if it was real, revoke it)`,
			`${F}:30:8  secret  Unexpected Slack token \`xoxb…\`, expected no credentials in docs (use a placeholder such as \`<SLACK_TOKEN>\`; if it was real, revoke it)`,
			`${F}:31:6  secret  Unexpected JSON Web Token \`eyJh…\`, expected no credentials in docs (use a placeholder such as \`<JSON_WEB_TOKEN>\`; if it was real, revoke it)`,
			`${F}:34:1  secret  Unexpected private key \`----…\`, expected no credentials in docs (use a placeholder such as \`<PRIVATE_KEY>\`; if it was real, revoke it)`,
		],
	},
	'stale': {
		exit: 0,
		lines: [
			`${F}:10:1  stale  warning: Unexpected last_updated 2026-01-02, older than its monthly review (due 2026-02-02, 297 days overdue); expected a review: re-read the page against the review checklist, fix what changed, then set last_reviewed to today`,
		],
	},
});

const rules = Object.keys(expected(''));

describe.each(rules)('rule fixture %s', (rule) => {
	const dir = `test/fixtures/check/${rule}`;

	it('ok.mdx: no problem, exit 0', () => {
		const result = runCheck(['--root', dir, `${dir}/ok.mdx`]);
		expect(linesOf(result)).toEqual([]);
		expect(result.stderr.trim()).toBe('1 file checked: 0 errors, 0 warnings');
		expect(result.status).toBe(0);
	});

	it('not-ok.mdx: exactly the expected lines', () => {
		const want = expected(`${dir}/not-ok.mdx`)[rule]!;
		const result = runCheck(['--root', dir, `${dir}/not-ok.mdx`]);
		expect(linesOf(result).filter((line) => !want.rule || line.split(/\s+/)[1] === want.rule)).toEqual(want.lines);
		expect(result.status).toBe(want.exit);
	});
});
