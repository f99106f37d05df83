/**
 * K3s v1.34 (facts `cli_versions.k3s`, the release line of `cluster.kubernetes_version`), from
 * https://docs.k3s.io/cli (server, agent, etcd-snapshot, token, secrets-encrypt, certificate).
 */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const etcdS3 = '--etcd-s3 --etcd-s3-endpoint= --etcd-s3-bucket= --etcd-s3-folder= --etcd-s3-region= --etcd-s3-access-key= --etcd-s3-secret-key= --etcd-s3-skip-ssl-verify --etcd-s3-insecure --etcd-s3-config-secret= --s3 --s3-endpoint= --s3-bucket= --s3-folder= --s3-region= --s3-access-key= --s3-secret-key=';
const snapshot = `--name= --dir,--etcd-snapshot-dir= --snapshot-compress,--etcd-snapshot-compress -o,--output= ${etcdS3} --data-dir,-d= --config,-c=`;

const spec: Spec = {
	name: 'k3s',
	options: options('--debug -v= --data-dir,-d= --config,-c= -h,--help --version,-v'),
	subcommands: [
		sub('server', `--cluster-reset --cluster-reset-restore-path= --cluster-init --server,-s= --token,-t= --token-file= --data-dir,-d= --config,-c= --disable= --tls-san= --node-name= --node-ip= --write-kubeconfig-mode= --etcd-snapshot-schedule-cron= --etcd-snapshot-retention= --etcd-disable-snapshots --secrets-encryption ${etcdS3}`),
		sub('agent', '--server,-s= --token,-t= --token-file= --node-name= --node-ip= --data-dir,-d= --config,-c='),
		// The embedded tools: kubectl's own spec; crictl and ctr have none (reported unverified).
		{ name: 'kubectl', loadSpec: 'kubectl' },
		{ name: 'crictl', loadSpec: 'crictl' },
		{ name: 'ctr', loadSpec: 'ctr' },
		sub('check-config'),
		sub('etcd-snapshot', snapshot, ['save', 'list,ls', 'delete,rm', 'prune', 'info'].map((s) => sub(s, `${snapshot} --snapshot-retention=`))),
		sub('token', '', [sub('create', '--ttl= --description= --groups= --usages='), sub('list', '-o,--output='), sub('delete'), sub('generate'), sub('rotate', '--token,-t= --new-token= --server,-s= --data-dir,-d=')]),
		sub('secrets-encrypt', '', ['status', 'enable', 'disable', 'prepare', 'rotate', 'reencrypt', 'rotate-keys'].map((s) => sub(s, '--data-dir,-d= --token,-t= --server,-s= -f,--force --skip'))),
		sub('certificate', '', [sub('check', '-o,--output= --service,-s= --data-dir,-d='), sub('rotate', '--service,-s= --data-dir,-d='), sub('rotate-ca', '--path= --force --data-dir,-d=')]),
		sub('completion', '-i'),
	],
};
export default spec;
