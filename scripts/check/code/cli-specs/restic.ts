/** restic 0.16 (facts `cli_versions.restic`), from https://restic.readthedocs.io/en/v0.16.0/manual_rest.html. */
import { options, sub } from './build.ts';
import type { Spec } from './index.ts';

const spec: Spec = {
	name: 'restic',
	options: options('-r,--repo= --repository-file= -p,--password-file= --password-command= --cacert= --cache-dir= --no-cache --no-lock -q,--quiet -v,--verbose --json -o,--option= --limit-upload= --limit-download= --insecure-tls --retry-lock= -h,--help', true),
	subcommands: [
		sub('init'), sub('backup', '--exclude= --exclude-file= --tag= --host= --files-from= --one-file-system --stdin --stdin-filename='), sub('snapshots', '--host= --tag= --path= --latest= --compact'),
		sub('restore', '-t,--target= -i,--include= -e,--exclude= --verify --host= --path= --tag='), sub('check', '--read-data --read-data-subset='),
		sub('forget', '--keep-last= --keep-hourly= --keep-daily= --keep-weekly= --keep-monthly= --keep-yearly= --keep-within= --keep-tag= --prune -n,--dry-run --host= --tag= --path= --group-by='),
		sub('prune', '-n,--dry-run --max-unused='), sub('ls', '-l,--long --recursive'), sub('stats', '--mode='), sub('unlock', '--remove-all'), sub('dump'), sub('diff'), sub('mount'), sub('cat'), sub('find'), sub('key', '', ['list', 'add', 'remove', 'passwd'].map((s) => sub(s, '--new-password-file='))), sub('version'),
	],
};
export default spec;
