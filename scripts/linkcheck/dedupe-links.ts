/**
 * Linkinator requests each URL once, but files every further occurrence of a link as a "reuse" job
 * that scans all results so far, in a queue it shifts (an O(n) array op). Every page repeats its
 * navigation, assets and header, so that bookkeeping — not HTTP — dominated: 14 of 26 s on a
 * 1,000-page build, and over 460 s on 5,000 pages (profiled with `node --cpu-prof`).
 *
 * So the checker is served each link URL once: on the first page it appears it stays; on later pages
 * the attribute is renamed (`data-linkcheck-repeat`) and the page is remembered, so a URL found broken
 * is still reported on every page that carries it. Links with a `#fragment` are never touched: every
 * anchor on every page is checked against its target. The mobile table of contents repeats the
 * desktop one's same-page anchors, so it is dropped.
 */
const MOBILE_TOC = /<mobile-starlight-toc\b[\s\S]*?<\/mobile-starlight-toc>/;
const LINK_ATTRIBUTE = /(\s)(href|src)="([^"#]*)"/g;

export interface LinkDeduper {
	transform: (html: string, pagePath: string) => string;
	/** Pages, other than the one linkinator saw it on, that carry `url` (an absolute URL). */
	repeatsOf: (url: string) => string[];
}

export function linkDeduper(base: string): LinkDeduper {
	const firstPage = new Map<string, string>();
	const repeats = new Map<string, Set<string>>();
	return {
		transform(html, pagePath) {
			return html.replace(MOBILE_TOC, '').replace(LINK_ATTRIBUTE, (match, space: string, attribute: string, value: string) => {
				if (value === '') return match;
				let url: string;
				try {
					url = new URL(value, `${base}${pagePath}`).href;
				} catch {
					return match; // Malformed: leave it for linkinator to report.
				}
				const first = firstPage.get(url);
				if (first === undefined) firstPage.set(url, pagePath);
				if (first === undefined || first === pagePath) return match;
				if (!repeats.has(url)) repeats.set(url, new Set());
				repeats.get(url)!.add(pagePath);
				return `${space}data-linkcheck-repeat-${attribute}="${value}"`;
			});
		},
		repeatsOf: (url) => [...(repeats.get(url) ?? [])].sort(),
	};
}
