/**
 * Addresses of everything the agents' interface publishes. A page's Markdown twin sits beside its
 * HTML as `index.md` (`/ops/k3s/` → `/ops/k3s/index.md`, home → `/index.md`): a plain file any static
 * server returns as-is, whatever it does with trailing slashes.
 */
import { urlForId } from '../routes.ts';

export const AGENT_PATHS = {
	index: '/docs-index.json',
	schema: '/docs-index.schema.json',
	chunks: '/docs-chunks.jsonl',
	chunkSchema: '/docs-chunk.schema.json',
	llms: '/llms.txt',
	llmsFull: '/llms-full.txt',
} as const;

/** Root-relative path of a page's twin. */
export const twinPath = (id: string) => `${urlForId(id)}index.md`;

export function siteUrls(siteUrl: string) {
	const base = siteUrl.replace(/\/+$/, '');
	const absolute = (path: string) => `${base}${path.startsWith('/') ? path : `/${path}`}`;
	return {
		root: `${base}/`,
		absolute,
		page: (id: string) => absolute(urlForId(id)),
		twin: (id: string) => absolute(twinPath(id)),
		file: (name: keyof typeof AGENT_PATHS) => absolute(AGENT_PATHS[name]),
	};
}

export type SiteUrls = ReturnType<typeof siteUrls>;
