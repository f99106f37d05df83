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
	/** Where the files came from: a folder, or a published site's URL. */
	dir: string;
	index: DocsIndex;
	chunks: DocsChunk[];
	docs: Map<string, IndexedDoc>;
	chunksById: Map<string, DocsChunk>;
	/** The page's Markdown twin as the site serves it (read from disk, or fetched from the published site). */
	markdown(id: string): string | Promise<string>;
}

const REBUILD = 'rebuild with `npm run build`';

export function loadBuiltDocs(dir: string): BuiltDocs {
	const shown = relative(process.cwd(), dir) || '.';
	const indexPath = join(dir, AGENT_PATHS.index);
	const chunksPath = join(dir, AGENT_PATHS.chunks);
	for (const path of [indexPath, chunksPath]) {
		if (!existsSync(path)) throw new DistError(`${relative(process.cwd(), path)} not found: build the site first (\`npm run build\`), or pass --dist <folder> pointing at a built site`);
	}
	const names = { index: `${shown}${AGENT_PATHS.index}`, chunks: `${shown}${AGENT_PATHS.chunks}` };
	return parseAgentFiles(dir, names, readFileSync(indexPath, 'utf8'), readFileSync(chunksPath, 'utf8'), REBUILD, (id) => readFileSync(join(dir, twinPath(id)), 'utf8'));
}

/**
 * The index and chunks checked against their schemas, wherever they were read from. `names` are the
 * files as the error shows them; `fix` says what to do about a bad one.
 */
export function parseAgentFiles(source: string, names: { index: string; chunks: string }, indexText: string, chunksText: string, fix: string, markdown: BuiltDocs['markdown']): BuiltDocs {
	let raw: unknown;
	try {
		raw = JSON.parse(indexText);
	} catch (error) {
		throw new DistError(`${names.index}: unexpected content, expected JSON (${(error as Error).message}); ${fix}`);
	}
	const parsed = docsIndexSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new DistError(`${names.index}: does not match schemas/docs-index.ts at \`${issue.path.join('.')}\`: ${issue.message}; ${fix}`);
	}
	const chunks = chunksText
		.split('\n')
		.map((line, i) => ({ line, number: i + 1 }))
		.filter(({ line }) => line !== '')
		.map(({ line, number }) => {
			let record: unknown;
			try {
				record = JSON.parse(line);
			} catch (error) {
				throw new DistError(`${names.chunks}:${number}: unexpected content, expected one JSON record per line (${(error as Error).message}); ${fix}`);
			}
			const result = docsChunkSchema.safeParse(record);
			if (!result.success) throw new DistError(`${names.chunks}:${number}: does not match schemas/docs-chunk.ts: ${result.error.issues[0]!.message}; ${fix}`);
			return result.data;
		});
	const index = parsed.data;
	return {
		dir: source,
		index,
		chunks,
		docs: new Map(index.docs.map((d) => [d.id, d])),
		chunksById: new Map(chunks.map((c) => [c.id, c])),
		markdown,
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
