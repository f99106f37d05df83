/** The median and largest HTML page of a built site, in bytes as written (issue #16: flat with the site's size). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PageWeight {
	pages: number;
	medianBytes: number;
	largestBytes: number;
	largestPage: string;
}

export function pageWeight(dist: string): PageWeight {
	const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name.endsWith('.html'))
		.map((e) => {
			const path = join(e.parentPath, e.name);
			return { page: path.slice(dist.length), bytes: statSync(path).size };
		})
		.sort((a, b) => a.bytes - b.bytes || a.page.localeCompare(b.page));
	if (pages.length === 0) return { pages: 0, medianBytes: 0, largestBytes: 0, largestPage: '' };
	const mid = pages.length >> 1;
	const median = pages.length % 2 ? pages[mid]!.bytes : Math.round((pages[mid - 1]!.bytes + pages[mid]!.bytes) / 2);
	const largest = pages.at(-1)!;
	return { pages: pages.length, medianBytes: median, largestBytes: largest.bytes, largestPage: largest.page };
}
