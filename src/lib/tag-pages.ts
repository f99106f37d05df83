/** Data for the tag index and per-tag pages: registered tags with the docs that carry them. */
import { getCollection } from 'astro:content';
import type { Frontmatter } from '../../schemas/frontmatter.ts';
import { TAG_REGISTRY, type Tag } from '../../schemas/tag-registry.ts';
import { pageLastUpdated } from './page-dates.ts';
import { urlForId } from './routes.ts';

export interface TaggedDoc {
	id: string;
	url: string;
	title: string;
	description: string;
	status: string;
	kind: string;
}

export async function docsByTag(): Promise<Map<Tag, TaggedDoc[]>> {
	const entries = await getCollection('docs');
	const byTag = new Map<Tag, TaggedDoc[]>();
	for (const entry of entries) {
		const data = entry.data as unknown as Frontmatter;
		// The schema checks each tag against the registry; its output type is still `string`.
		for (const tag of data.tags as Tag[]) {
			if (!byTag.has(tag)) byTag.set(tag, []);
			byTag.get(tag)!.push({ id: entry.id, url: urlForId(entry.id), title: data.title, description: data.description, status: data.status, kind: data.kind });
		}
	}
	for (const docs of byTag.values()) docs.sort((a, b) => a.title.localeCompare(b.title));
	return new Map([...byTag].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Generated pages still pass the docs schema (StarlightPage validates against it); the closed schema
 * refuses `pagefind`, so src/route-data.ts keeps them out of the search index.
 */
export async function generatedFrontmatter(title: string, description: string, tags: Tag[]) {
	const entries = await getCollection('docs');
	// The newest source date, not the clock, so rebuilding the same commit yields the same page.
	const newest = entries.map((e) => pageLastUpdated(e.data as unknown as Frontmatter, e.filePath).date).sort().at(-1) ?? '2026-01-01';
	return { title, description, type: 'overview', category: 'operations', kind: 'reference', status: 'current', version: '1.0.0', tags, last_updated: newest, owner: 'SRE Team', review_frequency: 'monthly' } as const;
}

export const tagDescription = (tag: Tag) => TAG_REGISTRY[tag];

/** A tag page's title: the tag alone on its first (or only) page, which page of how many after it. */
export const tagPageTitle = (tag: Tag, page: number, pages: number) => (page === 1 ? `Tag: ${tag}` : `Tag: ${tag} (page ${page} of ${pages})`);
