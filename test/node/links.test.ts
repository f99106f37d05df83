import { pathToFileURL } from 'node:url';
import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { DocTree } from '../../src/lib/doc-tree.ts';
import { candidateSources, docIdFromPath, urlForId } from '../../src/lib/routes.ts';
import { docLinksPlugin } from '../../src/plugins/doc-links.ts';
import { FIXTURE_DOCS } from '../helpers/paths.ts';

describe('routes', () => {
	it('maps README and index to their folder, like the repo host', () => {
		expect(docIdFromPath('11-infrastructure/README.mdx')).toBe('11-infrastructure');
		expect(docIdFromPath('README.md')).toBe('index');
		expect(docIdFromPath('index.mdx')).toBe('index');
		expect(docIdFromPath('92-adr/0002-containerized-architecture.mdx')).toBe('92-adr/0002-containerized-architecture');
		expect(urlForId('index')).toBe('/');
		expect(urlForId('11-infrastructure/k3s-setup')).toBe('/11-infrastructure/k3s-setup/');
	});

	it('lets `.md` links reach `.mdx` files and folder links reach README', () => {
		expect(candidateSources('11-infrastructure/k3s-setup.md')).toEqual(['11-infrastructure/k3s-setup.md', '11-infrastructure/k3s-setup.mdx']);
		expect(candidateSources('09-security/')).toEqual(['09-security/README.mdx', '09-security/README.md', '09-security/index.mdx', '09-security/index.md']);
	});
});

describe('DocTree.resolveLink on the fixture tree', () => {
	const tree = new DocTree(FIXTURE_DOCS);

	it('resolves file, folder and anchor links to routes', () => {
		expect(tree.resolveLink('index.mdx', './ops/restart-runbook.md#steps')).toMatchObject({ kind: 'doc', url: '/ops/restart-runbook/#steps' });
		expect(tree.resolveLink('index.mdx', './ops/')).toMatchObject({ kind: 'doc', url: '/ops/' });
		expect(tree.resolveLink('ops/restart-runbook.mdx', '../guides/old-guide.md#legacy-restart')).toMatchObject({ kind: 'doc', url: '/guides/old-guide/#legacy-restart' });
		expect(tree.resolveLink('ops/restart-runbook.mdx', '#rollback')).toMatchObject({ kind: 'doc', url: '/ops/restart-runbook/#rollback' });
		expect(tree.resolveLink('index.mdx', 'https://neotool.io')).toEqual({ kind: 'external' });
	});

	it('explains dead links and anchors with the nearest fix', () => {
		expect(tree.resolveLink('index.mdx', './ops/restart-runbok.md')).toEqual({
			kind: 'error',
			rule: 'link-target',
			message: 'Unexpected link to missing doc `./ops/restart-runbok.md`, expected an existing page (looked for `ops/restart-runbok.md`, `ops/restart-runbok.mdx`) (did you mean `ops/restart-runbook.mdx`?)',
		});
		expect(tree.resolveLink('index.mdx', './ops/restart-runbook.md#step')).toEqual({
			kind: 'error',
			rule: 'link-anchor',
			message: 'Unexpected anchor `#step` in `./ops/restart-runbook.md#step`, expected a heading of ops/restart-runbook.mdx (did you mean `#steps`?)',
		});
	});
});

describe('doc-links plugin (Sätteri)', () => {
	const render = (path: string, markdown: string) =>
		(markdownToHtml(markdown, { mdastPlugins: [docLinksPlugin(FIXTURE_DOCS)], fileURL: pathToFileURL(`${FIXTURE_DOCS}/${path}`) }) as { html: string }).html;

	it('reports a malformed URL instead of throwing', () => {
		expect(new DocTree(FIXTURE_DOCS).resolveLink('index.mdx', './a%zz.md')).toMatchObject({ kind: 'error', rule: 'link-target' });
	});

	it('rewrites source links to site routes', () => {
		expect(render('ops/README.mdx', '[a](./restart-runbook.md#expected-outcome) [b](../) [c](https://example.com)')).toBe(
			'<p><a href="/ops/restart-runbook/#expected-outcome">a</a> <a href="/">b</a> <a href="https://example.com">c</a></p>\n',
		);
	});

	it('fails the file at the dead link’s line and column', () => {
		expect(() => render('ops/README.mdx', 'Intro\n\nSee [gone](./gone.md).')).toThrowError(
			'test/fixtures/site/ops/README.mdx:3:5  link-target  Unexpected link to missing doc `./gone.md`, expected an existing page (looked for `ops/gone.md`, `ops/gone.mdx`)',
		);
	});
});
