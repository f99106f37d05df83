/**
 * The docs folder as a graph: which files exist, their ids, URLs and heading anchors, and how a
 * relative link written on the repo host resolves to a page on the site. Files are read and parsed
 * lazily and once, so checking one page touches only the pages it links to.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { closest } from '../../schemas/suggest.ts';
import { readFrontmatter } from './frontmatter.ts';
import { headingsOf, parseDoc, type HeadingInfo } from './markdown.ts';
import { candidateSources, docIdFromPath, isDocFile, urlForId } from './routes.ts';

export type LinkResolution =
	| { kind: 'external' }
	| { kind: 'doc'; target: string; id: string; url: string; hash: string }
	| { kind: 'asset'; target: string }
	| { kind: 'error'; rule: 'link-target' | 'link-anchor'; message: string };

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

export class DocTree {
	readonly root: string;
	readonly files: Set<string>;
	private headingCache = new Map<string, HeadingInfo[] | null>();
	private frontmatterCache = new Map<string, Record<string, unknown>>();
	// A tree of 1,000 docs carries ~8,500 links to ~1,000 pages: each path is looked up once.
	private docCache = new Map<string, string | undefined>();
	private idCache = new Map<string, { id: string; url: string }>();

	constructor(root: string) {
		this.root = root;
		this.files = new Set(walk(root).map((abs) => relative(root, abs).split('\\').join('/')));
	}

	docs(): string[] {
		return [...this.files].filter(isDocFile).sort();
	}

	read(rel: string): string {
		return readFileSync(join(this.root, rel), 'utf8');
	}

	/** Heading anchors of a doc, or null when it cannot be parsed (its own check reports why). */
	headings(rel: string): HeadingInfo[] | null {
		if (!this.headingCache.has(rel)) {
			try {
				this.headingCache.set(rel, headingsOf(parseDoc(this.read(rel), rel.endsWith('.mdx'))));
			} catch {
				this.headingCache.set(rel, null);
			}
		}
		return this.headingCache.get(rel)!;
	}

	/** Record headings already computed from a parse done elsewhere (the checker's), so the file is not parsed again. */
	primeHeadings(rel: string, headings: HeadingInfo[] | null): void {
		this.headingCache.set(rel, headings);
	}

	/** The raw (unvalidated) frontmatter, read once; `{}` when there is none to read. */
	frontmatter(rel: string): Record<string, unknown> {
		if (!this.frontmatterCache.has(rel)) this.frontmatterCache.set(rel, readFrontmatter(this.read(rel)).raw ?? {});
		return this.frontmatterCache.get(rel)!;
	}

	title(rel: string): string {
		const title = this.frontmatter(rel).title;
		return typeof title === 'string' ? title : docIdFromPath(rel);
	}

	/** The source file a docs-root-relative path (`related` entry or resolved link) means, if any. */
	findDoc(rootRelative: string): string | undefined {
		if (!this.docCache.has(rootRelative)) this.docCache.set(rootRelative, candidateSources(rootRelative).find((c) => this.files.has(c)));
		return this.docCache.get(rootRelative);
	}

	private route(target: string): { id: string; url: string } {
		let route = this.idCache.get(target);
		if (!route) {
			const id = docIdFromPath(target);
			route = { id, url: urlForId(id) };
			this.idCache.set(target, route);
		}
		return route;
	}

	/** Resolve `href` as written in `fromRel` (a path relative to the docs root). */
	resolveLink(fromRel: string, href: string): LinkResolution {
		if (EXTERNAL.test(href) || href.startsWith('/')) return { kind: 'external' };
		const hashAt = href.indexOf('#');
		let rawPath = hashAt === -1 ? href : href.slice(0, hashAt);
		// Most links have no escapes and no query: decoding and splitting only when there are.
		if (rawPath.includes('%')) {
			try {
				rawPath = decodeURI(rawPath);
			} catch {
				return { kind: 'error', rule: 'link-target', message: `Unexpected malformed URL \`${href}\` (a \`%\` not followed by two hex digits), expected a valid link (write \`%25\` for a literal \`%\`)` };
			}
		}
		const queryAt = rawPath.indexOf('?');
		if (queryAt !== -1) rawPath = rawPath.slice(0, queryAt);
		const hash = hashAt === -1 ? '' : href.slice(hashAt + 1);
		let target = fromRel;
		if (rawPath !== '') {
			// posix.join normalises already.
			const joined = posix.join(posix.dirname(fromRel), rawPath) + (rawPath.endsWith('/') ? '/' : '');
			if (joined.startsWith('../')) return { kind: 'error', rule: 'link-target', message: `Unexpected link \`${href}\` outside the docs folder, expected a path to a doc under src/content/docs` };
			const looksLikeDoc = /\.mdx?$/i.test(rawPath) || rawPath.endsWith('/') || !/\.[a-z0-9]+$/i.test(rawPath);
			if (!looksLikeDoc) {
				return this.files.has(joined) ? { kind: 'asset', target: joined } : { kind: 'error', rule: 'link-target', message: `Unexpected link to missing file \`${href}\`, expected an existing file (looked for \`${joined}\`)` };
			}
			const found = this.findDoc(joined);
			if (!found) {
				return { kind: 'error', rule: 'link-target', message: `Unexpected link to missing doc \`${href}\`, expected an existing page (looked for ${candidateSources(joined).map((c) => `\`${c}\``).join(', ')})${suggestDoc(joined, this.docs())}` };
			}
			target = found;
		}
		if (hash) {
			const headings = this.headings(target);
			if (headings && !headings.some((h) => h.slug === hash)) {
				const near = headings.map((h) => h.slug);
				const hint = closest(hash, near);
				return { kind: 'error', rule: 'link-anchor', message: `Unexpected anchor \`#${hash}\` in \`${href}\`, expected a heading of ${target}${hint ? ` (did you mean \`#${hint}\`?)` : near.length ? `; its anchors are ${near.slice(0, 12).map((s) => `#${s}`).join(', ')}` : ''}` };
			}
		}
		const { id, url } = this.route(target);
		return { kind: 'doc', target, id, url: url + (hash ? `#${hash}` : ''), hash };
	}
}

/** Suggest by file name, not whole path: a shared folder prefix would make every sibling look close. */
export function suggestDoc(joined: string, docs: string[]): string {
	const stem = (p: string) => posix.basename(p).replace(/\.mdx?$/, '');
	const hint = closest(stem(joined), docs.map(stem));
	if (!hint) return '';
	const sameDir = docs.filter((d) => stem(d) === hint).sort((a, b) => Number(posix.dirname(b) === posix.dirname(joined)) - Number(posix.dirname(a) === posix.dirname(joined)));
	return ` (did you mean \`${sameDir[0]}\`?)`;
}

function walk(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.name.startsWith('.')) continue;
		const abs = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...walk(abs));
		else if (entry.isFile() || statSync(abs).isFile()) out.push(abs);
	}
	return out;
}
