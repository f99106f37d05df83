/**
 * Patches to published Fig specs, one entry per CLI, each citing the tool's own reference and the
 * version the docs target: what the published spec lacks or spells differently. Never a skip: a
 * patch adds the real flag or subcommand, so a misspelling of it is still caught.
 */
import type { Option, Spec, Subcommand } from './index.ts';

type Patch = (spec: Spec) => Spec;

const named = (x: { name: string | string[] }, n: string) => (Array.isArray(x.name) ? x.name.includes(n) : x.name === n);
const names = (x: { name: string | string[] }) => (Array.isArray(x.name) ? x.name : [x.name]);

/** The subcommand at a path (`['rollout', 'undo']`); throws when the published spec moved it, so a patch never silently stops applying. */
export function at(spec: Spec, path: string[]): Subcommand {
	let node: Subcommand = spec;
	for (const part of path) {
		const next = node.subcommands?.find((s) => named(s, part));
		if (!next) throw new Error(`overlay: no subcommand \`${path.join(' ')}\` in the published spec`);
		node = next;
	}
	return node;
}

/** Adds options to a subcommand (or the root, path []); a subcommand the published spec lacks is added (taking arguments). */
export function addOptions(spec: Spec, path: string[], options: Option[]): void {
	let node: Subcommand = spec;
	for (const part of path) {
		let next = node.subcommands?.find((s) => named(s, part));
		if (!next) node.subcommands = [...(node.subcommands ?? []), (next = { name: part, options: [], args: { name: 'argument', isVariadic: true, isOptional: true } })];
		node = next;
	}
	node.options = [...(node.options ?? []), ...options];
}

export function addSubcommands(spec: Spec, path: string[], subcommands: Subcommand[]): void {
	const node = at(spec, path);
	node.subcommands = [...(node.subcommands ?? []), ...subcommands];
}

const value = (name: string) => ({ name });
import { goSpellings, options, sub } from './build.ts';

/** Every option of every subcommand, recursively (for patches that apply tree-wide). */
function each(node: Subcommand, visit: (node: Subcommand) => void): void {
	visit(node);
	for (const s of node.subcommands ?? []) each(s, visit);
}

/** Go's flag package accepts `-flag` and `--flag` alike (Vault; ./terraform.ts for Terraform): both spellings known. */
function goFlags(spec: Spec): void {
	each(spec, (node) => {
		if (node.options) node.options = node.options.map(goSpellings);
	});
}

/** GNU coreutils 9.x flags (https://www.gnu.org/software/coreutils/manual/): Fig's specs are BSD/macOS's. */
const gnu = (list: string): Patch => (spec) => {
	spec.options = [...(spec.options ?? []), ...options(list)];
	delete spec.parserDirectives;
	return spec;
};

export const OVERLAYS: Record<string, Patch> = {
	/**
	 * kubectl v1.34 (https://kubernetes.io/docs/reference/kubectl/generated/): the published spec
	 * spells `rollout undo --to-revision` as `--to_revision`.
	 */
	kubectl(spec) {
		addOptions(spec, ['rollout', 'undo'], [{ name: '--to-revision', args: value('revision') }]);
		// kubectl_patch and kubectl_rollout_restart v1.34 take `--field-manager` (defaults kubectl-patch,
		// kubectl-rollout); the published spec lacks it. Runbooks pass flux-client-side-apply, the manager Flux keeps.
		addOptions(spec, ['patch'], options('--field-manager='));
		addOptions(spec, ['rollout', 'restart'], options('--field-manager='));
		// kubectl options (https://kubernetes.io/docs/reference/kubectl/kubectl/): global flags, on every command.
		spec.options = [...(spec.options ?? []).filter((o) => !(Array.isArray(o.name) && o.name.includes('--namespace'))), ...options('-n,--namespace= --context= --kubeconfig= --cluster= --user= --request-timeout= -s,--server= --as= --as-group= --insecure-skip-tls-verify --token= -v= --cache-dir= --certificate-authority= --client-certificate= --client-key= --tls-server-name= --match-server-version --disable-compression', true)];
		// Subcommands added after the spec was generated: events (1.26), debug (1.20), auth whoami (1.28).
		addSubcommands(spec, [], [sub('events', '-A,--all-namespaces --for= --types= -w,--watch -o,--output= --no-headers --chunk-size='), sub('debug', '-it -i,--stdin -t,--tty --image= --target= --profile= -c,--container= --copy-to= --share-processes --attach --quiet --env= --custom=')]);
		at(spec, ['debug']).args = [{ name: 'target' }, { name: 'command', isCommand: true }];
		addSubcommands(spec, ['auth'], [sub('whoami', '-o,--output=')]);
		// kubectl drain v1.34: --delete-emptydir-data replaced --delete-local-data (1.20).
		addOptions(spec, ['drain'], options('--delete-emptydir-data --disable-eviction --pod-selector= --skip-wait-for-delete-timeout='));
		addOptions(spec, ['top'], options('--sort-by= --containers --no-headers --sum'));
		// kubectl top pod and top node (staging/src/k8s.io/kubectl/pkg/cmd/top/top_pod.go, top_node.go):
		// the published spec has neither's selectors nor pod's -A, which a cluster-wide look needs.
		addOptions(spec, ['top', 'pod'], options('--sort-by= --containers --sum -A,--all-namespaces -l,--selector= --field-selector= --no-headers --use-protocol-buffers'));
		addOptions(spec, ['top', 'node'], options('--sort-by= --show-capacity -l,--selector= --no-headers --use-protocol-buffers'));
		// `kubectl top pods` / `top nodes`: the plural aliases kubectl accepts.
		at(spec, ['top', 'pod']).name = ['pod', 'pods', 'po'];
		at(spec, ['top', 'node']).name = ['node', 'nodes', 'no'];
		addOptions(spec, ['create', 'secret', 'generic'], options('--namespace='));
		return spec;
	},
	/** Vault 1.21 (https://developer.hashicorp.com/vault/docs/commands): Go flags, `-field` and `-format` on every read, and commands the spec lacks. */
	vault(spec) {
		addSubcommands(spec, [], [sub('version'), sub('auth', '', [sub('list', '-detailed -format='), sub('enable', '-path= -description='), sub('disable'), sub('tune')])]);
		addOptions(spec, ['kv', 'get'], options('-field= -format= -version= -mount='));
		addOptions(spec, ['kv', 'rollback'], options('-version= -mount='));
		addOptions(spec, ['audit', 'enable'], options('-path= -description= -local'));
		addSubcommands(spec, ['operator', 'raft', 'snapshot'], [sub('inspect', '-details -depth= -filter= -format=')]);
		for (const o of at(spec, ['audit', 'list']).options ?? []) if ((Array.isArray(o.name) ? o.name : [o.name]).includes('-detailed')) o.args = { name: 'bool', isOptional: true };
		goFlags(spec);
		return spec;
	},
	/** AWS CLI v2 global options (https://docs.aws.amazon.com/cli/latest/reference/#options), valid on every command. */
	aws(spec) {
		spec.options = [...(spec.options ?? []), ...options('--endpoint-url= --region= --output= --query= --debug --no-verify-ssl --no-paginate --no-cli-pager --color= --ca-bundle= --cli-read-timeout= --cli-connect-timeout= --no-sign-request --version', true)];
		return spec;
	},
	/** systemd 257 systemctl(1) (https://www.freedesktop.org/software/systemd/man/latest/systemctl.html): options go with any command. */
	systemctl(spec) {
		// `is-enabled UNIT…` (systemctl(1), Unit File Commands) is missing from the published spec.
		addSubcommands(spec, [], [sub('is-enabled')]);
		for (const o of spec.options ?? []) o.isPersistent = true;
		spec.options = [...(spec.options ?? []), ...options('--no-pager --no-legend --plain -n,--lines= -o,--output=', true)];
		return spec;
	},
	/** Git 2.47 (https://git-scm.com/docs): `git log`'s and `git show`'s pretty/date/pickaxe options, revert's, rev-parse's, and the global `-C`, `--no-pager`. */
	git(spec) {
		spec.options = [...(spec.options ?? []), ...options('-C= --no-pager -c= --git-dir= --work-tree=', true)];
		addOptions(spec, ['log'], options('--format= --pretty= --since= --until= --date= -S= -G= --oneline --stat --grep= --author= -n= --max-count= --first-parent --no-merges --merges'));
		addOptions(spec, ['show'], options('--stat --format= --pretty= --name-only --name-status --oneline'));
		addOptions(spec, ['revert'], options('--no-edit -m,--mainline= --no-commit -n'));
		addOptions(spec, ['describe'], options('--tags --abbrev= --always --exact-match'));
		addOptions(spec, ['rev-list'], options('-n= --parents --count --max-count='));
		addOptions(spec, ['merge-base'], options('--is-ancestor'));
		// git-rev-parse(1): missing from the published spec, so `git rev-parse --show-toplevel` read as flags of `git`.
		addOptions(spec, ['rev-parse'], options('--show-toplevel --abbrev-ref --symbolic-full-name --verify -q,--quiet --short --git-dir --is-inside-work-tree --show-prefix'));
		return spec;
	},
	/** dig 9.18 (BIND, https://bind9.readthedocs.io/en/v9.18.0/manpages.html#dig-dns-lookup-utility): `+short` and names are arguments. */
	dig(spec) {
		spec.args = { name: 'query', isVariadic: true, isOptional: true };
		delete spec.subcommands;
		return spec;
	},
	/** Docker 28 (https://docs.docker.com/reference/cli/docker/container/run/): options precede the image; what follows it is the container's command line. */
	docker(spec) {
		for (const name of ['run', 'create', 'exec']) at(spec, [name]).parserDirectives = { ...at(spec, [name]).parserDirectives, optionsMustPrecedeArguments: true } as Subcommand['parserDirectives'];
		return spec;
	},
	/** Docker Compose v2 (https://docs.docker.com/reference/cli/docker/compose/exec/): the same for `exec` and `run`. */
	'docker-compose'(spec) {
		for (const name of ['run', 'exec']) at(spec, [name]).parserDirectives = { ...at(spec, [name]).parserDirectives, optionsMustPrecedeArguments: true } as Subcommand['parserDirectives'];
		// `up --wait-timeout` (Compose v2.17, https://docs.docker.com/reference/cli/docker/compose/up/).
		addOptions(spec, ['up'], options('--wait-timeout='));
		return spec;
	},
	/** sudo 1.9 (https://www.sudo.ws/docs/man/sudo.man/). */
	sudo: gnu('-i,--login -E,--preserve-env -s,--shell -n,--non-interactive -k -v -l -H'),
	/** GNU tar 1.35 (https://www.gnu.org/software/tar/manual/): POSIX clusters (`-xzf`) and the short forms. */
	tar(spec) {
		delete spec.parserDirectives;
		// Fig models tar's modes as subcommands; GNU tar takes them as flags and the rest as files.
		delete spec.subcommands;
		spec.args = { name: 'file', isVariadic: true, isOptional: true };
		spec.options = [...(spec.options ?? []), ...options('-x,--extract -c,--create -t,--list -z,--gzip -j -J -v,--verbose -f,--file= -C= -p --strip-components= --exclude= -O --to-stdout')];
		return spec;
	},
	/** procps-ng 4 sysctl(8) (https://man7.org/linux/man-pages/man8/sysctl.8.html): Linux's, not BSD's. */
	sysctl: gnu('--system -p,--load= -w,--write -n,--values -e,--ignore -q,--quiet -a,--all'),
	cp: gnu('-p -r --preserve= -u --update --backup -b -T -t= --no-preserve='),
	stat: gnu('-c,--format= --printf= -L'),
	tail: gnu('-n,--lines= -c,--bytes= -F --follow= --retry -q -s='),
	du: gnu('-h -s --max-depth= -d= --apparent-size -x'),
	shred: gnu('-u --remove= -n= -z -v -f'),
	/**
	 * Trivy v0.65–v0.74 (aquasecurity/trivy, identical in both tags): the published spec is an old
	 * Trivy's, with each command's flags filed as its subcommands, so none of them was ever matched
	 * and `trivy config DIR` read DIR as an unknown subcommand. Those entries are dropped, not turned
	 * into options: several were removed upstream since (`--light`, `--security-checks`).
	 * - global flags (pkg/flag/global_flags.go, all `Persistent`);
	 * - the report flag group (pkg/flag/report_flags.go `NewReportFlagGroup`, `--ignorefile` among
	 *   them) on each command pkg/commands/app.go gives it, minus the flags that command sets to nil;
	 * - `image`'s `--scanners` (scan_flags.go) and `--ignore-unfixed` (vulnerability_flags.go).
	 */
	trivy(spec) {
		each(spec, (node) => {
			if (node.subcommands) node.subcommands = node.subcommands.filter((s) => !names(s).some((n) => n.startsWith('-')));
			if (!node.subcommands?.length) delete node.subcommands;
		});
		spec.options = [...(spec.options ?? []).filter((o) => !names(o).some((n) => ['--quiet', '--debug', '--cache-dir', '--version'].includes(n))), ...options('-c,--config= -v,--version -q,--quiet -d,--debug --insecure --timeout= --cache-dir= --generate-default-config --trace-http', true)];
		const report = ['-f,--format=', '--report=', '-t,--template=', '--dependency-tree', '--list-all-pkgs', '--ignorefile=', '--ignore-policy=', '--exit-code=', '--exit-on-eol=', '--output,-o=', '--output-plugin-arg=', '-s,--severity=', '--compliance=', '--show-suppressed', '--table-mode='];
		const without = (...drop: string[]) => options(report.filter((f) => !drop.some((d) => f.split(',').map((n) => n.replace(/=$/, '')).includes(d))).join(' '));
		// `Use:` of each command in app.go: the target is the one argument.
		const target = (name: string) => ({ name, isOptional: true });
		const groups: [string[], string, Option[]][] = [
			[['image', 'i'], 'IMAGE_NAME', [...without(), ...options('--scanners= --ignore-unfixed')]],
			[['filesystem', 'fs'], 'PATH', without('--exit-on-eol')],
			[['rootfs'], 'ROOTDIR', without('--report', '--compliance')],
			[['repository', 'repo'], 'REPO_PATH | REPO_URL', without('--report', '--compliance', '--exit-on-eol')],
			[['config', 'conf'], 'DIR', without('--dependency-tree', '--list-all-pkgs', '--exit-on-eol', '--show-suppressed')],
			[['sbom'], 'SBOM_PATH', without('--dependency-tree', '--report')],
			[['kubernetes', 'k8s'], 'CONTEXT', without('--exit-on-eol', '--table-mode')],
			[['vm'], 'VM_IMAGE', without('--report')],
			[['convert'], 'RESULT_JSON', without()],
		];
		for (const [[name, ...aliases], arg, opts] of groups) {
			let node = spec.subcommands?.find((s) => named(s, name!));
			if (!node) spec.subcommands = [...(spec.subcommands ?? []), (node = { name })];
			node.name = [name!, ...aliases];
			node.options = opts;
			node.args = target(arg);
		}
		return spec;
	},
	/**
	 * gh 2.x (https://cli.github.com/manual/): flags missing from `pr view`, `run list` (`-c,--commit SHA`, `--created`,
 * `-u,--user`, `-a,--all`: `gh run list --help`) and `pr checks`.
	 * The three take cmdutil.AddJSONFlags (cli/cli pkg/cmdutil/json_flags.go: `--json`, `-q,--jq`,
	 * `-t,--template`); `pr checks` also --watch, --fail-fast, -i,--interval, --required
	 * (pkg/cmd/pr/checks/checks.go).
	 */
	gh(spec) {
		const json = () => [{ name: '--json', args: value('fields') }, { name: ['-q', '--jq'], args: value('expression') }, { name: ['-t', '--template'], args: value('string') }];
		addOptions(spec, ['pr', 'view'], json());
		addOptions(spec, ['run', 'list'], [...options('-b,--branch= -c,--commit= -w,--workflow= -L,--limit= -s,--status= -e,--event= -a,--all --created= -u,--user='), ...json()]);
		addOptions(spec, ['pr', 'checks'], [...options('--watch --required --fail-fast -i,--interval='), ...json()]);
		return spec;
	},
};
