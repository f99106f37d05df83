/**
 * The binder's first pages: title, which copy it is, and the table of contents with page numbers.
 * A pure function of its inputs: the same pages and stamp give the same HTML, so the same PDF.
 */
export interface TocEntry {
	title: string;
	/** Root-relative path on the site, printed so a reader with a network can find the live page. */
	path: string;
	/** 1-based page number in the whole binder. */
	page: number;
}

/**
 * Each entry's title links here with its index: Chromium prints the link with the title's exact box,
 * and assemble.ts turns it into a jump to that part's first page. `.invalid` never resolves (RFC 2606),
 * so a link left unconverted cannot lead anywhere; assemble.ts refuses one.
 */
export const PART_LINK = 'https://binder.invalid/part/';

/** Text and attribute values in the binder's HTML (contents, footers, paper pages). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `stamp`: the pages' own build-stamp line, `This copy: commit …, built ….` */
export function tocHtml({ entries, stamp, siteUrl }: { entries: readonly TocEntry[]; stamp: string; siteUrl: string }): string {
	const rows = entries
		.map(
			(e, i) =>
				`<li><a class="title" href="${PART_LINK}${i}">${escapeHtml(e.title)}</a><span class="leader" aria-hidden="true"></span><span class="page">${e.page}</span><div class="path">${escapeHtml(siteUrl.replace(/\/+$/, '') + e.path)}</div></li>`,
		)
		.join('\n');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>NeoTool DR binder</title>
<style>
	@page { size: A4; }
	body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000; font-size: 11pt; line-height: 1.4; margin: 0; font-variant-ligatures: none; }
	h1 { font-size: 20pt; margin: 0 0 4pt; }
	.copy { margin: 0 0 6pt; }
	.use { margin: 0 0 18pt; font-size: 10pt; }
	h2 { font-size: 14pt; margin: 0 0 8pt; }
	ol { list-style: none; padding: 0; margin: 0; }
	li { display: flex; flex-wrap: wrap; align-items: baseline; margin: 0 0 7pt; break-inside: avoid; }
	.title { font-weight: bold; color: inherit; text-decoration: none; }
	.leader { flex: 1; border-bottom: 1px dotted #000; margin: 0 4pt; min-width: 2em; }
	.page { font-variant-numeric: tabular-nums; }
	.path { flex-basis: 100%; font-size: 9pt; color: #333; }
</style></head>
<body>
<h1>NeoTool DR binder</h1>
<p class="copy">${escapeHtml(stamp)}</p>
<p class="use">The runbooks to follow when the docs site, the cluster or the network is down, printed from the published pages. When the site is reachable, its page supersedes this copy: compare the commit and date on each page.</p>
<h2>Contents</h2>
<ol>
${rows}
</ol>
</body></html>
`;
}
