import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocsChunk } from '../../schemas/docs-chunk.ts';
import type { DocsIndex } from '../../schemas/docs-index.ts';
import { FRONTMATTER_FIELDS } from '../../schemas/frontmatter.ts';
import { TAGS } from '../../schemas/tags.ts';
import { FIXTURE_DIST, ROOT, SITE_DIST } from '../helpers/paths.ts';

// The published schemas' own types: the test reads the JSON the build wrote, typed as the schema says.
type Index = DocsIndex;
type Chunk = DocsChunk;

const SITE = 'https://docs.neotool.io';
const read = (dist: string, file: string) => readFileSync(join(dist, file), 'utf8');
const load = (dist: string) => ({
	index: JSON.parse(read(dist, 'docs-index.json')) as Index,
	chunks: read(dist, 'docs-chunks.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l) as Chunk),
});
/** Built path of a page or twin URL on this site. */
const fileOf = (dist: string, url: string, name = 'index.html') => join(dist, new URL(url).pathname, url.endsWith('.md') ? '' : name);

/** Every HTML page built from a source file: all of them but the 404 page and the generated tag pages. */
function sourcePages(dist: string, redirected: Set<string>): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		const path = dir === dist ? '/' : `/${relative(dist, dir)}/`;
		// A moved page's old path holds a redirect page (src/lib/redirects.ts), not a page built from a source.
		if (existsSync(join(dir, 'index.html')) && !redirected.has(path)) out.push(path);
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory() && !(dir === dist && ['_astro', 'pagefind', 'tags'].includes(e.name))) walk(join(dir, e.name));
		}
	};
	walk(dist);
	return out.sort();
}

describe.each([
	['fixture', FIXTURE_DIST],
	['site', SITE_DIST],
])('agents index of the %s build', (_name, dist) => {
	const { index, chunks } = load(dist);
	const newAjv = () => {
		const ajv = new Ajv2020({ allErrors: true, strict: true });
		addFormats.default(ajv);
		return ajv;
	};

	it('validates against its published JSON Schema (2020-12), as does every chunk', () => {
		const ajv = newAjv();
		const schema = JSON.parse(read(dist, 'docs-index.schema.json'));
		expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
		expect(schema.$id).toBe(`${SITE}/docs-index.schema.json`);
		const validIndex = ajv.compile(schema);
		expect(validIndex(index), ajv.errorsText(validIndex.errors)).toBe(true);
		const validChunk = ajv.compile(JSON.parse(read(dist, 'docs-chunk.schema.json')));
		for (const c of chunks) expect(validChunk(c), `${c.id}: ${ajv.errorsText(validChunk.errors)}`).toBe(true);
	});

	it('rejects what the schema forbids (the validation is not vacuous)', () => {
		const validIndex = newAjv().compile(JSON.parse(read(dist, 'docs-index.schema.json')));
		const broken = structuredClone(index);
		broken.docs[0]!.frontmatter.status = 'retired' as never;
		(broken.docs[0] as Record<string, unknown>).extra = 1;
		expect(validIndex(broken)).toBe(false);
		expect(validIndex.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual(expect.arrayContaining(['/docs/0 must NOT have additional properties', '/docs/0/frontmatter/status must be equal to one of the allowed values']));
	});

	it('lists every page built from a source file exactly once, and nothing else', () => {
		const ids = index.docs.map((d) => d.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(index.docs.map((d) => new URL(d.url).pathname).sort()).toEqual(sourcePages(dist, new Set(index.redirects.map((r) => new URL(r.from).pathname))));
		expect(ids).toEqual([...ids].sort());
		expect(index.counts.docs).toBe(ids.length);
		expect(index.counts.chunks).toBe(chunks.length);
	});

	it('carries every frontmatter field, related resolved to known doc ids', () => {
		const ids = new Set(index.docs.map((d) => d.id));
		for (const d of index.docs) {
			expect(Object.keys(d.frontmatter).sort()).toEqual([...FRONTMATTER_FIELDS].sort());
			for (const id of [...d.frontmatter.related, ...d.links, ...d.backlinks]) expect(ids.has(id), `${d.id} → ${id}`).toBe(true);
			expect(d.editUrl).toBe(`https://github.com/neotool/neotool/edit/main/${d.sourcePath}`);
			expect(existsSync(join(ROOT, d.sourcePath))).toBe(true);
		}
	});

	it('hashes and measures the Markdown twin the site serves', () => {
		for (const d of index.docs) {
			const twin = readFileSync(fileOf(dist, d.mdUrl));
			expect(d.mdUrl).toBe(`${d.url}index.md`);
			expect(d.contentHash).toBe(createHash('sha256').update(twin).digest('hex'));
			expect(d.tokens).toBe(Math.ceil(twin.toString('utf8').length / 4));
		}
	});

	it('points every heading and chunk at an id present in the built page', () => {
		const ids = new Map<string, Set<string>>();
		const idsOf = (url: string) => {
			const file = fileOf(dist, url);
			if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
			return ids.get(file)!;
		};
		for (const c of chunks) {
			const [page, anchor] = c.url.split('#');
			expect(existsSync(fileOf(dist, page!)), c.url).toBe(true);
			expect(idsOf(page!).has(anchor!), c.url).toBe(true);
			expect(anchor).toBe(c.anchor);
		}
		for (const d of index.docs) for (const h of d.headings) expect(idsOf(d.url).has(h.anchor), h.url).toBe(true);
	});

	it('lists each page its chunks in order, chained by prev/next', () => {
		const byDoc = new Map<string, string[]>();
		for (const c of chunks) byDoc.set(c.docId, [...(byDoc.get(c.docId) ?? []), c.id]);
		for (const d of index.docs) expect(d.chunks).toEqual(byDoc.get(d.id) ?? []);
		const byId = new Map(chunks.map((c) => [c.id, c]));
		for (const c of chunks) {
			if (c.next) expect(byId.get(c.next)!.prev).toBe(c.id);
			expect(c.tokens).toBe(Math.ceil(c.text.length / 4));
		}
	});

	it('derives the graph and tags from the docs, and dates the build from the last commit', () => {
		const edges = index.docs.flatMap((d) => [...d.links.map((to) => `${d.id} ${to} link`), ...d.frontmatter.related.map((to) => `${d.id} ${to} related`)]);
		expect(index.graph.edges.map((e) => `${e.from} ${e.to} ${e.kind}`)).toEqual(edges.sort());
		for (const d of index.docs) expect(d.backlinks).toEqual([...new Set(index.graph.edges.filter((e) => e.to === d.id && e.from !== d.id).map((e) => e.from))].sort());
		expect(index.tags.map((t) => t.id)).toEqual([...TAGS]);
		for (const t of index.tags) expect(t.docs).toEqual(index.docs.filter((d) => d.frontmatter.tags.includes(t.id)).map((d) => d.id));
		// The build's commit, not the clock; while commits land during a local run it may be a recent one.
		const commits = execFileSync('git', ['log', '-20', '--format=%cI'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').map((t) => new Date(t).toISOString());
		if (process.env.SOURCE_DATE_EPOCH) expect(index.generatedAt).toBe(new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString());
		else if (process.env.CI) expect(index.generatedAt).toBe(commits[0]);
		else expect(commits).toContain(index.generatedAt);
	});
});

describe('agents index of the fixture build: exact entries', () => {
	const { index, chunks } = load(FIXTURE_DIST);
	const doc = (id: string) => index.docs.find((d) => d.id === id)!;

	it('describes the restart runbook fully', () => {
		const d = doc('ops/restart-runbook');
		expect({ ...d, contentHash: undefined, tokens: undefined }).toEqual({
			id: 'ops/restart-runbook',
			url: `${SITE}/ops/restart-runbook/`,
			mdUrl: `${SITE}/ops/restart-runbook/index.md`,
			sourcePath: 'test/fixtures/site/ops/restart-runbook.mdx',
			editUrl: 'https://github.com/neotool/neotool/edit/main/test/fixtures/site/ops/restart-runbook.mdx',
			section: 'ops',
			frontmatter: {
				title: 'Restart Runbook',
				description: 'Restart the app deployment safely; used by tests for links, diagrams and metadata.',
				type: 'infrastructure',
				category: 'operations',
				kind: 'runbook',
				status: 'current',
				version: '2.1.0',
				tags: ['kubernetes', 'operations'],
				related: ['guides/old-guide'],
				redirect_from: ['/ops/restart/', '/runbooks/restart-app/'],
				last_updated: '2026-01-02',
				last_reviewed: null,
				owner: 'SRE Team',
				review_frequency: 'monthly',
				search_keywords: ['zephyrquokka', 'bounce pods'],
				ai_optimized: false,
				print_binder: true,
			},
			headings: ['Prerequisites', 'Steps', 'Expected outcome', 'Troubleshooting', 'Rollback'].map((text) => {
				const anchor = text.toLowerCase().replace(' ', '-');
				return { depth: 2, text, anchor, url: `${SITE}/ops/restart-runbook/#${anchor}` };
			}),
			wordCount: 40, // the restart command gained --field-manager=flux-client-side-apply: one word more
			tokens: undefined,
			contentHash: undefined,
			links: ['guides/old-guide'],
			backlinks: ['guides/old-guide', 'index', 'ops'],
			chunks: ['_top', 'prerequisites', 'steps', 'expected-outcome', 'troubleshooting', 'rollback'].map((a) => `ops/restart-runbook#${a}`),
		});
	});

	it('keeps commands and diagrams as code blocks of their chunk', () => {
		const steps = chunks.find((c) => c.id === 'ops/restart-runbook#steps')!;
		expect(steps).toEqual({
			id: 'ops/restart-runbook#steps',
			docId: 'ops/restart-runbook',
			url: `${SITE}/ops/restart-runbook/#steps`,
			anchor: 'steps',
			part: 1,
			headingPath: ['Restart Runbook', 'Steps'],
			text: 'kubectl rollout restart deployment/app -n neotool-app --field-manager=flux-client-side-apply\n\nflowchart LR\n  A[Restart] --> B[Verify]',
			code: [
				{ lang: 'bash', value: 'kubectl rollout restart deployment/app -n neotool-app --field-manager=flux-client-side-apply' },
				{ lang: 'mermaid', value: 'flowchart LR\n  A[Restart] --> B[Verify]' },
			],
			tokens: 34,
			prev: 'ops/restart-runbook#prerequisites',
			next: 'ops/restart-runbook#expected-outcome',
		});
	});

	it('groups sections by folder with the overview page first', () => {
		expect(index.sections).toEqual([
			{ dir: 'guides', label: 'guides', url: null, docs: ['guides/old-guide'] },
			{ dir: 'ops', label: 'Ops Section', url: `${SITE}/ops/`, docs: ['ops', 'ops/platform-facts', 'ops/restart-runbook'] },
		]);
		expect(doc('index').section).toBeNull();
	});

	it('records every link and related edge', () => {
		expect(index.graph.edges.map((e) => `${e.from} → ${e.to} (${e.kind})`)).toEqual([
			'guides/old-guide → ops/restart-runbook (link)',
			'index → ops (link)',
			'index → ops/restart-runbook (link)',
			'index → ops/restart-runbook (related)',
			'ops → guides/old-guide (link)',
			'ops → ops/restart-runbook (link)',
			'ops/restart-runbook → guides/old-guide (link)',
			'ops/restart-runbook → guides/old-guide (related)',
		]);
		expect(index.tags.find((t) => t.id === 'kubernetes')).toEqual({ id: 'kubernetes', description: 'Kubernetes objects, kubectl and cluster operations.', url: `${SITE}/tags/kubernetes/`, docs: ['ops', 'ops/restart-runbook'] });
		expect(index.tags.find((t) => t.id === 'vault')!.url).toBeNull();
	});
});
