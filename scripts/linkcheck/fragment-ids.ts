/**
 * A page's #fragment targets, found once by the site's server (scripts/linkcheck/site-worker.ts, on
 * its own thread) and handed to the checker in a comment at the very start of the page it serves.
 *
 * linkinator parses every page twice with htmlparser2: once for its links, once for the ids its
 * #fragment links may point to (`extractFragmentIds`); on a 1,000-page site the second pass was
 * ~2 s of CPU on the checker's thread. The server has the page in hand anyway (it de-duplicates its
 * links, dedupe-links.ts), so it finds the ids there, on the second core, and the checker gives
 * linkinator a document holding only those ids instead of the page (lean-checker.ts): linkinator
 * still decides, by its own rules, which fragments exist and which links are broken.
 *
 * Written here rather than imported: linkinator does not export `extractFragmentIds`, and its
 * stream-based form cannot run inside the server's synchronous page transform. The rules are its
 * rules (linkinator 8.1 build/src/links.js), on the same parser with the same options;
 * test/node/linkcheck-fragment-ids.test.ts holds the two to the same answers.
 */
import { Parser } from 'htmlparser2';

/** Starts a page the server found the ids of; nothing a built page can begin with (`<!DOCTYPE`). */
const MARKER = '<!--linkcheck-ids:';
const MARKER_BYTES = Buffer.from(MARKER);

/** The ids `#fragment` links to this page may name, as linkinator's `extractFragmentIds` finds them. */
export function fragmentIds(html: string): string[] {
	const ids = new Set<string>();
	const parser = new Parser({
		onopentag(tag, attributes) {
			if (attributes.id) ids.add(attributes.id);
			// Named anchors, and a permalink anchor's own `href="#x"` (it has an id too): as linkinator.
			if (tag === 'a' && attributes.name) ids.add(attributes.name);
			if (tag === 'a' && attributes.id && attributes.href?.startsWith('#') && attributes.href.length > 1) ids.add(attributes.href.slice(1));
		},
	});
	parser.end(html);
	return [...ids];
}

/** The page as served to the checker: its ids first, in a comment (no `>` inside, so it cannot end early). */
export function withFragmentIds(html: string): string {
	return `${MARKER}${JSON.stringify(fragmentIds(html)).replaceAll('>', '\\u003e')}-->${html}`;
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
