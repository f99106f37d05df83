/**
 * Flux CLI v2.7 (facts `cli_versions.flux`), from https://fluxcd.io/flux/cmd/ (one page per
 * command): the commands and flags the docs use and their siblings. Global flags are persistent.
 */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const KINDS = ['kustomization,ks', 'helmrelease,hr', 'source', 'image', 'alert', 'alert-provider', 'receiver', 'all'];
const sources = ['git', 'helm', 'oci', 'bucket', 'chart', 'all'];
const getOpts = '-A,--all-namespaces --status-selector= --no-header -w,--watch';
const kinds = (opts: string, extra: string[] = []) => [
	...KINDS.filter((k) => !['source', 'image'].includes(k)).map((k) => sub(k, opts)),
	sub('source', opts, sources.map((s) => sub(s, opts))),
	sub('image', opts, ['repository', 'policy', 'update'].map((s) => sub(s, opts))),
	...extra.map((k) => sub(k, opts)),
];

const spec: Spec = {
	name: 'flux',
	options: options('--context= --kubeconfig= -n,--namespace= --timeout= --verbose --cluster= --kube-api-burst= --kube-api-qps= -h,--help', true),
	subcommands: [
		sub('get', getOpts, [...kinds(getOpts), sub('sources', getOpts, sources.map((s) => sub(s, getOpts))), sub('images', getOpts, ['all', 'repository', 'policy', 'update'].map((s) => sub(s, getOpts))), sub('kustomizations', getOpts), sub('helmreleases', getOpts), sub('alerts', getOpts), sub('alert-providers', getOpts), sub('receivers', getOpts)]),
		sub('reconcile', '', kinds('--with-source --force --reset')),
		sub('suspend', '', kinds('--all')),
		sub('resume', '', kinds('--all --wait')),
		sub('export', '', kinds('--all')),
		sub('delete', '', kinds('-s,--silent')),
		sub('diff', '', [sub('kustomization,ks', '--path= --progress-bar --ignore-paths= --kustomization-file= --recursive --local-sources=')]),
		sub('build', '', [sub('kustomization,ks', '--path= --dry-run --strict-substitute --kustomization-file= --recursive --local-sources=')]),
		sub('tree', '', [sub('kustomization,ks', '--compact -o,--output=')]),
		sub('trace', '--kind= --api-version='),
		sub('events', '--for= -A,--all-namespaces -w,--watch --types='),
		sub('logs', '-A,--all-namespaces --flux-namespace= -f,--follow --kind= --level= --name= --since= --tail='),
		sub('check', '--pre --components= --components-extra= --poll-interval='),
		sub('version', '--client -o,--output='),
		sub('stats', '-A,--all-namespaces'),
		sub('install', '--components= --components-extra= --export --network-policy --version= --watch-all-namespaces --cluster-domain='),
		sub('uninstall', '--dry-run --keep-namespace -s,--silent'),
		sub('bootstrap', '', ['github', 'gitlab', 'git', 'gitea', 'bitbucket-server'].map((p) => sub(p, '--owner= --repository= --branch= --path= --personal --private --read-write-key --token-auth --components-extra= --hostname= --team= --reconcile --url= --username= --password= --private-key-file= --silent -s --version= --network-policy --cluster-domain= --interval= --secret-name='))),
		sub('create', '', [sub('source', '', ['git', 'helm', 'oci', 'bucket'].map((s) => sub(s, '--url= --branch= --tag= --interval= --export --secret-ref='))), sub('kustomization,ks', '--source= --path= --prune --interval= --export --target-namespace= --depends-on= --health-check= --wait'), sub('helmrelease,hr', '--source= --chart= --chart-version= --interval= --export --target-namespace= --values='), sub('secret', '', ['git', 'helm', 'oci', 'tls'].map((s) => sub(s, '--url= --username= --password= --export --private-key-file=')))]),
		sub('completion', '', ['bash', 'zsh', 'fish', 'powershell'].map((s) => sub(s))),
		sub('migrate', '--path= -f,--file= --version='),
	],
};
export default spec;
