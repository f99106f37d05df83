/**
 * Published URLs never break (issue 17). Cross-page rules, run once every page is known:
 * - `redirect-from`: a `redirect_from` path is not the path of a live page (it would shadow it) and
 *   is claimed by one page only (the schema checks each path's shape, ../../../schemas/redirect-from.ts);
 * - `url-lost`: every path in the committed published-urls.txt is still a page or a redirect, so
 *   renaming a page without `redirect_from` fails, naming the lost path and the nearest page;
 * - `url-unlisted` (warning): a page missing from published-urls.txt (`npm run urls` adds it);
 * - `link-runbook-url`: an alert rule's `runbook_url` annotation in a YAML block points at a
 *   published page of this site (and an existing heading), not at a redirect or nothing; so does a
 *   `runbook` annotation, which the docs' rules write as a path from the docs root
 *   (`11-infrastructure/incident-response.md#service-down`).
 */
import { createRequire } from 'node:module';
import { suggestDoc, type DocTree } from '../../../src/lib/doc-tree.ts';
import { readFrontmatter } from '../../../src/lib/frontmatter.ts';
import { parseDoc } from '../../../src/lib/markdown.ts';
import { claimsOfTree, parseUrlList, publishedPaths, redirectsOf, URL_LIST_FILE } from '../../../src/lib/redirects.ts';
import { docIdFromPath, urlForId } from '../../../src/lib/routes.ts';
import { SITE_URL } from '../../../src/lib/site-config.ts';
import { collectFences } from '../code/fences.ts';
import type { Problem } from '../types.ts';

export interface UrlRuleInput {
	tree: DocTree;
	/** Pages checked in this run (docs-root-relative) → how each is shown. */
	selected: Map<string, string>;
	/** published-urls.txt: its text and how it is shown, when the run has one. */
	contract?: { text: string; display: string };
	/** The page's bytes, when the run already read them. */
	read?: (rel: string) => string;
	siteUrl?: string;
}

const YAML_LANGS = new Set(['yaml', 'yml']);
/** A line that may hold the annotation key: only pages with one are parsed (`kind: runbook` is on most pages). */
const RUNBOOK_KEY = /^[ \t>-]*runbook(?:_url)?[ \t]*:/m;

export function checkUrls({ tree, selected, contract, read: readFile = (rel) => tree.read(rel), siteUrl = SITE_URL }: UrlRuleInput): Problem[] {
	const problems: Problem[] = [];
	// Each page is read once here, however many of the rules below look at it.
	const sources = new Map<string, string>();
	const read = (rel: string) => sources.get(rel) ?? sources.set(rel, readFile(rel)).get(rel)!;
	const docs = tree.docs();
	const live = new Map<string, string>();
	for (const rel of docs) if (!rel.split('/').at(-1)!.startsWith('_')) live.set(urlForId(docIdFromPath(rel)), rel);
	const claims = claimsOfTree(tree, read);
	const redirects = new Map(redirectsOf(claims).map((r) => [r.from, r]));

	// redirect_from against the other pages.
	const firstClaim = new Map<string, string>();
	for (const claim of [...claims].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
		let located: ReturnType<typeof readFrontmatter> | undefined;
		claim.paths.forEach((path, index) => {
			const at = () => (located ??= readFrontmatter(read(claim.rel))).locate(['redirect_from', index]);
			const report = (message: string) => {
				if (selected.has(claim.rel)) problems.push({ file: selected.get(claim.rel)!, ...at(), rule: 'redirect-from', severity: 'error', message });
			};
			const page = live.get(path);
			if (page) report(`Unexpected redirect_from \`${path}\`, the address of the live page \`${page}\`; expected an old path no page has now (a redirect there would hide that page)`);
			else if (firstClaim.has(path)) report(`Unexpected redirect_from \`${path}\` already claimed by \`${firstClaim.get(path)}\`, expected each old path to redirect to one page (keep it on the page that replaced the old one)`);
			else firstClaim.set(path, claim.rel);
		});
	}

	// The contract.
	if (contract) {
		const listed = parseUrlList(contract.text);
		const known = new Set(listed.map((l) => l.path));
		// A rename loses one path and adds one page: the pages not listed yet are the likeliest new homes.
		const unlisted = [...live].filter(([path]) => !known.has(path)).map(([, rel]) => rel);
		for (const { path, line } of listed) {
			if (live.has(path) || redirects.has(path)) continue;
			const oldSource = path === '/' ? 'index.mdx' : `${path.slice(1, -1)}.mdx`;
			const hint = unlisted.length ? ` (pages not in the list yet: ${unlisted.slice(0, 5).map((r) => `\`${r}\``).join(', ')})` : suggestDoc(oldSource, docs);
			problems.push({
				file: contract.display,
				line,
				column: 1,
				rule: 'url-lost',
				severity: 'error',
				message: `Unexpected lost URL \`${path}\`: it is in ${URL_LIST_FILE} but no page is published there and no page redirects from it (a page was renamed, moved or deleted); expected \`redirect_from: ["${path}"]\` in the frontmatter of the page that replaces it${hint}, or the page back at that path`,
			});
		}
		for (const [path, rel] of live) {
			if (known.has(path) || !selected.has(rel)) continue;
			problems.push({ file: selected.get(rel)!, line: 1, column: 1, rule: 'url-unlisted', severity: 'warning', message: `Unexpected page URL \`${path}\` missing from ${URL_LIST_FILE}, expected every published page listed there so a later rename cannot lose it (run \`npm run urls\` and commit the list)` });
		}
	}

	// runbook_url / runbook annotations in alert rules.
	for (const [rel, display] of selected) {
		const source = read(rel);
		if (!RUNBOOK_KEY.test(source)) continue;
		for (const found of runbookUrls(source, rel.endsWith('.mdx'))) {
			const message = found.key === 'runbook' && !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(found.url) ? runbookPathProblem(found.url, tree) : runbookUrlProblem(found.url, tree, live, redirects, siteUrl);
			if (message) problems.push({ file: display, line: found.line, column: found.column, rule: 'link-runbook-url', severity: 'error', message });
		}
	}
	return problems;
}

/** Every `runbook_url` value, and `runbook` inside `annotations`, in the page's YAML blocks, at its place in the page. */
export function runbookUrls(source: string, isMdx: boolean): { key: 'runbook_url' | 'runbook'; url: string; line: number; column: number }[] {
	const { parseAllDocuments, visit, isPair, isScalar } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
	let root;
	try {
		root = parseDoc(source, isMdx);
	} catch {
		return []; // The page's own syntax error is reported by its analysis.
	}
	const out: { key: 'runbook_url' | 'runbook'; url: string; line: number; column: number }[] = [];
	for (const fence of collectFences(root, source)) {
		if (!YAML_LANGS.has(fence.lang) || !RUNBOOK_KEY.test(fence.value)) continue;
		const starts = [0];
		for (let i = 0; i < fence.value.length; i++) if (fence.value[i] === '\n') starts.push(i + 1);
		const place = (offset: number) => {
			let line = starts.length - 1;
			while (starts[line]! > offset) line--;
			return fence.at(line + 1, offset - starts[line]! + 1);
		};
		for (const doc of parseAllDocuments(fence.value)) {
			if (doc.errors.length) continue; // code-yaml reports it.
			visit(doc, {
				Pair(_, pair, path) {
					if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') return;
					const key = pair.key.value;
					// `runbook` is a common word: only the alert annotation (a pair under `annotations:`) counts.
					const parent = path.at(-2);
					const inAnnotations = isPair(parent) && isScalar(parent.key) && parent.key.value === 'annotations';
					if (key === 'runbook_url' || (key === 'runbook' && inAnnotations)) out.push({ key, url: pair.value.value, ...place(pair.value.range?.[0] ?? 0) });
				},
			});
		}
	}
	return out;
}

/** Why a `runbook` path from the docs root names no page or heading, or undefined when it names one. */
export function runbookPathProblem(value: string, tree: DocTree): string | undefined {
	const [path, anchor] = value.split('#', 2) as [string, string | undefined];
	const page = tree.findDoc(path);
	if (!page) return `Unexpected runbook \`${value}\` that matches no page, expected a path from the docs root to an existing runbook such as \`11-infrastructure/incident-response.md\`${suggestDoc(path, tree.docs())}`;
	if (anchor) {
		const headings = tree.headings(page);
		if (headings && !headings.some((h) => h.slug === anchor)) return `Unexpected anchor \`#${anchor}\` in runbook \`${value}\`, expected a heading of ${page}; its anchors are ${headings.slice(0, 12).map((h) => `#${h.slug}`).join(', ')}`;
	}
	return undefined;
}

/** Why a runbook_url is not a published page of this site, or undefined when it is one. */
export function runbookUrlProblem(url: string, tree: DocTree, live: Map<string, string>, redirects: Map<string, { to: string }>, siteUrl: string): string | undefined {
	const base = new URL(siteUrl);
	let parsed: URL;
	try {
		parsed = new URL(url, base);
	} catch {
		return `Unexpected runbook_url \`${url}\`, expected a URL of a page of this site such as \`${base.origin}/11-infrastructure/incident-response/\``;
	}
	// Another site's runbook (a vendor's) is not ours to resolve.
	if (parsed.origin !== base.origin) return undefined;
	let path = decodeURI(parsed.pathname);
	if (path.endsWith('/index.html')) path = path.slice(0, -'index.html'.length);
	if (!path.endsWith('/')) path += '/';
	const page = live.get(path);
	if (!page) {
		const moved = redirects.get(path);
		if (moved) return `Unexpected runbook_url \`${url}\` to the old path \`${path}\`, which redirects; expected the page's address \`${base.origin}${moved.to}${parsed.hash}\` (alert links should not depend on a redirect)`;
		return `Unexpected runbook_url \`${url}\` that matches no published page, expected the URL of an existing runbook${suggestDoc(`${path.slice(1, -1) || 'index'}.mdx`, tree.docs())}`;
	}
	const anchor = parsed.hash.slice(1);
	if (anchor) {
		const headings = tree.headings(page);
		if (headings && !headings.some((h) => h.slug === anchor)) return `Unexpected anchor \`#${anchor}\` in runbook_url \`${url}\`, expected a heading of ${page}; its anchors are ${headings.slice(0, 12).map((h) => `#${h.slug}`).join(', ')}`;
	}
	return undefined;
}
