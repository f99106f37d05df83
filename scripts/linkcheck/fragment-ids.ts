/**
 * A page's #fragment targets, found by the site's server (scripts/linkcheck/site-worker.ts, on its
 * own threads) and handed to the checker in a comment at the very start of the page it serves.
 *
 * linkinator 8 parses every page twice with htmlparser2: once for its links, once for the ids its
 * #fragment links may point to (`extractFragmentIds`). The server finds both in one parse, with
 * linkinator's own `getLinks` (patched to collect the ids by `extractFragmentIds`' rules as it goes:
 * patches/linkinator+8.1.0.patch, page-digest.ts), and the checker gives linkinator a document
 * holding only those ids instead of the page (lean-checker.ts): linkinator still decides, by its own
 * rules, which fragments exist and which links are broken.
 */
/** Starts a page the server found the ids of; nothing a built page can begin with (`<!DOCTYPE`). */
const MARKER = '<!--linkcheck-ids:';
const MARKER_BYTES = Buffer.from(MARKER);

/**
 * The page as served to the checker: its ids first, in a comment (no `>` inside, so it cannot end
 * early), then `body` — the digest of the page linkinator is shown (page-digest.ts).
 */
export function withFragmentIds(ids: Iterable<string>, body: string): string {
	return `${MARKER}${JSON.stringify([...ids]).replaceAll('>', '\\u003e')}-->${body}`;
}

/** The ids the server put at the start of `page`, or undefined when it did not (linkinator parses the page then). */
export function servedFragmentIds(page: Buffer): string[] | undefined {
	if (!page.subarray(0, MARKER_BYTES.length).equals(MARKER_BYTES)) return undefined;
	const end = page.indexOf('-->', MARKER_BYTES.length);
	if (end < 0) return undefined;
	return JSON.parse(page.toString('utf8', MARKER_BYTES.length, end)) as string[];
}

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/** A document whose only fragment targets are `ids`, for linkinator to read them from by its own rules. */
export function idsDocument(ids: string[]): Buffer {
	return Buffer.from(ids.map((id) => `<i id="${escapeAttribute(id)}"></i>`).join(''));
}
