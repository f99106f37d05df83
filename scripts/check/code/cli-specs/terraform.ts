/**
 * Terraform v1.13 (facts `cli_versions.terraform`, the `required_version = "~> 1.13"` of the
 * Terraform reference page), from hashicorp/terraform v1.13.5: commands.go (the command tree),
 * main.go (`-chdir` before the command, `-v`/`-version`), and each command's flag set in
 * internal/command/*.go and internal/command/arguments/*.go (`extendedFlagSet`'s state, operation
 * and variable groups). The published Fig spec is far older: `state` has no subcommands there and
 * every command offers `-chdir`, which Terraform only takes before the command.
 *
 * Two kinds of flag, because Terraform reads them two ways:
 * - flags of Go's flag package, which takes `-flag` and `--flag` alike (both spellings known);
 * - `-no-color` (every command) and `-compact-warnings` (the view commands), which
 *   arguments.ParseView and Meta.process remove from the arguments before the flag set parses them,
 *   comparing the exact string: `--no-color` is not removed and fails as an undefined flag.
 */
import { goSpellings, options, sub } from './build.ts';
import type { Option, Spec, Subcommand } from './index.ts';

/** Go's flag package: `-flag` and `--flag` are one flag. */
const go = (list: string): Option[] => options(list).map(goSpellings);

/** Removed by exact match before parsing (ParseView / Meta.process): the single-dash spelling only. */
const NO_COLOR = options('-no-color');
const VIEW = options('-no-color -compact-warnings');

// arguments/extended.go extendedFlagSet: the groups plan, apply and refresh share.
const STATE = '-lock -lock-timeout= -state= -state-out= -backup=';
const OPERATION = '-parallelism= -allow-deferral -refresh -destroy -refresh-only -target= -replace=';
const VARS = '-var= -var-file=';
// meta.go Meta.extendedFlagSet (import, console, login, workspace show).
const META_EXTENDED = '-input -target= -var= -var-file=';

/** A command: Go flags, the stripped view flags, and its arguments (variadic unless it has subcommands). */
const command = (name: string, flags: string, view: Option[], subcommands?: Subcommand[]): Subcommand => {
	const s = sub(name, '', subcommands);
	s.options = [...go(flags), ...view];
	return s;
};

const state = command('state', '', NO_COLOR, [
	command('list', '-state= -id=', NO_COLOR),
	command('show', '-state=', NO_COLOR),
	command('identities', '-state= -json', NO_COLOR),
	command('rm', '-dry-run -backup= -lock -lock-timeout= -state= -ignore-remote-version', NO_COLOR),
	command('mv', '-dry-run -backup= -backup-out= -lock -lock-timeout= -state= -state-out= -ignore-remote-version', NO_COLOR),
	command('pull', '', NO_COLOR),
	command('push', '-force -lock -lock-timeout= -ignore-remote-version', NO_COLOR),
	command('replace-provider', '-auto-approve -backup= -lock -lock-timeout= -state= -ignore-remote-version', NO_COLOR),
]);

const workspace = (name: string) =>
	command(name, '', NO_COLOR, [
		command('list', '', NO_COLOR),
		command('select', '-or-create', NO_COLOR),
		command('new', '-lock -lock-timeout= -state=', NO_COLOR),
		command('show', META_EXTENDED, VIEW),
		command('delete', '-force -lock -lock-timeout=', NO_COLOR),
	]);

const spec: Spec = {
	name: 'terraform',
	// `-no-color` is one flag, never a cluster of `-n -o …`.
	parserDirectives: { flagsArePosixNoncompliant: true },
	// main.go: `-chdir=DIR` only before the command; `-v`, `-version`, `--version` anywhere (version).
	// mitchellh/cli answers `-h`, `-help`, `--help` on every command.
	options: [...options('-chdir= -v -version --version'), ...options('-h -help --help', true)],
	subcommands: [
		command('init', `-target= -input -compact-warnings -backend -cloud -from-module= -get -force-copy -lock -lock-timeout= -reconfigure -migrate-state -upgrade -lockfile= -ignore-remote-version -test-directory= -json -backend-config= -plugin-dir= ${VARS}`, VIEW),
		command('validate', '-json -test-directory= -no-tests', VIEW),
		command('plan', `${STATE} ${OPERATION} ${VARS} -detailed-exitcode -input -out= -generate-config-out= -json`, VIEW),
		command('apply', `${STATE} ${OPERATION} ${VARS} -auto-approve -input -json`, VIEW),
		// ParseApplyDestroy is ParseApply with the destroy mode.
		command('destroy', `${STATE} ${OPERATION} ${VARS} -auto-approve -input -json`, VIEW),
		command('refresh', `${STATE} ${OPERATION} ${VARS} -input -json`, VIEW),
		command('show', '-json', VIEW),
		command('output', '-json -raw -state=', VIEW),
		command('import', `${META_EXTENDED} -ignore-remote-version -parallelism= -state= -state-out= -backup= -config= -lock -lock-timeout=`, VIEW),
		command('fmt', '-list -write -diff -check -recursive', NO_COLOR),
		command('force-unlock', '-force', NO_COLOR),
		command('taint', '-allow-missing -backup= -lock -lock-timeout= -state= -state-out= -ignore-remote-version', NO_COLOR),
		command('untaint', '-allow-missing -backup= -lock -lock-timeout= -state= -state-out= -ignore-remote-version', NO_COLOR),
		command('providers', '-test-directory=', NO_COLOR, [
			command('lock', '-platform= -fs-mirror= -net-mirror=', NO_COLOR),
			command('mirror', '-platform= -lock-file', NO_COLOR),
			command('schema', '-json', NO_COLOR),
		]),
		command('get', '-update -test-directory=', NO_COLOR),
		command('graph', '-draw-cycles -type= -module-depth= -verbose -plan=', NO_COLOR),
		command('console', `${META_EXTENDED} -state= -plan`, VIEW),
		command('login', META_EXTENDED, VIEW),
		command('logout', '', NO_COLOR),
		command('version', '-json', NO_COLOR),
		command('test', `-filter= -test-directory= -json -junit-xml= -verbose -parallelism= -run-parallelism= -cloud-run= ${VARS}`, VIEW),
		command('modules', '-json', VIEW),
		command('metadata', '', NO_COLOR, [command('functions', '-json', NO_COLOR)]),
		state,
		workspace('workspace'),
		// `env` is workspace's deprecated name (commands.go).
		workspace('env'),
	],
};

export default spec;
