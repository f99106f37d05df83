/** Maps a built page's path back to the source file it was rendered from, for the report. */
import { relative } from 'node:path';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { docIdFromPath, urlForId } from '../../src/lib/routes.ts';

export function sourceIndex(docsRoot: string): (pagePath: string) => string | undefined {
	const tree = new DocTree(docsRoot);
	const byUrl = new Map(tree.docs().map((rel) => [urlForId(docIdFromPath(rel)), relative(process.cwd(), `${docsRoot}/${rel}`)]));
	return (pagePath) => byUrl.get(pagePath.replace(/index\.html$/, ''));
}
