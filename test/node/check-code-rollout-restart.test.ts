/**
 * `code-rollout-restart-field-manager` (scripts/check/code/rollout-restart.ts). The not-ok page's
 * expected lines were written from what must be caught, before the rule existed: a plain restart; one
 * behind global flags (`--context`, `-n`); a `--field-manager` with another value (`=` and space
 * forms); a restart after `&&`, inside an `if` and a `for`; one through `sudo k3s kubectl`; a
 * `console` block's; a table cell's inline command. Not findings there: `rollout status`. ok.mdx: the
 * flag at the end, in the middle, in its space form, after `&&`; `rollout status`/`history`; the
 * words `rollout restart` as another command's arguments; a prose mention with no resource.
 * Added with the kube-system exemption, before it was written: K3s's own Deployments there (coredns,
 * traefik, local-path-provisioner, metrics-server) need no flag (ok.mdx's last block and cell), and
 * the not-ok page's last block holds the near misses that still must be caught: a Flux workload in
 * kube-system, no namespace, another namespace, a K3s Deployment beside a Flux one, every Deployment
 * of the namespace, a name that only begins like K3s's, another kind, the `TYPE NAME…` form.
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
				'33:1', // through `sudo k3s kubectl`: the command starts at `sudo`; cert-manager is Flux's, though in kube-system
				'37:3', // a console block's command, after its prompt
				'43:25', // a table cell's inline command
				'48:1', // kube-system, but a workload Flux deploys there (cert-manager)
				'49:1', // coredns without `-n kube-system`: the context's namespace, not K3s's
				'50:1', // a K3s name in another namespace
				'51:1', // one K3s Deployment and one Flux one in the same command
				'52:1', // every Deployment of kube-system, Flux's among them
				'53:1', // a name that only begins like K3s's
				'54:1', // a K3s name, but not a Deployment
				'55:1', // the `TYPE NAME…` form with one name K3s does not manage
			].map((at) => `${F}:${at}  ${rule}  ${message}`),
		);
		expect(result.status).toBe(1);
	});
});
