/** age v1.2 and age-keygen (facts `cli_versions.age`), from https://github.com/FiloSottile/age/blob/v1.2.0/doc/age.1.ronn and age-keygen.1.ronn. */
import { options } from './build.ts';
import type { Spec } from './index.ts';

const spec: Spec = { name: 'age', options: options('-e,--encrypt -d,--decrypt -o,--output= -a,--armor -p,--passphrase -r,--recipient= -R,--recipients-file= -i,--identity= -j= --version -h,--help'), args: { name: 'input', isOptional: true } };
export default spec;
export const ageKeygen: Spec = { name: 'age-keygen', options: options('-o,--output= -y --pq --version -h,--help'), args: { name: 'input', isOptional: true } };
