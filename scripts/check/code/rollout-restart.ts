/**
 * `code-rollout-restart-field-manager`: a `kubectl rollout restart` must carry
 * `--field-manager=flux-client-side-apply`. Every workload here is reconciled by Flux, which removes
 * the `restartedAt` annotation written under kubectl's default manager and so restarts the pods a
 * second time, unannounced, at its next reconcile (Flux FAQ, "Why are kubectl edits rolled back by
 * Flux?"). Checked in shell/console blocks (after the shell parser accepted them) and in inline code
 * that is a whole command (a resource after `restart`: a table cell's fix, not a prose mention of the
 * command's name).
 *
 * Exempt: K3s's own Deployments in `kube-system` (`-n kube-system` and every resource one of
 * K3S_MANAGED). Flux never applies them: K3s's deploy controller applies its manifests with wrangler's
 * three-way merge patch (last-applied, desired, live), and helm-controller upgrades Traefik with
 * Helm's, so an annotation neither manifest holds, such as `restartedAt`, is kept
 * (k3s pkg/deploy/controller.go, wrangler pkg/apply/desiredset_compare.go). Flux's manager there would
 * only write a false owner into managedFields. Anything else in kube-system (cert-manager, which Flux
 * deploys there), a selector or every Deployment of the namespace still needs the flag.
 *
 * The subcommand is told the way kubectl reads it: the first two words that are neither flags nor a
 * global flag's value, the global flags that take one read from kubectl's CLI spec (./cli-specs/).
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { lineIndex } from '../../../src/lib/position.ts';
import type { Report } from '../types.ts';
import { commandName } from './cli.ts';
import { loadSpec } from './cli-specs/index.ts';
import { simpleCommands, type Word } from './commands.ts';
import { unwrap } from './danger.ts';
import type { CodeFence } from './fences.ts';
import { PLACEHOLDER } from './placeholders.ts';

const RULE = 'code-rollout-restart-field-manager';
const MANAGER = 'flux-client-side-apply';
/** The Deployments K3s packages and applies itself in kube-system (facts.yaml's kube-system components). */
const K3S_MANAGED = new Set(['coredns', 'traefik', 'local-path-provisioner', 'metrics-server']);
const DEPLOYMENT = new Set(['deployment', 'deployments', 'deploy', 'deployment.apps', 'deployments.apps']);
const MESSAGE = `Unexpected \`kubectl rollout restart\` without \`--field-manager=${MANAGER}\`, expected the flag: Flux removes the restartedAt annotation it does not own and restarts the pods again (fluxcd.io/flux/faq)`;

/** kubectl's global flags that take a value (`-n x`, `--context x`), from its spec with the project's overlay. */
let valueFlags: Promise<Set<string>> | undefined;
const globalValueFlags = () =>
	(valueFlags ??= loadSpec('kubectl').then((spec) => {
		const out = new Set<string>();
		for (const o of spec?.options ?? []) if (o.args !== undefined) for (const n of Array.isArray(o.name) ? o.name : [o.name]) out.add(n);
		return out;
	}));

/** Whether a command's words are a `kubectl rollout restart` lacking the manager; `needsResource`: only with a resource named. */
async function lacksManager(command: Word[], needsResource: boolean): Promise<boolean> {
	let words = unwrap(command);
	if (words[0] && commandName(words[0]) === 'k3s' && words[1]?.value === 'kubectl') words = words.slice(1);
	if (!words[0] || commandName(words[0]) !== 'kubectl' || !words.some((w) => w.value === 'restart')) return false;
	const takesValue = await globalValueFlags();
	const positional: string[] = [];
	let namespace: string | undefined;
	let picksMany = false;
	for (let i = 1; i < words.length; i++) {
		const v = words[i]!.value;
		if (v === '--') break;
		if (v === '-n' || v === '--namespace') namespace = words[++i]?.value;
		else if (v.startsWith('--namespace=')) namespace = v.slice('--namespace='.length);
		else if (!v.startsWith('-') || v === '-') positional.push(v);
		else if (!v.includes("=") && takesValue.has(v)) i++;
		else if (v === '-l' || v === '--selector') {
			picksMany = true;
			i++;
		} else if (v === '--field-manager') i++;
		else if (v.startsWith('--selector=') || v === '--all' || v === '-A' || v === '--all-namespaces') picksMany = true;
	}
	if (positional[0] !== 'rollout' || positional[1] !== 'restart' || (needsResource && positional.length < 3)) return false;
	if (namespace === 'kube-system' && !picksMany && k3sManaged(positional.slice(2))) return false;
	const values = words.map((w) => w.value);
	return !values.some((v, i) => v === `--field-manager=${MANAGER}` || (v === '--field-manager' && values[i + 1] === MANAGER));
}

/** Whether a restart's resources (`deployment/coredns …` or `deployment coredns …`) are all K3s's own Deployments. */
function k3sManaged(resources: string[]): boolean {
	if (resources.length === 0) return false;
	const [first, ...names] = resources;
	if (!first!.includes('/')) return DEPLOYMENT.has(first!) && names.length > 0 && names.every((n) => K3S_MANAGED.has(n));
	return resources.every((r) => {
		const [kind, name, ...rest] = r.split('/');
		return rest.length === 0 && DEPLOYMENT.has(kind!) && K3S_MANAGED.has(name!);
	});
}

/** The shell and console blocks the shell parser accepted. */
export async function checkRolloutRestart(blocks: { fence: CodeFence; text: string }[], report: Report): Promise<void> {
	for (const { fence, text } of blocks) {
		if (!text.includes('restart')) continue;
		for (const command of simpleCommands(text)) {
			const first = command.words[0];
			if (first && (await lacksManager(command.words, false))) report(RULE, 'error', fence.at(first.line, first.column), MESSAGE);
		}
	}
}

/** Inline code that is a whole restart command (`kubectl -n x rollout restart deployment/y`). */
export async function checkInlineRolloutRestart(root: Root, source: string, report: Report): Promise<void> {
	const found: { offset: number; words: Word[] }[] = [];
	visit(root, 'inlineCode', (node) => {
		const offset = node.position?.start.offset;
		if (offset === undefined || !/\brollout\s+restart\b/.test(node.value)) return;
		// The value starts after the opening backticks (and the one space CommonMark strips beside them).
		let start = offset + (/^`+/.exec(source.slice(offset))?.[0].length ?? 1);
		if (/^[ \n]/.test(source.slice(start)) && !/^ /.test(node.value)) start++;
		// A placeholder (`deployment/<NAME>`) is one word, not a redirection: same-length stand-in, columns kept.
		const text = node.value.replace(PLACEHOLDER, (p) => `_${p.slice(1, -1)}_`);
		try {
			for (const command of simpleCommands(text)) found.push({ offset: start, words: command.words });
		} catch {
			// Not shell at all: nothing to check.
		}
	});
	const at = lineIndex(source);
	for (const { offset, words } of found) {
		// Inline code is one line of text for mdast (a line ending reads as a space), so the column is the offset.
		if (await lacksManager(words, true)) report(RULE, 'error', at(offset + words[0]!.column - 1), MESSAGE);
	}
}
