import { JSDOM } from 'jsdom';
import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDoc } from '../../src/lib/markdown.ts';
import { FIXTURE_DIST, SITE_DIST } from '../helpers/paths.ts';

const SITE = 'https://docs.neotool.io';
const docsOf = (dist: string) => (JSON.parse(readFileSync(join(dist, 'docs-index.json'), 'utf8')) as { docs: { id: string; url: string; mdUrl: string; frontmatter: Record<string, unknown> }[] }).docs;
const twinFile = (dist: string, mdUrl: string) => join(dist, new URL(mdUrl).pathname);
/** The file a site URL serves: a folder URL its index.html, a file URL (a download) itself. */
const siteFile = (dist: string, url: string) => {
	const path = new URL(url).pathname;
	return path.endsWith('/') ? join(dist, path, 'index.html') : join(dist, path);
};

describe.each([
	['fixture', FIXTURE_DIST],
	['site', SITE_DIST],
])('Markdown twins of the %s build', (_name, dist) => {
	const docs = docsOf(dist);

	it('exist for every page, announced in its HTML head', () => {
		for (const d of docs) {
			const html = readFileSync(siteFile(dist, d.url), 'utf8');
			const head = html.slice(0, html.indexOf('</head>'));
			expect(head).toContain(`<link rel="alternate" type="text/markdown" href="${new URL(d.mdUrl).pathname}">`);
			expect(readFileSync(twinFile(dist, d.mdUrl), 'utf8').length).toBeGreaterThan(0);
		}
	});

	it('hold no imports, exports, JSX, expressions or asides syntax', () => {
		for (const d of docs) {
			const md = readFileSync(twinFile(dist, d.mdUrl), 'utf8');
			// Read back as plain Markdown: JSX or raw HTML would be `html` nodes, `:::` a container directive.
			const kinds = new Set<string>();
			const paragraphs: string[] = [];
			const texts: string[] = [];
			const walk = (n: { type: string; children?: unknown[]; value?: string }) => {
				kinds.add(n.type);
				if (n.type === 'paragraph') paragraphs.push(toString(n as never));
				// Prose only: a page may show `{/* … */}` in inline code or a code block, as the standards page does.
				if (n.type === 'text') texts.push(n.value ?? '');
				for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
			};
			walk(parseDoc(md, false) as never);
			expect([...kinds].filter((k) => /^(html|mdx|containerDirective|leafDirective)/.test(k)), d.id).toEqual([]);
			expect(paragraphs.filter((p) => /^(import|export)\s/.test(p)), d.id).toEqual([]);
			expect(texts.filter((t) => t.includes('{/*')), d.id).toEqual([]);
		}
	});

	it('start with the YAML header and the title, and link only to absolute URLs', () => {
		for (const d of docs) {
			const md = readFileSync(twinFile(dist, d.mdUrl), 'utf8');
			const fm = d.frontmatter as Record<string, unknown> & { related: string[] };
			const header = /^---\n([\s\S]*?)\n---\n\n# (.*)\n/.exec(md);
			expect(header, d.id).not.toBeNull();
			expect(parse(header![1]!)).toEqual({
				title: fm.title,
				description: fm.description,
				url: d.url,
				type: fm.type,
				category: fm.category,
				kind: fm.kind,
				status: fm.status,
				version: fm.version,
				last_updated: fm.last_updated,
				tags: fm.tags,
				related: fm.related.map((id) => docs.find((x) => x.id === id)!.url),
			});
			expect(header![2]).toBe(fm.title);
			const tree = parseDoc(md, false);
			const urls: string[] = [];
			const walk = (n: { type: string; url?: string; children?: unknown[] }) => {
				if ((n.type === 'link' || n.type === 'image' || n.type === 'definition') && n.url) urls.push(n.url);
				for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
			};
			walk(tree as never);
			for (const url of urls) expect(url, `${d.id}: ${url}`).toMatch(/^(https?:|mailto:)/);
			// Links into the site land on pages (or downloads) that exist.
			for (const url of urls.filter((u) => u.startsWith(`${SITE}/`) && !u.startsWith(`${SITE}/tags/`))) {
				expect(() => readFileSync(siteFile(dist, url.split('#')[0]!)), url).not.toThrow();
			}
		}
	});
});

describe('Markdown twin of a facts page (fixture)', () => {
	const md = readFileSync(join(FIXTURE_DIST, 'ops/platform-facts/index.md'), 'utf8');
	const html = new JSDOM(readFileSync(join(FIXTURE_DIST, 'ops/platform-facts/index.html'), 'utf8')).window.document;
	const mdTables = (parseDoc(md, false).children.filter((n) => n.type === 'table') as Table[]).map((t) => t.children.map((row) => row.children.map((cell) => toString(cell))));

	it('renders every facts table as a GFM table with the same cells as the page', () => {
		const htmlTables = [...html.querySelectorAll('main table[data-facts]')].map((t) => [...t.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
		expect(htmlTables.map((t) => t.length)).toEqual([11, 10, 4, 5, 5, 5]);
		expect(mdTables).toEqual(htmlTables);
	});

	it('renders inline facts and the cluster list with the values the page shows', () => {
		const inline = [...html.querySelectorAll('main [data-fact]')].map((e) => e.textContent!.trim());
		expect(inline).toEqual(['apache/kafka:3.7.0', 'P1 (< 15 minutes)', '< 30 minutes']);
		expect(md).toContain('The broker runs `apache/kafka:3.7.0`; a **P1** (< 15 minutes) incident restores the database within < 30 minutes.\nGrafana answers on host:port inside the cluster.');
		const cluster = [...html.querySelectorAll('main ul[data-facts="cluster"] li')].map((li) => `- ${li.innerHTML.replace(/<\/?strong>/g, '**').trim()}`);
		expect(md).toContain(cluster.join('\n'));
	});

	it('turns asides into labelled blockquotes and keeps Starlight steps as a list', () => {
		expect(md).toContain('> **Note**\n>\n> Severity levels come from src/data/facts.yaml.\n');
		expect(md).toContain('> **Caution: Page the owner**\n>\n> A P0 pages the on-call engineer at once.\n');
		expect(md).toContain('## Backup tiers\n\n1. Take the hourly snapshot.\n2. Ship it to object storage.\n');
		expect(md).toContain('Backups are kept per [tier](https://docs.neotool.io/ops/platform-facts/#backup-tiers); see [all tags](https://docs.neotool.io/tags/).');
	});

	it('keeps the whole runbook twin exact: header, title, code, mermaid and absolute links', () => {
		expect(readFileSync(join(FIXTURE_DIST, 'ops/restart-runbook/index.md'), 'utf8')).toBe(`---
title: Restart Runbook
description: Restart the app deployment safely; used by tests for links, diagrams and metadata.
url: https://docs.neotool.io/ops/restart-runbook/
type: infrastructure
category: operations
kind: runbook
status: current
version: 2.1.0
last_updated: 2026-01-02
tags:
  - kubernetes
  - operations
related:
  - https://docs.neotool.io/guides/old-guide/
---

# Restart Runbook

The database runs \`postgres:18rc1\`.

## Prerequisites

Access to the cluster.

## Steps

\`\`\`bash
kubectl rollout restart deployment/app -n neotool-app --field-manager=flux-client-side-apply
\`\`\`

\`\`\`mermaid
flowchart LR
  A[Restart] --> B[Verify]
\`\`\`

## Expected outcome

Pods are replaced one by one.

## Troubleshooting

See the [old guide](https://docs.neotool.io/guides/old-guide/#legacy-restart).

## Rollback

Nothing to roll back.
`);
	});
});
