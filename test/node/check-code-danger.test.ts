/**
 * `code-danger` (scripts/check/code/danger.ts, registry in danger-registry.ts). The not-ok page's
 * expected lines were written from what must be caught, before running it: the example
 * (`shred` of the only copies on the line after an upload that may have failed), a drain and delete
 * in a step with no aside, a TRUNCATE in an `sql` block with no aside, an `rm -rf` of a data
 * directory after an upload that may have failed (next to a log file the block wrote, which alone
 * would be cleanup), a delete of a ConfigMap other than the one the block created. ok.mdx: `shred` of a
 * key file the same block wrote, unchained on purpose; a delete of the ConfigMap the block created; a sub-step
 * covered by its parent step's aside (not-ok: one whose only aside is in its sibling sub-step).
 */
import { describe, expect, it } from 'vitest';
import { linesOf, runCheck } from '../helpers/check.ts';

const dir = 'test/fixtures/check/code/danger';
const F = `${dir}/not-ok.mdx`;
const aside = 'in a step without a caution or danger aside, expected `:::caution` or `:::danger` in this step saying what it destroys';

describe('code-danger fixture', () => {
	it('ok.mdx prints nothing; not-ok.mdx names each command and what is missing, exit 1', () => {
		const result = runCheck(['--root', dir]);
		// This rule's lines only (the fixture's table is unknown to code-sql-pg's schema, on purpose).
		const lines = linesOf(result).filter((l) => l.includes('  code-danger  '));
		expect(lines.filter((l) => l.startsWith(`${dir}/ok.mdx`))).toEqual([]);
		expect(lines.filter((l) => l.startsWith(F))).toEqual([
			`${F}:25:4  code-danger  Unexpected \`shred\` (overwrites the file so it cannot be recovered) run even when a command before it in this block failed, expected it chained with \`&&\` or \`set -euo pipefail\` at the block's start`,
			`${F}:31:4  code-danger  Unexpected \`kubectl drain\` (evicts every pod from the node) ${aside}`,
			`${F}:31:53  code-danger  Unexpected \`kubectl delete\` (deletes cluster objects (a PVC or namespace takes its data with it)) ${aside}`,
			`${F}:37:4  code-danger  Unexpected \`TRUNCATE\` (deletes every row of the table) ${aside}`,
			// A file the block wrote (the log) removed together with one it did not (the data): destruction, not cleanup.
			`${F}:50:4  code-danger  Unexpected \`rm\` (removes a directory tree, unrecoverably) run even when a command before it in this block failed, expected it chained with \`&&\` or \`set -euo pipefail\` at the block's start`,
			// A delete of an object the block did not create (it created another): not cleanup.
			`${F}:59:6  code-danger  Unexpected \`kubectl delete\` (deletes cluster objects (a PVC or namespace takes its data with it)) ${aside}`,
			// A sub-step is not covered by the aside of a sibling sub-step.
			`${F}:79:7  code-danger  Unexpected \`kubectl delete\` (deletes cluster objects (a PVC or namespace takes its data with it)) ${aside}`,
			// Terraform's flag parser (Go's) takes `--flag` as `-flag`: the double-dash spelling is the same command.
			`${F}:87:4  code-danger  Unexpected \`terraform apply\` (changes infrastructure without a reviewed plan) ${aside}`,
			`${F}:93:4  code-danger  Unexpected \`terraform state rm\` (makes Terraform forget the resources: a later apply creates them again) ${aside}`,
			`${F}:94:4  code-danger  Unexpected \`terraform state push\` (overwrites the remote state) run even when a command before it in this block failed, expected it chained with \`&&\` or \`set -euo pipefail\` at the block's start`,
			`${F}:94:4  code-danger  Unexpected \`terraform state push\` (overwrites the remote state) ${aside}`,
			`${F}:95:4  code-danger  Unexpected \`terraform force-unlock\` (removes another run's state lock: two runs may then write the state at once) run even when a command before it in this block failed, expected it chained with \`&&\` or \`set -euo pipefail\` at the block's start`,
			`${F}:95:4  code-danger  Unexpected \`terraform force-unlock\` (removes another run's state lock: two runs may then write the state at once) ${aside}`,
		]);
		expect(result.status).toBe(1);
	});
});
