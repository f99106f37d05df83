/**
 * A built page as the link checker is served it: not the page, but a digest holding what linkinator
 * reads in it — its #fragment ids (fragment-ids.ts), its soft-404 mark, and its links, each once.
 *
 * linkinator parses every page it crawls with htmlparser2 twice (its links with `getLinks`, its ids
 * with `extractFragmentIds`), on the thread that also does all its fetching and bookkeeping; on a
 * 1,000-page site those parses were the largest part of the check's CPU. They are done here instead,
 * once, on the site server's threads (site-worker.ts), by linkinator's own `getLinks` (so which
 * attributes, srcset, `<base>`, meta refresh and JSON-LD count stay its rules), patched to collect
 * the ids by `extractFragmentIds`' rules in the same pass (patches/linkinator+8.1.0.patch, to be
 * offered upstream). The links are written back as bare `<a href>` / `<img src>` elements with
 * absolute URLs, which linkinator parses in a fraction of the time and resolves to the very same
 * URLs. linkinator still fetches every link, decides what is broken and checks every fragment.
 *
 * Each link URL (without fragment) is written on the first page it is served on only; on later pages
 * it is left out and the page remembered, so a URL found broken is still reported on every page that
 * carries it (report.ts, `repeatsOf`). Links with a fragment are written on every page that carries
 * them (each is checked against its target page's ids), once per page.
 */
import { Readable } from 'node:stream';
import { withFragmentIds } from './fragment-ids.ts';

/** One link as linkinator 8's `getLinks` returns it (build/src/links.d.ts `ParsedUrl`). */
export interface ParsedLink {
	link: string;
	displayText?: string;
	url?: URL;
	urlWithFragment?: string;
	fragment?: string;
}
type GetLinks = (source: Readable, baseUrl: string, checkCss?: boolean, fragmentIds?: Set<string>) => Promise<ParsedLink[]>;

// linkinator exports only its index, which does not re-export `getLinks`; the module beside it does.
// Taken from the installed package, so the rules are those of the linkinator that checks the site.
const links = (await import(new URL('./links.js', import.meta.resolve('linkinator')).href)) as { getLinks: GetLinks };
// Unpatched, `getLinks` would leave the ids empty and every #fragment would be reported broken.
const probe = new Set<string>();
await links.getLinks(Readable.from(['<p id="probe">']), 'http://127.0.0.1/', false, probe);
if (!probe.has('probe')) throw new Error('linkinator is not patched to find fragment ids: run `npm install` (patch-package applies patches/linkinator+8.1.0.patch)');

/** The links and fragment ids linkinator finds in `html` served at `pageUrl`, by its own `getLinks`, in one parse. */
export async function readPage(html: Buffer, pageUrl: string): Promise<{ links: ParsedLink[]; ids: Set<string> }> {
	const ids = new Set<string>();
	return { links: await links.getLinks(Readable.from([html]), pageUrl, false, ids), ids };
}

export interface LinkDeduper {
	/** The links of the page at `pagePath` linkinator must be shown: fragment links, and URLs not shown on another page. */
	keep: (links: ParsedLink[], pagePath: string) => ParsedLink[];
	/** Pages, other than the one linkinator was shown it on, that carry `url` (an absolute URL without fragment). */
	repeatsOf: (url: string) => string[];
}

export function linkDeduper(): LinkDeduper {
	const firstPage = new Map<string, string>();
	const repeats = new Map<string, Set<string>>();
	return {
		keep(links, pagePath) {
			const onThisPage = new Set<string>();
			return links.filter((l) => {
				// Unparsable: shown as it is, for linkinator to report it broken as it would have.
				if (!l.url || l.urlWithFragment === undefined) return true;
				// linkinator itself looks at a link once per page (its relationship caches).
				if (onThisPage.has(l.urlWithFragment)) return false;
				onThisPage.add(l.urlWithFragment);
				const url = l.url.href;
				const first = firstPage.get(url);
				if (first === undefined) firstPage.set(url, pagePath);
				// A fragment is checked against its page wherever it is linked from (linkinator's own condition).
				if (l.fragment && l.fragment.length > 0) return true;
				if (first === undefined || first === pagePath) return true;
				if (!repeats.has(url)) repeats.set(url, new Set());
				repeats.get(url)!.add(pagePath);
				return false;
			});
		},
		repeatsOf: (url) => [...(repeats.get(url) ?? [])].sort(),
	};
}

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
const escapeText = (value: string) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/**
 * The digest linkinator is served for a page: its ids first (fragment-ids.ts), then — when the page
 * is what linkinator takes for a soft 404 (`content="noindex` and `nofollow` in it), whose fragments
 * it does not check — a mark that keeps it so, then one element per link. An anchor keeps its text
 * (linkinator's `displayText`), any other link is an `<img src>` (no text, as linkinator finds it).
 */
export function pageDigest(html: Buffer, ids: Set<string>, links: ParsedLink[]): string {
	const softNotFound = html.includes('content="noindex') && html.includes('nofollow') ? '<meta content="noindex nofollow">' : '';
	const elements = links.map((l) => {
		const href = escapeAttribute(l.urlWithFragment ?? l.link);
		return l.displayText === undefined ? `<img src="${href}">` : `<a href="${href}">${escapeText(l.displayText)}</a>`;
	});
	return withFragmentIds(ids, `${softNotFound}${elements.join('')}`);
}
