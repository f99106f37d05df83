/** WAL-G v3.0 for PostgreSQL (facts `cli_versions.wal-g`), from https://wal-g.readthedocs.io/PostgreSQL/ and https://wal-g.readthedocs.io/ (delete, backup-list). */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const spec: Spec = {
	name: 'wal-g',
	options: options('--config= --turbo -h,--help -v,--version', true),
	subcommands: [
		sub('backup-push', '-f,--full -p,--permanent --add-user-data= --delta-from-name= --delta-from-user-data= --without-files-metadata'),
		sub('backup-fetch', '--restore-spec= --reverse-unpack --skip-redundant-tars --target-user-data='),
		sub('backup-list', '--detail --pretty --json'),
		sub('wal-push'),
		sub('wal-fetch'),
		sub('wal-show', '--detailed-json --without-backups'),
		sub('wal-verify', '--json', ['integrity', 'timeline'].map((s) => sub(s))),
		sub('wal-receive'),
		sub('delete', '--confirm', [sub('retain', '--confirm --after='), sub('before', '--confirm'), sub('everything', '--confirm'), sub('target', '--confirm --target-user-data='), sub('garbage', '--confirm')]),
		sub('backup-mark', '-i,--impermanent'),
		sub('catchup-list', '--detail --json --pretty'),
		sub('catchup-push', '--from-lsn='),
		sub('st', '', ['ls', 'get', 'put', 'rm', 'cat', 'check'].map((s) => sub(s, '--target='))),
	],
};
export default spec;
