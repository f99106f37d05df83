/**
 * Reads the agents' files from a built site (dist/ or any OUT_DIR) and checks them against their
 * schemas, for the MCP server and the tests: a stale or foreign folder fails here with one line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { docsChunkSchema, type DocsChunk } from '../../../schemas/docs-chunk.ts';
import { docsIndexSchema, type DocsIndex, type IndexedDoc } from '../../../schemas/docs-index.ts';
import { AGENT_PATHS, twinPath } from './urls.ts';

export class DistError extends Error {}

export interface BuiltDocs {
	dir: string;
	index: DocsIndex;
	chunks: DocsChunk[];
	docs: Map<string, IndexedDoc>;
	chunksById: Map<string, DocsChunk>;
	/** The page's Markdown twin as the site serves it. */
	markdown(id: string): string;
}

export function loadBuiltDocs(dir: string): BuiltDocs {
	const shown = relative(process.cwd(), dir) || '.';
	const indexPath = join(dir, AGENT_PATHS.index);
	const chunksPath = join(dir, AGENT_PATHS.chunks);
	for (const path of [indexPath, chunksPath]) {
		if (!existsSync(path)) throw new DistError(`${relative(process.cwd(), path)} not found: build the site first (\`npm run build\`), or pass --dist <folder> pointing at a built site`);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(indexPath, 'utf8'));
	} catch (error) {
		throw new DistError(`${shown}${AGENT_PATHS.index}: unexpected content, expected JSON (${(error as Error).message}); rebuild with \`npm run build\``);
	}
	const parsed = docsIndexSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new DistError(`${shown}${AGENT_PATHS.index}: does not match schemas/docs-index.ts at \`${issue.path.join('.')}\`: ${issue.message}; rebuild with \`npm run build\``);
	}
	const chunks = readFileSync(chunksPath, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line, i) => {
			const result = docsChunkSchema.safeParse(JSON.parse(line));
			if (!result.success) throw new DistError(`${shown}${AGENT_PATHS.chunks}:${i + 1}: does not match schemas/docs-chunk.ts: ${result.error.issues[0]!.message}; rebuild with \`npm run build\``);
			return result.data;
		});
	const index = parsed.data;
	return {
		dir,
		index,
		chunks,
		docs: new Map(index.docs.map((d) => [d.id, d])),
		chunksById: new Map(chunks.map((c) => [c.id, c])),
		markdown: (id) => readFileSync(join(dir, twinPath(id)), 'utf8'),
	};
}

/**
 * The doc an id or URL names: `11-infrastructure/k3s-setup`, `/11-infrastructure/k3s-setup/`, the
 * absolute page or twin URL, with or without `#anchor`.
 */
export function findDocId(built: BuiltDocs, ref: string): string | undefined {
	const trimmed = ref.trim();
	if (built.docs.has(trimmed)) return trimmed;
	let path = trimmed;
	try {
		path = new URL(trimmed, built.index.site.url).pathname;
	} catch {
		return undefined;
	}
	const id = decodeURIComponent(path).replace(/(?:index\.(?:md|html))$/, '').replace(/^\/+|\/+$/g, '').toLowerCase();
	const candidate = id === '' ? 'index' : id;
	return built.docs.has(candidate) ? candidate : undefined;
}
