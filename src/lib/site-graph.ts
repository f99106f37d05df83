/** The build's doc graph, memoised: every page's components ask it, the collection is read once. */
import { getCollection } from 'astro:content';
import { buildDocGraph, type DocGraph } from './doc-graph.ts';
import { DOCS_DIR } from './site-config.ts';

let graph: Promise<DocGraph> | undefined;

export function siteGraph(): Promise<DocGraph> {
	graph ??= getCollection('docs').then((entries) => buildDocGraph(entries, DOCS_DIR));
	return graph;
}

/** A collection entry's doc id: Starlight hands the home page to components with id `''`, not `index`. */
export const docIdOf = (entry: { id: string }) => entry.id || 'index';
