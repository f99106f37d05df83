import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEW_FREQUENCIES } from '../../schemas/review.ts';
import { FIXTURE_DIST, ROOT } from '../helpers/paths.ts';

const page = (route: string) => readFileSync(join(FIXTURE_DIST, route, 'index.html'), 'utf8');
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('fixture site build', () => {
	it('gives search the section headings and keywords as ranking-only fields, less the runbook sections, and a deprecated page none', () => {
		// src/lib/search-ranking.ts weighs these fields; src/lib/search-signals.ts writes them.
		const fields = (route: string) => [...page(route).matchAll(/data-pagefind-meta="(headings|keywords|alerts):([^"]*)"/g)].map((m) => `${m[1]}:${m[2]}`);
		expect(fields('ops/platform-facts')).toEqual(['headings:Components · Namespaces · Environments · Cluster · Recovery · Backup retention · Severities · Backup tiers', 'keywords:quasarpelican']);
		expect(fields('ops/restart-runbook')).toEqual(['keywords:zephyrquokka · bounce pods']);
		expect(fields('guides/old-guide')).toEqual([]);
	});

	it('leaves a deprecated page out of the search index, so its title cannot outrank its replacement', () => {
		// src/route-data.ts: Starlight marks the body Pagefind indexes with data-pagefind-body, or nothing.
		expect(page('guides/old-guide')).not.toContain('data-pagefind-body');
		expect(page('ops/restart-runbook')).toContain('data-pagefind-body');
	});

	it('routes README to its folder and rewrites source links to routes', () => {
		expect(existsSync(join(FIXTURE_DIST, 'ops/index.html'))).toBe(true);
		const home = main(page(''));
		expect(home).toContain('<a href="/ops/restart-runbook/#steps">restart runbook</a>');
		expect(home).toContain('<a href="/ops/">ops section</a>');
		expect(main(page('ops'))).toContain('<a href="/guides/old-guide/">old guide</a>');
	});

	it('shows the metadata in one line (owner, updated, review due) and the rest in a closed disclosure', () => {
		const html = main(page('ops/restart-runbook'));
		// last_updated 2026-01-02, reviewed monthly (31 days): due 2026-02-02.
		expect(html).toContain('<div class="doc-meta" data-pagefind-ignore data-doc-kind="runbook"><span>Owner <strong>SRE Team</strong></span><span>Updated <time datetime="2026-01-02">2026-01-02</time></span><span>Review due <time datetime="2026-02-02">2026-02-02</time></span><details class="doc-meta-more"><summary>Page details</summary>');
		const details = html.slice(html.indexOf('<details class="doc-meta-more">'), html.indexOf('</details>', html.indexOf('<details class="doc-meta-more">')));
		expect(details).toContain('<dd data-pagefind-filter="type">infrastructure</dd>');
		expect(details).toContain('<dd data-pagefind-filter="category">operations</dd>');
		expect(details).toContain('<dd data-pagefind-filter="status">current</dd>');
		expect(details).toContain('<dt>Version</dt><dd>2.1.0</dd>');
		expect(details).toContain('<a href="/tags/kubernetes/" data-pagefind-filter="tag">kubernetes</a>');
		expect(html).toContain('<p hidden data-pagefind-weight="6">zephyrquokka · bounce pods</p>');
	});

	// guides/old-guide sets no last_updated: the page and the agents' index show its last commit's date.
	it('defaults last_updated to the date of the last commit that touched the file', () => {
		const seconds = execFileSync('git', ['log', '-1', '--format=%ct', '--', 'test/fixtures/site/guides/old-guide.mdx'], { cwd: ROOT, encoding: 'utf8' }).trim();
		expect(seconds, 'the fixture page is committed').toMatch(/^\d+$/);
		const day = new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
		const due = new Date(Date.parse(day) + REVIEW_FREQUENCIES.yearly * 86_400_000).toISOString().slice(0, 10);
		const html = main(page('guides/old-guide'));
		expect(html).toContain(`<span>Updated <time datetime="${day}">${day}</time></span><span>Review due <time datetime="${due}">${due}</time></span>`);
		expect(html).toContain(`<dt>Last updated</dt><dd><time datetime="${day}" data-date-source="git">${day}</time></dd>`);
		const index = JSON.parse(readFileSync(join(FIXTURE_DIST, 'docs-index.json'), 'utf8')) as { docs: { id: string; frontmatter: { last_updated: string } }[] };
		expect(index.docs.find((d) => d.id === 'guides/old-guide')!.frontmatter.last_updated).toBe(day);
		expect(readFileSync(join(FIXTURE_DIST, 'guides/old-guide/index.md'), 'utf8')).toContain(`\nlast_updated: ${day}\n`);
		// A page that sets the field keeps it.
		expect(main(page('ops/restart-runbook'))).toContain('<dt>Last updated</dt><dd><time datetime="2026-01-02" data-date-source="frontmatter">2026-01-02</time></dd>');
	});

	it('lists Related with target titles and Referenced-by backlinks', () => {
		const html = main(page('ops/restart-runbook'));
		const related = html.slice(html.indexOf('<h2 id="related">'), html.indexOf('<h2 id="referenced-by">'));
		expect(related).toContain('<a href="/guides/old-guide/">Old Guide</a>');
		const backlinks = html.slice(html.indexOf('<h2 id="referenced-by">'));
		expect([...backlinks.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['/ Fixture Home', '/guides/old-guide/ Old Guide', '/ops/ Ops Section']);
	});

	it('renders facts from data and draws diagrams at build time, their source beside them', () => {
		const html = main(page('ops/restart-runbook'));
		expect(html).toContain('<code data-fact="image:postgresql">postgres:18rc1</code>');
		expect(html).toContain('<figure class="mermaid-diagram" data-mermaid="" data-mermaid-static="">');
		// One SVG for the one diagram, whose colours follow the theme (scripts/lib/mermaid-merge.ts): not
		// a light and a dark copy, which doubled a diagram page's weight.
		expect(html).toMatch(/<div class="mermaid-svg" data-pagefind-ignore=""><svg [^>]*role="img"/);
		expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(1);
		expect(html).not.toContain('data-mermaid-theme');
		expect(html).toMatch(/:root\[data-theme=dark\] #mmd-[0-9a-f]{6}-0\{--mmd-\d+:/);
		expect(html).toContain('<details class="mermaid-source-toggle"><summary>Diagram source</summary><code>flowchart LR\n  A[Restart] --&gt; B[Verify]</code></details></figure>');
		expect(html).not.toContain('data-mermaid-loader');
	});

	it('ships no mermaid loader on pages without a diagram', () => {
		for (const route of ['', 'ops', 'guides/old-guide', 'tags', 'tags/kubernetes']) {
			expect(page(route)).not.toContain('data-mermaid-loader');
			expect(page(route)).not.toMatch(/mermaid[^"]*\.m?js/);
		}
	});

	// No `<style>` or `class` in pages (src/lib/markup-policy.ts): inline SVG is drawn with presentation attributes.
	it('keeps inline SVG intact through MDX optimisation and the sanitiser', () => {
		expect(main(page('ops'))).toContain('<svg width="24" height="24" viewBox="0 0 24 24" role="img" aria-label="Status: healthy"><circle cx="12" cy="12" r="10" fill="none" stroke="#2f9e44" stroke-width="2"></circle><circle cx="12" cy="12" r="5" fill="#2f9e44"></circle></svg>');
	});

	it('warns on deprecated pages', () => {
		expect(page('guides/old-guide')).toContain('<strong>Deprecated:</strong> this page is superseded');
		expect(page('ops/restart-runbook')).not.toContain('<strong>Deprecated:</strong>');
	});

	it('links each page to its source for editing', () => {
		expect(page('ops/restart-runbook')).toContain('href="https://github.com/neotool/neotool/edit/main/test/fixtures/site/ops/restart-runbook.mdx"');
		// …and, beside every edit link, the contributors' guide (scaffold, check, preview, pull request).
		for (const route of ['', 'ops', 'ops/restart-runbook', 'guides/old-guide']) {
			const html = page(route);
			const edit = html.indexOf('/edit/main/test/fixtures/site/');
			expect(edit, route).toBeGreaterThan(0);
			expect(html.slice(edit), route).toMatch(/^[^<]*"[^>]*>[\s\S]*?<\/a>\s*<a class="contributing-link" href="https:\/\/github.com\/neotool\/neotool\/blob\/main\/CONTRIBUTING.md">How to contribute<\/a>/);
		}
	});

	it('builds a tag index and a page per tag', () => {
		const index = main(page('tags'));
		expect(index).toContain('<a href="/tags/kubernetes/"><strong>kubernetes</strong></a> <span class="count">(2 pages)</span>');
		const tag = main(page('tags/kubernetes'));
		expect(tag).toContain('<h1 id="_top"');
		expect(tag).toContain('<a href="/ops/restart-runbook/"><strong>Restart Runbook</strong></a>');
		expect(tag).toContain('<a href="/ops/"><strong>Ops Section</strong></a>');
		expect(tag).not.toContain('Old Guide');
	});

	it('scopes the sidebar: other sections collapse to a link to their Overview or first page', () => {
		const sidebar = (route: string) => {
			const html = page(route);
			const nav = html.slice(html.indexOf('<ul class="top-level'), html.indexOf('</sl-sidebar-state-persist>'));
			return [...nav.matchAll(/<a href="([^"]+)"[^>]*><span[^>]*>([^<]+)/g)].map((m) => `${m[2]} ${m[1]}`);
		};
		// `guides` has no README: collapsed, it links to its first page.
		expect(sidebar('ops/restart-runbook')).toEqual(['Home /', 'guides /guides/old-guide/', 'Overview /ops/', 'Platform Facts /ops/platform-facts/', 'Restart Runbook /ops/restart-runbook/', 'Tags /tags/']);
		expect(sidebar('guides/old-guide')).toEqual(['Home /', 'Old Guide /guides/old-guide/', 'Ops Section /ops/', 'Tags /tags/']);
		expect(page('ops/restart-runbook')).toMatch(/<a href="\/ops\/restart-runbook\/" aria-current="page"/);
	});
});
