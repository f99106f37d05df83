/** kustomize v5.7 (facts `cli_versions.kustomize`), from https://kubectl.docs.kubernetes.io/references/kustomize/cmd/. */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const spec: Spec = {
	name: 'kustomize',
	options: options('-h,--help --stack-trace', true),
	subcommands: [
		sub('build', '-o,--output= --enable-helm --load-restrictor= --enable-alpha-plugins --reorder= --helm-command= --env,-e= --mount= --network'),
		sub('edit', '', [sub('set', '', ['image', 'namespace', 'nameprefix', 'namesuffix', 'replicas', 'label', 'annotation', 'buildmetadata'].map((s) => sub(s))), sub('add', '', ['resource', 'patch', 'component', 'configmap', 'secret', 'label', 'annotation', 'base', 'generator', 'transformer'].map((s) => sub(s, '--path= --kind= --name= --from-literal= --from-file='))), sub('remove', '', ['resource', 'patch', 'label', 'annotation'].map((s) => sub(s, '--path= --kind= --name= --group= --version='))), sub('fix', '--vars')]),
		sub('create', '--autodetect --resources= --namespace= --nameprefix= --namesuffix= --labels= --annotations='),
		sub('cfg', '', ['cat', 'count', 'grep', 'tree'].map((s) => sub(s))),
		sub('localize', '--scope= --no-verify'), sub('version', '--short'), sub('completion'),
	],
};
export default spec;
