/**
 * A page's links and ids (page-digest.ts `readPage`) without tokenizing again what the server's thread
 * has already read on other pages: the site navigation every page of a folder carries.
 *
 * Of the ~121,000 links linkinator's `getLinks` finds on the 1,082 HTML files of the 1,000-doc build,
 * ~53,600 are in the sidebar's `<nav>` (~10 KB a page, the same in every page of a folder but for the
 * `aria-current="page"` on the page's own entry); reading the pages without it took 9–17 % less CPU
 * (docs/benchmarks.md). Once such a `<nav>…</nav>` has been met twice (the same bytes once that
 * attribute is set aside), its links and ids are read once on their own and kept; a page carrying it
 * again is parsed with the region replaced by a marker link, and the kept links are put back where
 * the marker is found. The links then go through the de-duplication every page's links go through
 * (page-digest.ts `keep`), so a URL first shown elsewhere is still remembered for this page.
 *
 * Why the result is the one `getLinks` gives for the whole page: links and ids come from opening
 * tags' attributes alone (no `<base>` here: pages with one are always read whole), and the region's
 * tags are tokenized alike in the page and on their own when the tokenizer is in its data state at
 * the region's start (the marker is found as a link only then: not inside a comment, script, or
 * attribute) and is back in it at its end (checked once with a probe after the region). Kept only
 * are regions whose every link resolves the same from any page of the site (absolute URLs and
 * root-relative paths; a region with `#fragment` or page-relative links is always read in place).
 * Regions are told apart by the SHA-256 of their bytes (without that attribute), in the page's bytes:
 * decoding each page to a string and back cost as much as the parse saved.
 * `aria-current` is not an attribute linkinator reads; the attribute is set aside only where it stands
 * after a quoted value and before a space or `>`. The one thing that can differ is the display text
 * of an anchor left open around a whole `<nav>`, which is never part of the report.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ParsedLink } from './page-digest.ts';

export type ReadPage = (html: Buffer, pageUrl: string) => Promise<{ links: ParsedLink[]; ids: Set<string> }>;

// Searched in the page's bytes: decoding a page to a string and encoding it back cost as much as the parse saved.
const OPEN = Buffer.from('<nav');
const CLOSE = Buffer.from('</nav>');
const CURRENT = Buffer.from(' aria-current="page"');
const QUOTE = '"'.charCodeAt(0);
const SPACE = ' '.charCodeAt(0);
const GT = '>'.charCodeAt(0);
/** After `<nav`: a space, tab, newline or `>` (not `<navigation`). */
const NAME_ENDS = new Set([SPACE, GT, '\t'.charCodeAt(0), '\n'.charCodeAt(0)]);
/** A link no page carries: where a kept region stood, or the probe after a region read on its own. */
const MARKER = `linkcheck-region-${randomUUID()}:`;

interface Kept {
	links: ParsedLink[];
	ids: string[];
}

/** Resolves the same from every page of one origin: an absolute http(s) URL, another scheme, or a root-relative path. */
const resolvesAlike = (link: string) => /^(?:https?:\/\/|\/(?![/\\])|(?!https?:)[a-z][a-z\d+.-]*:)/i.test(link);

/**
 * The region's bytes with each `aria-current="page"` set aside, as the pieces around them, or
 * undefined when it could not be kept: one stands where it cannot be shown harmless, a single-quoted
 * value (which could hold `" aria-current="page"` as its own text), a same-page link (`href="#`).
 */
function pieces(region: Buffer): Buffer[] | undefined {
	if (region.includes("='") || region.includes('href="#')) return undefined;
	const out: Buffer[] = [];
	let from = 0;
	for (let at = region.indexOf(CURRENT); at >= 0; at = region.indexOf(CURRENT, from)) {
		const after = region[at + CURRENT.length];
		if (region[at - 1] !== QUOTE || (after !== SPACE && after !== GT)) return undefined;
		out.push(region.subarray(from, at));
		from = at + CURRENT.length;
	}
	out.push(region.subarray(from));
	return out;
}

/** Each `<nav>…</nav>` of `page` holding no other `<nav`, as [start, end) offsets. */
function navRegions(page: Buffer): [number, number][] {
	const regions: [number, number][] = [];
	for (let start = page.indexOf(OPEN); start >= 0; ) {
		const end = page.indexOf(CLOSE, start);
		if (end < 0) break;
		const next = page.indexOf(OPEN, start + OPEN.length);
		if ((next < 0 || next > end) && NAME_ENDS.has(page[start + OPEN.length]!)) regions.push([start, end + CLOSE.length]);
		start = next;
	}
	return regions;
}

export interface RegionReader {
	read: ReadPage;
	/** Pages read with at least one kept region put back, regions put back, and regions kept. */
	stats: { pages: number; regions: number; kept: number };
}

/** `read` (page-digest.ts `readPage`), sparing the regions met before; `origin` is the site's, e.g. `http://127.0.0.1:4321`. */
export function regionReader(read: ReadPage, origin: string): RegionReader {
	/** By the SHA-256 of a region's bytes without `aria-current="page"`: 'once' when met once, then what it holds (null if it cannot be kept). */
	const regions = new Map<string, Kept | null | 'once'>();
	const stats = { pages: 0, regions: 0, kept: 0 };

	async function keep(region: Buffer): Promise<Kept | null> {
		const probe = `${MARKER}end`;
		const { links, ids } = await read(Buffer.concat([region, Buffer.from(`<img src="${probe}">`)]), `${origin}/`);
		const last = links.pop();
		if (last?.link !== probe || links.some((l) => l.link.startsWith(MARKER) || !l.url || !resolvesAlike(l.link))) return null;
		stats.kept++;
		return { links, ids: [...ids] };
	}

	async function keptIn(page: Buffer): Promise<{ start: number; end: number; kept: Kept }[]> {
		const found: { start: number; end: number; kept: Kept }[] = [];
		for (const [start, end] of navRegions(page)) {
			const parts = pieces(page.subarray(start, end));
			if (!parts) continue;
			const hash = createHash('sha256');
			for (const part of parts) hash.update(part);
			const key = hash.digest('base64');
			let entry = regions.get(key);
			if (entry === undefined) {
				regions.set(key, 'once');
				continue;
			}
			if (entry === 'once') regions.set(key, (entry = await keep(Buffer.concat(parts))));
			if (entry) found.push({ start, end, kept: entry });
		}
		return found;
	}

	return {
		stats,
		async read(html, pageUrl) {
			// A <base> (any spelling of it) changes what root-relative links resolve to: such a page is read whole.
			if (html.indexOf(OPEN) < 0 || /<base/i.test(html.toString('latin1'))) return read(html, pageUrl);
			const found = await keptIn(html);
			if (found.length === 0) return read(html, pageUrl);
			const marked: Buffer[] = [];
			let from = 0;
			found.forEach((r, i) => {
				marked.push(html.subarray(from, r.start), Buffer.from(`<img src="${MARKER}${i}">`));
				from = r.end;
			});
			marked.push(html.subarray(from));
			const { links, ids } = await read(Buffer.concat(marked), pageUrl);
			const out: ParsedLink[] = [];
			let next = 0;
			for (const link of links) {
				if (!link.link.startsWith(MARKER)) {
					out.push(link);
					continue;
				}
				// Each marker once and in order, or the page is read whole (a marker inside a comment or script is not found).
				if (link.link !== `${MARKER}${next}`) return read(html, pageUrl);
				out.push(...found[next]!.kept.links);
				for (const id of found[next]!.kept.ids) ids.add(id);
				next++;
			}
			if (next !== found.length) return read(html, pageUrl);
			stats.pages++;
			stats.regions += found.length;
			return { links: out, ids };
		},
	};
}
