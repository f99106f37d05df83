import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOVED_PAGES } from '../../src/lib/agents/llms.ts';
import { SECTIONS } from '../../src/lib/sections.ts';
import { FIXTURE_DIST, SITE_DIST } from '../helpers/paths.ts';

interface Index {
	site: { title: string; description: string };
	sections: { dir: string; label: string; docs: string[] }[];
	docs: { id: string; mdUrl: string; section: string | null; frontmatter: { title: string; description: string; status: string } }[];
}
const OPTIONAL = ['draft', 'deprecated', 'archived'];

describe.each([
	['fixture', FIXTURE_DIST],
	['site', SITE_DIST],
])('llms.txt of the %s build', (_name, dist) => {
	const text = readFileSync(join(dist, 'llms.txt'), 'utf8');
	const index = JSON.parse(readFileSync(join(dist, 'docs-index.json'), 'utf8')) as Index;
	const lines = text.split('\n');
	const h2s = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));

	it('opens with the H1, the summary blockquote and instructions naming every agent file', () => {
		expect(lines.slice(0, 3)).toEqual([`# ${index.site.title}`, '', `> ${index.site.description}`]);
		const intro = text.slice(0, text.indexOf('\n## '));
		for (const file of ['docs-index.json', 'docs-index.schema.json', 'docs-chunks.jsonl', 'docs-chunk.schema.json', 'llms-full.txt']) expect(intro).toContain(`https://docs.neotool.io/${file}`);
		expect(intro).toContain('`npm run build && npm run mcp`');
		expect(lines.filter((l) => l.startsWith('# '))).toHaveLength(1);
		expect(text.length).toBeLessThan(50_000);
	});

	it('has one H2 per section in sections.ts order, with Optional last', () => {
		const labels = index.sections.map((s) => s.label);
		const known = SECTIONS.map((s) => s.label as string).filter((l) => labels.includes(l));
		const listed = h2s.filter((h) => h !== 'Start here' && h !== 'Optional' && h !== MOVED_PAGES);
		expect(listed.filter((h) => known.includes(h))).toEqual(known);
		expect(listed.every((h) => labels.includes(h))).toBe(true);
		if (h2s.includes('Optional')) expect(h2s.at(-1)).toBe('Optional');
	});

	it('lists every page once as `- [title](twin): description`, drafts and deprecated under Optional', () => {
		const entries = lines.filter((l) => l.startsWith('- ['));
		expect(entries).toHaveLength(index.docs.length);
		const optionalAt = lines.indexOf('## Optional');
		for (const d of index.docs) {
			const optional = OPTIONAL.includes(d.frontmatter.status);
			const entry = `- [${d.frontmatter.title}](${d.mdUrl}): ${optional ? `(${d.frontmatter.status}) ` : ''}${d.frontmatter.description}`;
			const at = lines.indexOf(entry);
			expect(at, entry).toBeGreaterThan(0);
			expect(optionalAt !== -1 && at > optionalAt, d.id).toBe(optional);
			if (!optional && d.section) {
				const label = index.sections.find((s) => s.dir === d.section)!.label;
				const heading = lines.lastIndexOf(`## ${label}`, at);
				expect(heading, d.id).toBeGreaterThan(0);
				expect(lines.slice(heading + 1, at).some((l) => l.startsWith('## ')), d.id).toBe(false);
			}
		}
	});

	it('llms-full.txt holds every twin, whole, in llms.txt order', () => {
		const full = readFileSync(join(dist, 'llms-full.txt'), 'utf8');
		const order = lines.filter((l) => l.startsWith('- [')).map((l) => /\]\(([^)]+)\)/.exec(l)![1]!);
		let from = 0;
		for (const mdUrl of order) {
			const twin = readFileSync(join(dist, new URL(mdUrl).pathname), 'utf8');
			const at = full.indexOf(twin, from);
			expect(at, mdUrl).toBeGreaterThanOrEqual(from);
			from = at + twin.length;
		}
		expect(full.slice(from).trim()).toBe('');
	});
});

describe('llms.txt of the fixture build', () => {
	it('is exactly the documented shape', () => {
		const text = readFileSync(join(FIXTURE_DIST, 'llms.txt'), 'utf8');
		expect(text.slice(text.indexOf('\n## '))).toBe(`
## Start here

- [Fixture Home](https://docs.neotool.io/index.md): Front page of the fixture docs tree used by the build tests.

## Ops Section

- [Ops Section](https://docs.neotool.io/ops/index.md): Index page of the fixture ops section, reached through a folder link.
- [Platform Facts](https://docs.neotool.io/ops/platform-facts/index.md): Every facts component, an aside and a Starlight component on one page, so the Markdown twin can be compared with the HTML.
- [Restart Runbook](https://docs.neotool.io/ops/restart-runbook/index.md): Restart the app deployment safely; used by tests for links, diagrams and metadata.

## Moved pages

- https://docs.neotool.io/ops/restart/ moved to [Restart Runbook](https://docs.neotool.io/ops/restart-runbook/index.md)
- https://docs.neotool.io/runbooks/restart-app/ moved to [Restart Runbook](https://docs.neotool.io/ops/restart-runbook/index.md)

## Optional

- [Old Guide](https://docs.neotool.io/guides/old-guide/index.md): (deprecated) A deprecated guide, to prove the banner and backlinks.
`);
	});
});
