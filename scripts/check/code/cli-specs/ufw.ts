/** ufw 0.36 (Debian/Ubuntu, facts `cli_versions.ufw`), from ufw(8): https://manpages.debian.org/bookworm/ufw/ufw.8.en.html. */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const rule = '';
const spec: Spec = {
	name: 'ufw',
	options: options('--dry-run --force -h,--help --version', true),
	subcommands: [sub('enable'), sub('disable'), sub('reload'), sub('reset'), sub('status', '', [sub('verbose'), sub('numbered')], true), sub('allow', rule), sub('deny', rule), sub('reject', rule), sub('limit', rule), sub('delete', rule), sub('insert', rule), sub('prepend', rule), sub('route', rule), sub('default', rule), sub('logging', rule), sub('show', rule), sub('app', '', [sub('list'), sub('info'), sub('update')])],
};
export default spec;
