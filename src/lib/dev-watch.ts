/**
 * What `astro dev` must not watch. Vite watches the whole project folder, and after a build and a
 * test run this one holds ~90,000 files that are output, not source: dist/ (a page, its Markdown
 * twin and search fragments per doc), .cache/ (benchmark corpora and their builds), test/.tmp/
 * (fixture builds). Watching them made the dev server slower to start, heavier (on the 1,000-doc
 * benchmark: 1,378–1,585 MB peak against vanilla Starlight's 892) and slower to show a save
 * (11–15 s against 1.5 s), since a build running beside it floods the watcher with events.
 * The docs folder is always watched, even when it lives under one of those folders (the benchmark's
 * corpora do), and so are the folders on the way to it.
 */
import { resolve, sep } from 'node:path';

export function devWatchIgnored(root: string, docsDir: string, generated: string[]): (path: string) => boolean {
	const under = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);
	const docs = resolve(docsDir);
	const output = [resolve(root, 'dist'), resolve(root, '.cache'), resolve(root, 'test/.tmp'), ...generated.map((d) => resolve(d))];
	return (path) => {
		const abs = resolve(path);
		if (under(abs, docs) || under(docs, abs)) return false;
		return output.some((dir) => under(abs, dir));
	};
}
