/** etcdctl v3.6 (the etcd K3s v1.34 embeds, facts `cli_versions.etcdctl`), from https://etcd.io/docs/v3.6/dev-guide/interacting_v3/ and `etcdctl --help`. */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const spec: Spec = {
	name: 'etcdctl',
	options: options('--endpoints= --cacert= --cert= --key= --user= --password= -w,--write-out= --command-timeout= --dial-timeout= --insecure-skip-tls-verify --insecure-transport --hex --debug --cluster', true),
	subcommands: [
		sub('endpoint', '', ['status', 'health', 'hashkv'].map((s) => sub(s))), sub('member', '', ['list', 'add', 'remove', 'update', 'promote'].map((s) => sub(s, '--peer-urls= --learner'))),
		sub('alarm', '', [sub('list'), sub('disarm')]), sub('snapshot', '', [sub('save'), sub('status'), sub('restore', '--data-dir= --name= --initial-cluster= --initial-advertise-peer-urls=')]),
		sub('defrag'), sub('compaction', '--physical'), sub('get', '--prefix --keys-only --limit= --rev='), sub('put'), sub('del', '--prefix'), sub('version'), sub('check', '', [sub('perf'), sub('datascale')]), sub('move-leader'),
	],
};
export default spec;
