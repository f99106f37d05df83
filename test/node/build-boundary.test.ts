/**
 * The build itself, started without the authors' check (`astro build`, as `npx astro build` or the
 * dev server would be), refuses a page or an image that is a symlink out of the docs folder, and
 * publishes nothing from its target (issue 25 point 3).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertInsideDocs, assertOneFilePerRoute, ContentBoundaryError, contentBoundaryVitePlugin, RouteCollisionError } from '../../src/plugins/content-boundary.ts';
import { run } from '../helpers/build.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

const base = join(TMP, 'build-boundary');
const page = (title: string) => readFileSync(join(ROOT, 'test/fixtures/security/frontmatter-text/ok.mdx'), 'utf8').replace(/^title: .*$/m, `title: ${title}`);
const MARKER = 'SECRET-MARKER-7f3a';

function tree(name: string, link: (docs: string, outside: string) => void) {
	const docs = join(base, name, 'docs');
	const outside = join(base, name, 'outside');
	mkdirSync(join(docs, 'ops'), { recursive: true });
	mkdirSync(outside, { recursive: true });
	writeFileSync(join(docs, 'index.mdx'), page('Boundary'));
	link(docs, outside);
	return { docs, dist: join(base, name, 'dist') };
}

/** `astro build` alone, as the check would not run before it. */
const astroBuild = (docs: string, dist: string) => run(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], { DOCS_DIR: docs, OUT_DIR: dist, NODE_ENV: 'production' });

const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)])) : []);
const published = (dist: string) => files(dist).filter((f) => readFileSync(f).includes(MARKER));

rmSync(base, { recursive: true, force: true });
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('astro build without the check', () => {
	it('refuses an image that is a symlink out of the docs folder, and publishes nothing of it', () => {
		const { docs, dist } = tree('image', (docs, outside) => {
			writeFileSync(join(outside, 'id_rsa.svg'), `<svg xmlns="http://www.w3.org/2000/svg"><!-- ${MARKER} --></svg>\n`);
			symlinkSync(join(outside, 'id_rsa.svg'), join(docs, 'ops/diagram.svg'));
			writeFileSync(join(docs, 'ops/page.mdx'), `${page('Ops')}\n![Diagram](./diagram.svg)\n`);
		});
		const result = astroBuild(docs, dist);
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('docs/ops/diagram.svg:1:1  file-symlink  Unexpected symlink to `');
		expect(published(dist)).toEqual([]);
	});

	it('refuses a page that is a symlink out of the docs folder', () => {
		const { docs, dist } = tree('page', (docs, outside) => {
			writeFileSync(join(outside, 'leaked.mdx'), `${page('Leaked')}\n${MARKER}\n`);
			symlinkSync(join(outside, 'leaked.mdx'), join(docs, 'ops/leaked.mdx'));
		});
		const result = astroBuild(docs, dist);
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('docs/ops/leaked.mdx:1:1  file-symlink  Unexpected symlink to `');
		expect(published(dist)).toEqual([]);
	});
});

describe('astro build without the check: the closed frontmatter schema', () => {
	it('refuses a page whose frontmatter adds a <head> script, and writes no page', () => {
		const { docs, dist } = tree('head', (docs) => {
			writeFileSync(join(docs, 'ops/page.mdx'), page('Head').replace('review_frequency: monthly\n', `review_frequency: monthly\nhead:\n  - tag: script\n    content: console.log('${MARKER}')\n`));
		});
		const result = astroBuild(docs, dist);
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('Unexpected `head` in a page, expected no `head`');
		expect(published(dist)).toEqual([]);
	});
});

describe('astro build without the check: a YAML alias bomb', () => {
	it('is refused by the closed schema without being expanded (9^10 strings if it were)', () => {
		const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)];
		const { docs, dist } = tree('bomb', (docs) => {
			writeFileSync(join(docs, 'ops/page.mdx'), page('Bomb').replace('review_frequency: monthly\n', `review_frequency: monthly\n${levels.join('\n')}\nsearch_keywords: *a9\n`));
		});
		const started = performance.now();
		const result = astroBuild(docs, dist);
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('Unexpected key `a0`, expected a declared frontmatter field');
		// Astro's own start-up is most of it; expanded, the bomb would not finish at all.
		expect(performance.now() - started).toBeLessThan(90_000);
		expect(published(dist)).toEqual([]);
	});
});

describe('astro build without the check: two files for one route', () => {
	it('is refused naming both, instead of one page silently replacing the other', () => {
		const { docs, dist } = tree('route', (docs) => {
			mkdirSync(join(docs, 'ops/restart'), { recursive: true });
			writeFileSync(join(docs, 'ops/restart/README.mdx'), page('Restart runbook'));
			writeFileSync(join(docs, 'ops/restart.mdx'), `${page('Impostor')}\n${MARKER}\n`);
		});
		const result = astroBuild(docs, dist);
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('docs/ops/restart.mdx:1:1  file-route  Unexpected second page for the route `/ops/restart/`: `ops/restart/README.mdx` builds it too');
		expect(published(dist)).toEqual([]);
	});
});

describe('content boundary, in-process', () => {
	const { docs } = tree('unit', (docs, outside) => {
		writeFileSync(join(outside, 'secret.png'), 'x');
		symlinkSync(join(outside, 'secret.png'), join(docs, 'ops/out.png'));
		writeFileSync(join(docs, 'ops/real.png'), 'x');
		symlinkSync(join(docs, 'ops/real.png'), join(docs, 'ops/in.png'));
		symlinkSync(outside, join(docs, 'ops/outdir'));
	});
	it('passes a file or a symlink inside the folder; refuses one that leaves it, also through a folder link', () => {
		expect(() => assertInsideDocs(docs, 'ops/real.png')).not.toThrow();
		expect(() => assertInsideDocs(docs, 'ops/in.png')).not.toThrow();
		expect(() => assertInsideDocs(docs, 'ops/out.png')).toThrow(ContentBoundaryError);
		expect(() => assertInsideDocs(docs, 'ops/outdir/secret.png')).toThrow(ContentBoundaryError);
	});
	it('a route is owned by one file; the same file again (a re-sync in astro dev) is fine', () => {
		writeFileSync(join(docs, 'ops/a.mdx'), 'x');
		writeFileSync(join(docs, 'ops/a.md'), 'x');
		expect(() => assertOneFilePerRoute(docs, 'ops/a.mdx', 'unit/ops/a', '/ops/a/')).not.toThrow();
		expect(() => assertOneFilePerRoute(docs, 'ops/a.mdx', 'unit/ops/a', '/ops/a/')).not.toThrow();
		expect(() => assertOneFilePerRoute(docs, 'ops/a.md', 'unit/ops/a', '/ops/a/')).toThrow(RouteCollisionError);
	});
	it('the Vite hook judges relative imports from pages, and leaves packages and other importers alone', () => {
		const hook = contentBoundaryVitePlugin(docs).resolveId as (source: string, importer?: string) => null;
		expect(() => hook('./out.png', join(docs, 'ops/page.mdx'))).toThrow(ContentBoundaryError);
		expect(() => hook('./out.png?url', join(docs, 'ops/page.mdx?astro'))).toThrow(ContentBoundaryError);
		expect(hook('./real.png', join(docs, 'ops/page.mdx'))).toBeNull();
		expect(hook('mermaid', join(docs, 'ops/page.mdx'))).toBeNull();
		expect(hook('./out.png', join(ROOT, 'src/components/x.astro'))).toBeNull();
	});
});
