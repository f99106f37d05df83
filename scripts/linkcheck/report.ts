import type { LinkResult } from 'linkinator';

export interface BrokenLink {
	/** Path of the page the link appears on, e.g. `/11-infrastructure/k3s-setup/`. */
	page: string;
	/** The link as the site serves it, relative to the site root where internal. */
	link: string;
	reason: string;
	source?: string;
}

/**
 * Linkinator results → broken links, one per (page, link), sorted for a stable report. `repeatsOf`
 * names the further pages that carry a link linkinator was shown only once (see page-digest.ts).
 */
export function brokenLinks(results: LinkResult[], base: string, sourceOf: (page: string) => string | undefined, repeatsOf: (url: string) => string[] = () => []): BrokenLink[] {
	const strip = (url: string) => (url.startsWith(base) ? url.slice(base.length) || '/' : url);
	const seen = new Set<string>();
	const out: BrokenLink[] = [];
	for (const r of results) {
		if (r.state !== 'BROKEN') continue;
		const link = strip(r.url);
		const detail = r.failureDetails?.find((d) => d instanceof Error) as Error | undefined;
		const reason = detail?.message.startsWith('Fragment identifier') ? `no element with id "${link.split('#')[1]}" on the target page` : r.status ? `HTTP ${r.status}` : (detail?.message ?? 'unreachable');
		for (const page of [r.parent ? strip(r.parent) : '(start)', ...repeatsOf(r.url)]) {
			const key = `${page} ${link}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.push({ page, link, reason, source: sourceOf(page) });
		}
	}
	return out.sort((a, b) => a.page.localeCompare(b.page) || a.link.localeCompare(b.link));
}

export function formatBroken(b: BrokenLink): string {
	return `${b.page}  broken-link  ${b.link} (${b.reason})${b.source ? `  [source: ${b.source}]` : ''}`;
}
