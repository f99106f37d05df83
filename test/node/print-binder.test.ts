/**
 * `print_binder`, the frontmatter field that puts a page into the printed DR binder, and the choice
 * of pages the binder prints (scripts/lib/binder/pages.ts). The binder itself: test/build/dr-binder.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { IndexedDoc } from '../../schemas/docs-index.ts';
import { frontmatterSchema } from '../../schemas/frontmatter.ts';
import { frontmatterJsonSchema } from '../../scripts/json-schema.ts';
import { CORE_BINDER_PAGES, binderPages } from '../../scripts/lib/binder/pages.ts';
import { tocHtml } from '../../scripts/lib/binder/toc.ts';
import { BINDER_FILE } from '../../scripts/lib/dr-binder.ts';
import { DOWNLOAD_PATHS } from '../../src/lib/downloads.ts';

const valid = {
	title: 'K3s etcd Recovery',
	description: 'Restore etcd.',
	type: 'infrastructure',
	category: 'disaster-recovery',
	kind: 'runbook',
	status: 'current',
	version: '1.0.0',
	tags: ['k3s'],
	last_updated: '2026-01-02',
	owner: 'SRE Team',
	review_frequency: 'monthly',
};

describe('print_binder in the frontmatter schema', () => {
	it('defaults to false and accepts true', () => {
		expect(frontmatterSchema.parse(valid).print_binder).toBe(false);
		expect(frontmatterSchema.parse({ ...valid, print_binder: true }).print_binder).toBe(true);
	});

	it('refuses anything but a boolean, saying what it expects', () => {
		const result = frontmatterSchema.safeParse({ ...valid, print_binder: 'yes' });
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['print_binder: Unexpected "yes" as print_binder, expected `true` or `false`']);
	});

	it('is in the generated JSON Schema, described, as an optional boolean', () => {
		const schema = JSON.parse(frontmatterJsonSchema()) as { properties: Record<string, { type?: string; description?: string; default?: unknown }>; required: string[] };
		expect(schema.properties.print_binder).toMatchObject({ type: 'boolean', default: false });
		expect(schema.properties.print_binder!.description).toMatch(/^True to print the page in the DR binder/);
		expect(schema.required).not.toContain('print_binder');
	});
});

const doc = (id: string, title: string, print_binder = false, status = 'current') => ({ id, url: `https://docs.neotool.io/${id}/`, sourcePath: `docs/${id}.mdx`, frontmatter: { title, print_binder, status } }) as unknown as IndexedDoc;
const core = CORE_BINDER_PAGES.map((id) => doc(id, `Title of ${id}`));

describe('the pages the binder prints', () => {
	it('prints the core pages in their order, then the opted-in pages by id, each once', () => {
		const docs = [doc('zz/last', 'Last', true), ...core.toReversed(), doc('aa/first', 'First', true), doc('mm/not-asked', 'Not asked'), doc(CORE_BINDER_PAGES[0], 'Incident Response', true)];
		const pages = binderPages(docs, { requireCore: true });
		expect(pages.map((p) => p.id)).toEqual([...CORE_BINDER_PAGES, 'aa/first', 'zz/last']);
		expect(pages.at(-1)).toEqual({ id: 'zz/last', title: 'Last', path: '/zz/last/' });
	});

	it('names a missing core page and the list to update, in the project tree', () => {
		const docs = core.filter((d) => d.id !== '11-infrastructure/postgresql-pitr-runbook');
		expect(() => binderPages(docs, { requireCore: true })).toThrow(
			'build: DR binder: unexpected missing page `11-infrastructure/postgresql-pitr-runbook`, expected every page of CORE_BINDER_PAGES (scripts/lib/binder/pages.ts); after a rename or move, update that list',
		);
	});

	it('refuses a page not in force, naming its file and the fix', () => {
		expect(() => binderPages([...core, doc('ops/old', 'Old', true, 'deprecated')], { requireCore: true })).toThrow(
			'docs/ops/old.mdx: unexpected `status: deprecated` on a page of the DR binder, expected `current`: remove `print_binder: true` from it, or set it on its replacement',
		);
		const draftCore = core.map((d, i) => (i === 2 ? doc(d.id, 'PITR', false, 'draft') : d));
		expect(() => binderPages(draftCore, { requireCore: true })).toThrow(
			'docs/11-infrastructure/postgresql-pitr-runbook.mdx: unexpected `status: draft` on a page of the DR binder, expected `current`: take it out of CORE_BINDER_PAGES (scripts/lib/binder/pages.ts) or put its replacement there',
		);
		// A deprecated page that does not ask is not the binder's concern.
		expect(binderPages([...core, doc('ops/old', 'Old', false, 'deprecated')], { requireCore: true })).toHaveLength(core.length);
	});

	it('prints only what opts in, in a tree without the core pages (fixtures, benchmark corpora)', () => {
		expect(binderPages([doc('ops/restart', 'Restart', true), doc('ops/other', 'Other')], { requireCore: false }).map((p) => p.id)).toEqual(['ops/restart']);
		expect(binderPages([doc('ops/other', 'Other')], { requireCore: false })).toEqual([]);
	});
});

describe('the contents page', () => {
	it('lists each page with its number and address, escaped, its title a link to the part (made a jump by assemble.ts)', () => {
		const html = tocHtml({ entries: [{ title: 'A & <B>', path: '/a/', page: 3 }], stamp: 'This copy: commit abc, built 2026-12-07.', siteUrl: 'https://docs.neotool.io/' });
		expect(html).toContain('<a class="title" href="https://binder.invalid/part/0">A &#38; &#60;B&#62;</a><span class="leader" aria-hidden="true"></span><span class="page">3</span><div class="path">https://docs.neotool.io/a/</div>');
		expect(html).toContain('This copy: commit abc, built 2026-12-07.');
		expect(html).not.toContain('<script');
	});
});

describe('where the binder is published', () => {
	it('is a download the authors\' check knows, so pages may link to it', () => {
		expect(DOWNLOAD_PATHS).toContain(`/${BINDER_FILE}`);
	});
});
