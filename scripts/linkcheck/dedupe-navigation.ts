/**
 * Every page repeats its section's navigation. Linkinator requests each URL once, but files every
 * further occurrence as a "reuse" job that scans all results so far, in a queue it shifts (an O(n)
 * array op): on a 1,000-page build that bookkeeping, not HTTP, was ~14 of the 26 s (profiled with
 * `node --cpu-prof`). So the link checker is served each distinct sidebar once: a page whose sidebar
 * is identical (bar the current-page mark) to one already served gets it blanked. The links in it
 * were all checked the first time; every other link on the page — content, TOC anchors, related
 * lists, tags, assets — is checked on every page. The mobile table of contents repeats the desktop
 * one's same-page anchors, so it is dropped too.
 */
import { createHash } from 'node:crypto';

const SIDEBAR = /(<sl-sidebar-state-persist\b[^>]*>)([\s\S]*?)(<\/sl-sidebar-state-persist>)/;
const MOBILE_TOC = /<mobile-starlight-toc\b[\s\S]*?<\/mobile-starlight-toc>/;

export function navigationDeduper(): (html: string) => string {
	const seen = new Set<string>();
	return (html) => {
		let out = html.replace(MOBILE_TOC, '');
		const sidebar = SIDEBAR.exec(out);
		if (sidebar) {
			const key = createHash('sha1').update(sidebar[2]!.replace(/ aria-current="page"/g, '')).digest('hex');
			if (seen.has(key)) out = out.replace(SIDEBAR, '$1$3');
			else seen.add(key);
		}
		return out;
	};
}
