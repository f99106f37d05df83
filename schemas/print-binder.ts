import { z } from 'astro/zod';

/**
 * Whether the page goes into the printed DR binder (dist/downloads/neotool-dr-binder.pdf), beside
 * the pages every binder holds (scripts/lib/binder/pages.ts). Opt-in and boolean: the binder is for
 * when nothing else works, so it stays short enough to print and carry.
 */
export const printBinderSchema = z
	.boolean({ error: (iss) => `Unexpected ${JSON.stringify(iss.input)} as print_binder, expected \`true\` or \`false\`` })
	.default(false)
	.describe(
		'True to print the page in the DR binder (downloads/neotool-dr-binder.pdf) that engineers keep for when the site and the cluster are down. Incident response, disaster recovery, PostgreSQL PITR, emergency rollback, production access and the Vault pages are always in it.',
	);
