/** logcli 2.9 (Loki's CLI, facts `cli_versions.logcli`, the Loki image's version), from https://grafana.com/docs/loki/v2.9.x/tools/logcli/. */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const q = '--since= --from= --to= --limit= --forward --no-labels -q,--quiet -o,--output= --tail,-t --batch= --parallel-duration= --parallel-max-workers= --exclude-label= --include-label= --step= --stats';
const spec: Spec = {
	name: 'logcli',
	options: options('--addr= --username= --password= --org-id= --tls-skip-verify --bearer-token= --bearer-token-file= --ca-cert= --cert= --key= -h,--help --version', true),
	subcommands: [sub('query', q), sub('instant-query', '--limit= --now= -o,--output= -q,--quiet'), sub('labels', '--since= --from= --to= -q,--quiet'), sub('series', '--since= --from= --to= --analyze-labels'), sub('stats', '--since= --from= --to='), sub('volume', '--since= --from= --to= --limit=')],
};
export default spec;
