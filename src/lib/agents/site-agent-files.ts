/** The build's agent files, memoised: every endpoint in src/pages asks, the content is read once. */
import { getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Frontmatter } from '../../../schemas/frontmatter.ts';
import { withLastUpdated } from '../page-dates.ts';
import { redirectsOf } from '../redirects.ts';
import { siteGraph } from '../site-graph.ts';
import { DOCS_DIR, EDIT_BASE_URL, REPO_URL, SITE_DESCRIPTION, SITE_TITLE, SITE_URL } from '../site-config.ts';
import { buildAgentFiles, type AgentFiles } from './build-agent-files.ts';
import { generatedAt, gitLastCommitTime } from './generated-at.ts';

let files: Promise<AgentFiles> | undefined;

const posix = (p: string) => p.split('\\').join('/');

export function siteAgentFiles(): Promise<AgentFiles> {
	files ??= (async () => {
		const [entries, graph] = await Promise.all([getCollection('docs'), siteGraph()]);
		const docs = entries
			.filter((e) => e.filePath)
			.map((e) => {
				const abs = resolve(e.filePath!);
				return { id: e.id, sourcePath: posix(relative(process.cwd(), abs)), rel: posix(relative(DOCS_DIR, abs)), source: readFileSync(abs, 'utf8'), data: withLastUpdated(e.data as unknown as Frontmatter, abs) };
			});
		const newestDocDate = docs.map((d) => d.data.last_updated).sort().at(-1);
		return buildAgentFiles({
			docs,
			graph,
			// The graph's tree: the docs folder walked and its headings parsed once per build.
			tree: graph.tree,
			site: { title: SITE_TITLE, description: SITE_DESCRIPTION, url: SITE_URL, repoUrl: REPO_URL, editBaseUrl: EDIT_BASE_URL },
			redirects: redirectsOf(docs.map((d) => ({ id: d.id, rel: d.rel, paths: d.data.redirect_from ?? [] }))),
			generatedAt: generatedAt({ sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, lastCommit: gitLastCommitTime, newestDocDate }),
		});
	})();
	return files;
}
