/** cmctl v2.3 (cert-manager's CLI, facts `cli_versions.cmctl`), from https://cert-manager.io/docs/reference/cmctl/. */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const spec: Spec = {
	name: 'cmctl',
	options: options('--context= --kubeconfig= -n,--namespace= --cluster= --user= --request-timeout= -h,--help', true),
	subcommands: [sub('renew', '-A,--all-namespaces --all -l,--selector='), sub('status', '', [sub('certificate')]), sub('check', '', [sub('api', '--wait= --interval=')]), sub('inspect', '', [sub('secret')]), sub('approve', '--reason= --message='), sub('deny', '--reason= --message='), sub('create', '', [sub('certificaterequest,cr', '--from-certificate-file= --fetch-certificate --timeout=')]), sub('convert', '-f,--filename= --output-version= -o,--output='), sub('version', '--client -o,--output='), sub('x', '', [sub('install'), sub('uninstall')])],
};
export default spec;
