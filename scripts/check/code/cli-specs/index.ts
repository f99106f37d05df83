/**
 * Where a CLI's command tree comes from, loaded only for the CLIs a page uses:
 * 1. `@withfig/autocomplete`'s published spec (`build/<name>.js`, an ES module whose default export
 *    is a Fig.Spec), with the project's patches from ./overlays.ts (each citing the tool's own
 *    reference and version) for what the published spec gets wrong or lacks;
 * 2. else one of this folder's own specs, same format, one file per CLI the Fig set lacks, each
 *    citing its source and the version the docs target (src/data/facts.yaml `cli_versions`);
 * 3. else none: the command is reported as unverified (./../cli.ts).
 */
import { OVERLAYS } from './overlays.ts';

export interface Option {
	name: string | string[];
	args?: unknown;
	isPersistent?: boolean;
	description?: string;
}
export interface Subcommand {
	name: string | string[];
	subcommands?: Subcommand[];
	options?: Option[];
	args?: unknown;
	parserDirectives?: { flagsArePosixNoncompliant?: boolean; optionsMustPrecedeArguments?: boolean };
	loadSpec?: unknown;
	description?: string;
}
export type Spec = Subcommand;

/** The project's own specs (CLIs without a published Fig spec): name → module. */
const OWN: Record<string, () => Promise<{ default: Spec }>> = {
	flux: () => import('./flux.ts'),
	k3s: () => import('./k3s.ts'),
	'wal-g': () => import('./wal-g.ts'),
	logcli: () => import('./logcli.ts'),
	restic: () => import('./restic.ts'),
	age: () => import('./age.ts'),
	'age-keygen': () => import('./age.ts').then((m) => ({ default: m.ageKeygen })),
	sops: () => import('./sops.ts'),
	kustomize: () => import('./kustomize.ts'),
	cmctl: () => import('./cmctl.ts'),
	etcdctl: () => import('./etcdctl.ts'),
	terraform: () => import('./terraform.ts'),
	ufw: () => import('./ufw.ts'),
	'kafka-topics.sh': () => import('./kafka.ts').then((m) => ({ default: m.topics })),
	'kafka-consumer-groups.sh': () => import('./kafka.ts').then((m) => ({ default: m.consumerGroups })),
	'kafka-console-consumer.sh': () => import('./kafka.ts').then((m) => ({ default: m.consoleConsumer })),
	'kafka-console-producer.sh': () => import('./kafka.ts').then((m) => ({ default: m.consoleProducer })),
	'kafka-metadata-quorum.sh': () => import('./kafka.ts').then((m) => ({ default: m.metadataQuorum })),
	'kafka-configs.sh': () => import('./kafka.ts').then((m) => ({ default: m.configs })),
	'kafka-leader-election.sh': () => import('./kafka.ts').then((m) => ({ default: m.leaderElection })),
	'kafka-reassign-partitions.sh': () => import('./kafka.ts').then((m) => ({ default: m.reassignPartitions })),
};

/**
 * Bash builtins and keywords: checked by the shell parser and shellcheck, not by a CLI spec, so
 * neither verified here nor "unverified".
 */
export const SHELL_BUILTINS = new Set([
	'.', ':', '[', 'alias', 'bg', 'break', 'builtin', 'cd', 'command', 'continue', 'declare', 'echo', 'eval', 'exec', 'exit', 'export', 'false', 'fg', 'getopts', 'hash', 'jobs', 'let', 'local', 'printf', 'pushd', 'popd', 'pwd', 'read', 'readonly', 'return', 'set', 'shift', 'shopt', 'source', 'test', 'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);

let figRoot: URL | undefined;
const cache = new Map<string, Promise<Spec | null>>();

/** Fig's build folder (the package's `exports` hide subpaths, so its files are imported by URL). */
function fig(file: string): URL {
	figRoot ??= new URL('./', import.meta.resolve('@withfig/autocomplete'));
	return new URL(file, figRoot);
}

async function load(name: string): Promise<Spec | null> {
	let spec: Spec | null = null;
	if (OWN[name]) spec = (await OWN[name]().catch(() => ({ default: null as unknown as Spec }))).default;
	else if (/^[a-z0-9][a-z0-9_.+-]*(\/[a-z0-9_.+-]+)*$/i.test(name)) {
		try {
			spec = ((await import(fig(`${name}.js`).href)) as { default: Spec }).default;
		} catch {
			spec = null;
		}
	}
	if (!spec) return null;
	const overlay = OVERLAYS[name];
	// Patched in place, once: the module object is this process's alone and the result is cached.
	return overlay ? overlay(spec) : spec;
}

/** The command tree of `name` (a CLI, or a Fig `loadSpec` path such as `aws/s3`), or null when none. */
export function loadSpec(name: string): Promise<Spec | null> {
	let spec = cache.get(name);
	if (!spec) cache.set(name, (spec = load(name)));
	return spec;
}
