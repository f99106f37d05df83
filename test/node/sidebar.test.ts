import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scopeSidebar, type SidebarEntry } from '../../src/lib/scoped-sidebar.ts';
import { CATEGORY_THRESHOLD, sidebarFromDocs, type SidebarItem } from '../../src/lib/sidebar.ts';

const page = (title: string, category: string, related: string[] = []) =>
	['---', `title: ${title}`, `category: ${category}`, `related: [${related.join(', ')}]`, '---', '', 'Body.', ''].join('\n');

describe('sidebar built from the docs folder', () => {
	const root = mkdtempSync(join(tmpdir(), 'sidebar-'));
	mkdirSync(join(root, 'ops'));
	writeFileSync(join(root, 'index.mdx'), page('Home', 'operations'));
	writeFileSync(join(root, 'ops/README.mdx'), page('Ops', 'operations'));
	// 16 pages: over the threshold, so grouped by category, each group led by its most-related page.
	for (let i = 0; i < 8; i++) writeFileSync(join(root, `ops/mon-${i}.mdx`), page(`Mon ${i}`, 'monitoring', i === 3 ? [] : ['ops/mon-3.md']));
	for (let i = 0; i < 8; i++) writeFileSync(join(root, `ops/dep-${i}.mdx`), page(`Dep ${i}`, 'deployment'));
	const sidebar = sidebarFromDocs(root);
	const ops = sidebar.find((s) => s.label === 'Ops') as { items: SidebarItem[] };

	it('groups a folder of more than CATEGORY_THRESHOLD pages by category, hub first', () => {
		expect(CATEGORY_THRESHOLD).toBe(15);
		expect(sidebar[0]).toEqual({ label: 'Home', link: '/' });
		expect(ops.items.map((i) => ('items' in i ? `${i.label}: ${i.items.map((x) => x.label).join(', ')}` : i.label))).toEqual([
			'Overview',
			'Deployment: Dep 0, Dep 1, Dep 2, Dep 3, Dep 4, Dep 5, Dep 6, Dep 7',
			'Monitoring: Mon 3, Mon 0, Mon 1, Mon 2, Mon 4, Mon 5, Mon 6, Mon 7',
		]);
	});

	it('collapses the groups that do not hold the current page to their first page', () => {
		const entries = (items: SidebarItem[], current: string): SidebarEntry[] =>
			items.map((i) => ('items' in i ? { type: 'group', label: i.label, entries: entries(i.items, current), collapsed: false } : { type: 'link', label: i.label, href: i.link, isCurrent: i.link === current, attrs: {} }));
		const scoped = scopeSidebar(entries(ops.items, '/ops/mon-5/'));
		expect(scoped.map((e) => (e.type === 'link' ? `${e.label} -> ${e.href}` : `[${e.label}] ${e.entries.length}`))).toEqual(['Overview -> /ops/', 'Deployment -> /ops/dep-0/', '[Monitoring] 8']);
	});
});
