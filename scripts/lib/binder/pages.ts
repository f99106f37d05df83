/**
 * Which pages the DR binder prints, in which order: the pages an engineer needs when nothing else
 * works, then every page whose frontmatter sets `print_binder: true` (schemas/print-binder.ts).
 */
import type { IndexedDoc } from '../../../schemas/docs-index.ts';

/**
 * Always in the binder, in reading order for an outage: declare, recover the data, recover the
 * secrets, undo a release, get access. By doc id, so a renamed page fails the build here instead of
 * silently leaving the binder.
 */
export const CORE_BINDER_PAGES = [
	'11-infrastructure/incident-response',
	'11-infrastructure/disaster-recovery',
	'11-infrastructure/postgresql-pitr-runbook',
	'11-infrastructure/vault-operations',
	'11-infrastructure/vault-snapshot-restore',
	'11-infrastructure/k8s-emergency-rollback',
	'11-infrastructure/production-access',
] as const;

export interface BinderPage {
	id: string;
	title: string;
	/** Root-relative path of the built page, e.g. `/11-infrastructure/incident-response/`. */
	path: string;
}

export class BinderPagesError extends Error {}

/**
 * The core pages, then the opted-in ones by id. `requireCore` is on for the project's own docs tree;
 * fixture and benchmark trees do not hold the core pages and print only what opts in.
 */
export function binderPages(docs: readonly IndexedDoc[], { requireCore }: { requireCore: boolean }): BinderPage[] {
	const byId = new Map(docs.map((d) => [d.id, d]));
	const missing = CORE_BINDER_PAGES.filter((id) => !byId.has(id));
	if (requireCore && missing.length > 0) {
		throw new BinderPagesError(
			`build: DR binder: unexpected missing page ${missing.map((id) => `\`${id}\``).join(', ')}, expected every page of CORE_BINDER_PAGES (scripts/lib/binder/pages.ts); after a rename or move, update that list`,
		);
	}
	const core = CORE_BINDER_PAGES.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
	const coreIds = new Set<string>(CORE_BINDER_PAGES);
	const optedIn = docs.filter((d) => d.frontmatter.print_binder && !coreIds.has(d.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	// Paper cannot show a deprecation banner or be corrected after a reader has it: only pages in force.
	const notCurrent = [...core, ...optedIn].find((d) => d.frontmatter.status !== 'current');
	if (notCurrent) {
		const fix = coreIds.has(notCurrent.id) ? 'take it out of CORE_BINDER_PAGES (scripts/lib/binder/pages.ts) or put its replacement there' : 'remove `print_binder: true` from it, or set it on its replacement';
		throw new BinderPagesError(`${notCurrent.sourcePath}: unexpected \`status: ${notCurrent.frontmatter.status}\` on a page of the DR binder, expected \`current\`: ${fix}`);
	}
	return [...core, ...optedIn].map((d) => ({ id: d.id, title: d.frontmatter.title, path: new URL(d.url).pathname }));
}
