import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_INDEX_SCHEMA_VERSION } from '../../schemas/docs-index.ts';
import { FACT_RENDERERS } from '../../src/components/facts/markdown.ts';
import { chunkDoc, estimateTokens, MAX_CHUNK_TOKENS } from '../../src/lib/agents/chunks.ts';
import { AgentSchemaError, validateChunk, validateIndex } from '../../src/lib/agents/build-agent-files.ts';
import { cleanTree } from '../../src/lib/agents/clean-tree.ts';
import { LLMS_TXT_MAX_CHARS, renderLlmsTxt } from '../../src/lib/agents/llms.ts';
import { generatedAt } from '../../src/lib/agents/generated-at.ts';
import { stem } from '../../src/lib/agents/search.ts';
import { markdownOf } from '../../src/lib/agents/twin.ts';
import { siteUrls } from '../../src/lib/agents/urls.ts';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { FIXTURE_DOCS, ROOT } from '../helpers/paths.ts';

const tree = new DocTree(FIXTURE_DOCS);
const urls = siteUrls('https://docs.example.org/');
const clean = (body: string, rel = 'ops/sample.mdx') =>
	cleanTree({ rel, source: `---\ntitle: Sample\n---\n${body}`, tree, absolute: urls.absolute, assetUrl: (t) => `https://repo.example.org/${t}` });

describe('generatedAt: never the clock', () => {
	const git = () => '2026-03-04T05:06:07+02:00';
	it('takes SOURCE_DATE_EPOCH first, then the last commit in UTC, then the newest page date', () => {
		expect(generatedAt({ sourceDateEpoch: '1767312000', lastCommit: git })).toBe('2026-01-02T00:00:00.000Z');
		expect(generatedAt({ sourceDateEpoch: '', lastCommit: git })).toBe('2026-03-04T03:06:07.000Z');
		expect(generatedAt({ lastCommit: () => undefined, newestDocDate: '2026-02-03' })).toBe('2026-02-03T00:00:00.000Z');
	});
	it('rejects a SOURCE_DATE_EPOCH that is not seconds', () => {
		expect(() => generatedAt({ sourceDateEpoch: '2026-01-02', lastCommit: git })).toThrow('Unexpected SOURCE_DATE_EPOCH `2026-01-02`, expected seconds since 1970');
	});
});

describe('cleanTree: MDX to plain Markdown', () => {
	it('has a Markdown renderer for every facts component the pages can import', () => {
		const exported = [...readFileSync(join(ROOT, 'src/components/facts/index.ts'), 'utf8').matchAll(/export \{ default as (\w+) \}/g)].map((m) => m[1]);
		expect(Object.keys(FACT_RENDERERS).sort()).toEqual(exported.sort());
	});

	it('drops imports and comments, renders facts, keeps mermaid, makes links absolute', () => {
		const md = markdownOf(
			clean(
				"import { Image } from '~/components/facts';\n\n{/* note to self */}\n\nRuns <Image of=\"postgresql\" />, see [steps](./restart-runbook.md#steps), [top](#intro), [tags](/tags/) and [spec](https://example.com/x).\n\n## Intro\n\n```mermaid\nflowchart LR\n  A --> B\n```\n",
			),
		);
		expect(md).toBe(
			'Runs `postgres:18rc1`, see [steps](https://docs.example.org/ops/restart-runbook/#steps), [top](https://docs.example.org/ops/sample/#intro), [tags](https://docs.example.org/tags/) and [spec](https://example.com/x).\n\n## Intro\n\n```mermaid\nflowchart LR\n  A --> B\n```\n',
		);
	});

	it('turns asides into blockquotes and puts unknown directives back as text', () => {
		const md = markdownOf(clean(':::danger[Data loss]\nThis drops the table.\n:::\n\n:::tip\nUse `stern`.\n:::\n\nMeet at 10:30 on host:port.\n'));
		expect(md).toBe('> **Danger: Data loss**\n>\n> This drops the table.\n\n> **Tip**\n>\n> Use `stern`.\n\nMeet at 10:30 on host:port.\n');
	});

	it('unwraps Starlight containers and renders their labels', () => {
		const md = markdownOf(
			clean("import { Tabs, TabItem } from '@astrojs/starlight/components';\n\n<Tabs>\n<TabItem label=\"Staging\">\n\nRun it on staging.\n\n</TabItem>\n</Tabs>\n"),
		);
		expect(md).toBe('**Staging**\n\nRun it on staging.\n');
	});

	it('stops at a component it cannot render, naming the file, line and fix', () => {
		expect(() => clean("import Widget from '../widget.astro';\n\n<Widget />\n")).toThrow(
			'ops/sample.mdx:6:1  Unexpected component <Widget /> with no Markdown rendering, expected a facts component (imported from ~/components/facts) or a Starlight component; add a renderer in src/lib/agents/clean-tree.ts',
		);
		expect(() => clean("import { Image } from '~/components/facts';\n\n<Image of={name} />\n")).toThrow('ops/sample.mdx:6:1  Unexpected expression in `of={…}` on <Image />, expected a string attribute such as of="…"');
	});

	it('gives every heading the id the site gives it, duplicates numbered', () => {
		const root = clean('## Details\n\n### Details\n\n## Details\n');
		const anchors = root.children.filter((n) => n.type === 'heading').map((h) => (h.data as { anchor: string }).anchor);
		expect(anchors).toEqual(['details', 'details-1', 'details-2']);
		// Smart punctuation turns `--` in prose (not in code) into a dash before the site slugs it.
		const dashes = clean('## docker compose up --wait fails\n\n## `up --wait` fails\n').children.map((h) => (h.data as { anchor: string }).anchor);
		expect(dashes).toEqual(['docker-compose-up-wait-fails', 'up---wait-fails']);
	});
});

describe('chunkDoc', () => {
	const paragraph = (i: number) => `Paragraph ${i} ${'lorem ipsum dolor sit amet '.repeat(12).trim()}.`;
	const code = (i: number) => '```bash\n' + `echo step-${i} ${'x'.repeat(300)}\n`.repeat(3) + '```';
	const long = ['Lead text.', '## Steps', ...Array.from({ length: 24 }, (_, i) => (i % 4 === 3 ? code(i) : paragraph(i))), '### Verify', 'All green.'].join('\n\n');
	const chunks = chunkDoc('ops/sample', 'Sample', 'https://docs.example.org/ops/sample/', clean(long));

	it('makes one chunk per section, splitting a long one into parts near the limit', () => {
		expect(chunks.map((c) => c.id)).toEqual(['ops/sample#_top', 'ops/sample#steps', 'ops/sample#steps~2', 'ops/sample#steps~3', 'ops/sample#steps~4', 'ops/sample#verify']);
		expect(chunks.map((c) => c.headingPath.join(' > '))).toEqual(['Sample', 'Sample > Steps', 'Sample > Steps', 'Sample > Steps', 'Sample > Steps', 'Sample > Steps > Verify']);
		for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(MAX_CHUNK_TOKENS);
		// Greedy packing: each part would have overflowed with the next block.
		expect(chunks.slice(1, 4).every((c) => c.tokens > MAX_CHUNK_TOKENS - estimateTokens(code(0)))).toBe(true);
	});

	it('never cuts a code block: each one is whole in exactly one chunk, with its language', () => {
		for (const i of [3, 7, 11, 15, 19, 23]) {
			const value = `echo step-${i} ${'x'.repeat(300)}\n`.repeat(3).trimEnd();
			const holders = chunks.filter((c) => c.code.some((b) => b.value === value && b.lang === 'bash'));
			expect(holders).toHaveLength(1);
			expect(holders[0]!.text).toContain(value);
		}
	});

	it('links the chunks of a page in reading order and points each at its heading', () => {
		expect(chunks.map((c) => [c.prev, c.next])).toEqual(chunks.map((_, i) => [chunks[i - 1]?.id ?? null, chunks[i + 1]?.id ?? null]));
		expect(chunks.map((c) => c.url)).toEqual([
			'https://docs.example.org/ops/sample/#_top',
			...Array(4).fill('https://docs.example.org/ops/sample/#steps'),
			'https://docs.example.org/ops/sample/#verify',
		]);
	});
});

describe('search stemming', () => {
	it('meets the forms people type', () => {
		const same = [
			['restore', 'restoring', 'restored'],
			['pod', 'pods'],
			['rotate', 'rotation', 'rotating'],
			['scale', 'scaling', 'scaled'],
			['certificate', 'certificates'],
			['dependency', 'dependencies'],
			['horizontal', 'horizontally'],
		];
		for (const group of same) expect(new Set(group.map(stem)).size, group.join('/')).toBe(1);
		expect(stem('access')).toBe('access');
		expect(stem('k3s')).toBe('k3s');
		expect(stem('weekly')).toBe('weekly');
	});
});

describe('build-time guards', () => {
	it('stops the build when the index does not match its schema, listing each problem', () => {
		const attempt = () => validateIndex({ schemaVersion: '0.1.0', docs: [] });
		expect(attempt).toThrow(AgentSchemaError);
		const lines = (() => {
			try {
				attempt();
			} catch (error) {
				return (error as Error).message.split('\n');
			}
			return [];
		})();
		expect(lines[0]).toMatch(/^docs-index\.json does not match schemas\/docs-index\.ts \(\d+ problem\(s\)\); fix the builder in src\/lib\/agents\/ or the schema:$/);
		expect(lines).toContain(`  schemaVersion: Invalid input: expected "${DOCS_INDEX_SCHEMA_VERSION}"`);
		expect(lines).toContain('  generatedAt: Invalid input: expected string, received undefined');
	});

	it('stops the build on a chunk that does not match its schema', () => {
		expect(() => validateChunk({ id: 'ops/x#steps', docId: 'ops/x', url: 'not a url' })).toThrow(
			/^docs-chunks\.jsonl record ops\/x#steps does not match schemas\/docs-chunk\.ts; fix the chunker in src\/lib\/agents\/chunks\.ts or the schema:\n {2}url: Invalid URL\n/,
		);
	});

	it('keeps llms.txt under 50,000 characters on a large site by shortlisting each section', () => {
		const doc = (i: number, kind: string) => ({ id: `ops/d${i}`, mdUrl: `https://x.org/ops/d${i}/index.md`, section: 'ops', frontmatter: { title: `Doc ${i}`, description: 'x'.repeat(190), status: 'current', kind } });
		const docs = [{ ...doc(0, 'overview'), id: 'ops', mdUrl: 'https://x.org/ops/index.md' }, ...Array.from({ length: 400 }, (_, i) => doc(i + 1, i % 2 ? 'guide' : 'runbook'))];
		const index = { site: { title: 'T', description: 'D', url: 'https://x.org/' }, sections: [{ dir: 'ops', label: 'Ops', docs: docs.map((d) => d.id) }], docs, redirects: [] };
		const text = renderLlmsTxt(index as never);
		expect(text.length).toBeLessThanOrEqual(LLMS_TXT_MAX_CHARS);
		const listed = text.split('\n').filter((l) => l.startsWith('- [Doc '));
		expect(listed[0]).toMatch(/^- \[Doc 0\]\(https:\/\/x\.org\/ops\/index\.md\)/);
		// Runbooks (odd ids) are kept before guides: a guide is listed only once every runbook is.
		const runbooks = listed.filter((l) => /Doc \d*[13579]\]/.test(l)).length;
		expect(runbooks).toBeGreaterThan(100);
		expect(runbooks === 200 || listed.length - 1 === runbooks).toBe(true);
		expect(text).toMatch(new RegExp(`^- …and ${docs.length - listed.length} more pages, listed by \\[Doc 0\\]\\(https://x\\.org/ops/index\\.md\\); every page is in https://x\\.org/docs-index\\.json$`, 'm'));
	});

	it('lists every page when they fit', () => {
		const docs = Array.from({ length: 20 }, (_, i) => ({ id: `d${i}`, mdUrl: `https://x.org/d${i}/index.md`, section: null, frontmatter: { title: `Doc ${i}`, description: 'short', status: 'current', kind: 'guide' } }));
		const text = renderLlmsTxt({ site: { title: 'T', description: 'D', url: 'https://x.org/' }, sections: [], docs, redirects: [] } as never);
		expect(text.split('\n').filter((l) => l.startsWith('- [Doc ')).length).toBe(20);
		expect(text).not.toContain('more pages');
	});
});
