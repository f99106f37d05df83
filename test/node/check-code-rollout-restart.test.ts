/**
 * `code-rollout-restart-field-manager` (scripts/check/code/rollout-restart.ts). The not-ok page's
 * expected lines were written from what must be caught, before the rule existed: a plain restart; one
 * behind global flags (`--context`, `-n`); a `--field-manager` with another value (`=` and space
 * forms); a restart after `&&`, inside an `if` and a `for`; one through `sudo k3s kubectl`; a
 * `console` block's; a table cell's inline command. Not findings there: `rollout status`. ok.mdx: the
 * flag at the end, in the middle, in its space form, after `&&`; `rollout status`/`history`; the
 * words `rollout restart` as another command's arguments; a prose mention with no resource.
 */
import { describe, expect, it } from 'vitest';
import { linesOf, runCheck } from '../helpers/check.ts';

const dir = 'test/fixtures/check/code/rollout-restart';
const F = `${dir}/not-ok.mdx`;
const rule = 'code-rollout-restart-field-manager';
const message = 'Unexpected `kubectl rollout restart` without `--field-manager=flux-client-side-apply`, expected the flag: Flux removes the restartedAt annotation it does not own and restarts the pods again (fluxcd.io/flux/faq)';

describe(`${rule} fixture`, () => {
	it('ok.mdx prints nothing; not-ok.mdx names each restart without the field manager, exit 1', () => {
		const result = runCheck(['--root', dir]);
		expect(linesOf(result).filter((l) => l.startsWith(`${dir}/ok.mdx`))).toEqual([]);
		expect(linesOf(result).filter((l) => l.startsWith(F))).toEqual(
			[
				'18:1', // plain
				'19:1', // global flags first
				'20:1', // another manager, `=` form
				'21:1', // another manager, space form
				'26:46', // after `&&`
				'28:3', // inside `if`
				'31:3', // inside `for`
				'33:1', // through `sudo k3s kubectl`: the command starts at `sudo`
				'37:3', // a console block's command, after its prompt
				'43:25', // a table cell's inline command
			].map((at) => `${F}:${at}  ${rule}  ${message}`),
		);
		expect(result.status).toBe(1);
	});
});
