/**
 * Issue-level proofs about the real content: every page and anchor the SRE seed links to exists in
 * the built site, every runbook has its five sections, facts render from data, and related lists
 * are meaningful and mostly reciprocated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RUNBOOK_SECTIONS } from '../../schemas/kind.ts';
import { candidateSources, docIdFromPath, urlForId } from '../../src/lib/routes.ts';
import { run } from '../helpers/build.ts';
import { ROOT, SITE_DIST } from '../helpers/paths.ts';

// The seed's links as the project's own data, so the suite needs nothing outside the repository.
const SEED_LINKS = join(ROOT, 'src/data/seed-links.yaml');
const html = (url: string) => readFileSync(join(SITE_DIST, url, 'index.html'), 'utf8');
const index = JSON.parse(readFileSync(join(SITE_DIST, 'docs-index.json'), 'utf8')) as {
	docs: { id: string; url: string; frontmatter: { kind: string; related: string[]; title: string }; headings: { depth: number; text: string; anchor: string }[] }[];
};

describe('the SRE seed’s links', () => {
	const links = (parse(readFileSync(SEED_LINKS, 'utf8')) as { links: string[] }).links;

	it('are many (the seed is the section’s front page)', () => {
		expect(links.length).toBeGreaterThanOrEqual(40);
	});

	it('each reach a built page and, where given, its anchor', () => {
		const missing: string[] = [];
		for (const link of links) {
			const [path, anchor] = link.split('#') as [string, string | undefined];
			// The seed is 11-infrastructure/README.md; its links are relative to that folder.
			const target = posix.normalize(posix.join('11-infrastructure', path)) + (path.endsWith('/') ? '/' : '');
			const source = candidateSources(target).find((c) => existsSync(join(ROOT, 'src/content/docs', c)));
			if (!source) {
				missing.push(`${link}: no source page`);
				continue;
			}
			const url = urlForId(docIdFromPath(source));
			if (!existsSync(join(SITE_DIST, url, 'index.html'))) missing.push(`${link}: ${url} not built`);
			else if (anchor && !html(url).includes(`id="${anchor}"`)) missing.push(`${link}: no #${anchor} on ${url}`);
		}
		expect(missing).toEqual([]);
	});
});

describe('runbooks', () => {
	it('have Prerequisites, Steps, Expected outcome, Troubleshooting and Rollback, in order', () => {
		const runbooks = index.docs.filter((d) => d.frontmatter.kind === 'runbook');
		expect(runbooks.length).toBeGreaterThanOrEqual(12);
		for (const doc of runbooks) {
			const h2 = doc.headings.filter((h) => h.depth === 2).map((h) => h.text);
			expect(RUNBOOK_SECTIONS.map((s) => h2.indexOf(s)), doc.id).toEqual([...RUNBOOK_SECTIONS.map((s) => h2.indexOf(s))].sort((a, b) => a - b));
			expect(RUNBOOK_SECTIONS.filter((s) => !h2.includes(s)), doc.id).toEqual([]);
		}
	});
});

describe('facts', () => {
	const facts = parse(readFileSync(join(ROOT, 'src/data/facts.yaml'), 'utf8')) as { components: { id: string; image: string }[]; namespaces: { name: string; system?: boolean }[] };

	it('render from src/data/facts.yaml wherever a page uses them', () => {
		let seen = 0;
		for (const doc of index.docs) {
			const page = html(doc.url.replace(/^https?:\/\/[^/]+/, ''));
			for (const m of page.matchAll(/<code data-fact="image:([^"]+)">([^<]+)<\/code>/g)) {
				seen++;
				expect(m[2], `${doc.id} image:${m[1]}`).toBe(facts.components.find((c) => c.id === m[1])!.image);
			}
			const table = /<table[^>]*data-facts="components"[\s\S]*?<\/table>/.exec(page)?.[0];
			if (table) {
				seen++;
				for (const c of facts.components) expect(table, doc.id).toContain(`<code>${c.image}</code>`);
			}
			const namespaces = /<table[^>]*data-facts="namespaces"[\s\S]*?<\/table>/.exec(page)?.[0];
			if (namespaces) for (const n of facts.namespaces.filter((x) => !x.system)) expect(namespaces, doc.id).toContain(`<code>${n.name}</code>`);
		}
		expect(seen).toBeGreaterThan(5);
	});

	it('pin every image: no `:latest` anywhere in the built pages', () => {
		const offenders = index.docs.filter((d) => /\b[\w./-]+:latest\b/.test(html(d.url.replace(/^https?:\/\/[^/]+/, '')).replace(/<[^>]+>/g, '')));
		expect(offenders.map((d) => d.id)).toEqual([]);
	});
});

describe('frontmatter and related lists', () => {
	it('pass the authors’ check with no error', () => {
		const result = run('node', ['scripts/check.mjs', '--no-cache']);
		expect(result.stderr).toMatch(/files checked: 0 errors/);
		expect(result.status).toBe(0);
	});

	it('give every page at least two related docs, each page linked both ways with at least one of them', () => {
		const byId = new Map(index.docs.map((d) => [d.id, d]));
		const relatesBack = (from: string, to: string) => byId.get(to)?.frontmatter.related.includes(from) ?? false;
		for (const doc of index.docs) expect(doc.frontmatter.related.length, doc.id).toBeGreaterThanOrEqual(2);
		// The home page relates to every section and nothing needs to relate back to it.
		const unanswered = index.docs.filter((d) => d.id !== 'index' && !d.frontmatter.related.some((r) => relatesBack(d.id, r)));
		expect(unanswered.map((d) => d.id)).toEqual([]);
		// Hubs cannot list every page that names them (related lists stay under 8), so not all edges
		// can be mutual; most should be.
		const edges = index.docs.flatMap((d) => d.frontmatter.related.map((r) => [d.id, r] as const));
		expect(edges.filter(([from, to]) => relatesBack(from, to)).length / edges.length).toBeGreaterThanOrEqual(0.5);
	});
});
