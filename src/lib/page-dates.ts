/**
 * The built site's `last_updated` for a page: what the frontmatter says, else the Git default
 * (./git-dates.ts buildLastUpdated). Every consumer of the date in the build (the metadata line,
 * the agents' index, twins and llms.txt, tag pages) goes through here, so they never disagree.
 */
import { buildStamp } from './build-stamp.ts';
import { buildLastUpdated, gitHistory, relInDocs, type ResolvedDate } from './git-dates.ts';
import { DOCS_DIR } from './site-config.ts';

/** Frontmatter whose `last_updated` has been resolved. */
export type Dated<T extends { last_updated?: string | undefined }> = Omit<T, 'last_updated'> & { last_updated: string };

/** `filePath` as Astro's content entries carry it (from the project root), or absolute. */
export function pageLastUpdated(data: { last_updated?: string | undefined }, filePath: string | undefined): ResolvedDate {
	if (data.last_updated) return { date: data.last_updated, source: 'frontmatter' };
	// The dev server reads the history again after a few seconds; a build, once.
	const history = gitHistory(DOCS_DIR, import.meta.env?.DEV ? 3000 : Infinity);
	return buildLastUpdated(undefined, filePath ? relInDocs(DOCS_DIR, filePath) : '', history, buildStamp().date);
}

export function withLastUpdated<T extends { last_updated?: string | undefined }>(data: T, filePath: string | undefined): Dated<T> {
	return { ...data, last_updated: pageLastUpdated(data, filePath).date };
}
