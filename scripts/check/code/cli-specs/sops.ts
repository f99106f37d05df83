/** SOPS v3.10 (facts `cli_versions.sops`), from https://getsops.io/docs/ and `sops --help` of v3.10. */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const file = '-e,--encrypt -d,--decrypt -i,--in-place --extract= --output= --input-type= --output-type= --age= --pgp= --kms= --encrypted-regex= --unencrypted-regex= --encrypted-suffix= --unencrypted-suffix= --config= --set= --filename-override= --ignore-mac -r,--rotate --add-age= --rm-age= --verbose';
const spec: Spec = {
	name: 'sops',
	options: options(`${file} -h,--help -v,--version`),
	args: { name: 'file', isOptional: true },
	subcommands: [sub('updatekeys', '-y,--yes --input-type= --shamir-secret-sharing-threshold='), sub('decrypt', file), sub('encrypt', file), sub('edit', file), sub('exec-env'), sub('exec-file'), sub('publish'), sub('keyservice'), sub('filestatus'), sub('groups'), sub('rotate', file), sub('set', file), sub('unset', file)],
};
export default spec;
