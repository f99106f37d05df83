/**
 * The agents' files of a published site, read over HTTP(S) instead of from a local build: the MCP
 * server's `--site https://…`, so an agent needs neither a checkout nor a build. The index and chunks
 * are fetched once at start and checked against the same schemas as a local dist/; Markdown twins are
 * fetched when first asked for, checked against the index's contentHash, and kept.
 */
import { createHash } from 'node:crypto';
import { DistError, parseAgentFiles, type BuiltDocs } from './dist.ts';
import { AGENT_PATHS, siteUrls } from './urls.ts';

/** Far above the real site's agent files (a few MB); a host answering more is not serving this project. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface PublishedOptions {
	/** Per request. */
	timeoutMs?: number;
}

async function fetchText(url: string, timeoutMs: number, what: string): Promise<string> {
	let response: Response;
	try {
		response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
	} catch (error) {
		const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
		throw new DistError(`${url}: not reachable (${cause}); ${what}`);
	}
	if (!response.ok) throw new DistError(`${url}: HTTP ${response.status}, expected 200; ${what}`);
	const tooBig = () => new DistError(`${url}: over ${MAX_FILE_BYTES} bytes, expected at most that; ${what}`);
	if (Number(response.headers.get('content-length') ?? 0) > MAX_FILE_BYTES) throw tooBig();
	// Counted while reading too: a chunked answer declares no length.
	const parts: Uint8Array[] = [];
	let size = 0;
	for await (const part of response.body ?? []) {
		size += part.byteLength;
		if (size > MAX_FILE_BYTES) {
			await response.body?.cancel();
			throw tooBig();
		}
		parts.push(part);
	}
	return Buffer.concat(parts).toString('utf8');
}

export async function loadPublishedDocs(site: string, options: PublishedOptions = {}): Promise<BuiltDocs> {
	const timeoutMs = options.timeoutMs ?? 15_000;
	let base: URL;
	try {
		base = new URL(site);
	} catch {
		throw new DistError(`--site \`${site}\`: unexpected value, expected the site's root URL, e.g. https://docs.neotool.io`);
	}
	if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new DistError(`--site \`${site}\`: unexpected ${base.protocol} URL, expected https:// (or http:// on a private network)`);
	const urls = siteUrls(base.href);
	const hint = `check that --site is the docs site's root (it serves ${AGENT_PATHS.index}), or serve a local build with --dist`;
	const [indexText, chunksText] = await Promise.all([fetchText(urls.file('index'), timeoutMs, hint), fetchText(urls.file('chunks'), timeoutMs, hint)]);

	const twins = new Map<string, Promise<string>>();
	const built = parseAgentFiles(urls.root, { index: urls.file('index'), chunks: urls.file('chunks') }, indexText, chunksText, 'the published site is not a build of this project, or is damaged: rebuild and republish it', (id) => {
		const cached = twins.get(id);
		if (cached) return cached;
		const pending = fetchText(urls.twin(id), timeoutMs, 'the published site changed or is unreachable; try again').then((text) => {
			// The index names the twin it was built with; a twin from another deploy would be read as current.
			const hash = createHash('sha256').update(text).digest('hex');
			if (hash !== built.docs.get(id)!.contentHash) throw new DistError(`${urls.twin(id)}: content does not match the index's contentHash (the site was redeployed since the server started); restart the server`);
			return text;
		});
		twins.set(id, pending);
		// A failed fetch is not kept: the next call tries again.
		pending.catch(() => twins.delete(id));
		return pending;
	});
	return built;
}
