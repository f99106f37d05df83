/**
 * The same commit built in two different folders gives the same bytes: a reviewer can diff two
 * builds of a pull request and a CDN can keep its cache. The second project folder is a copy of
 * this one at another absolute path (a different length and depth, so any absolute path that leaks
 * into a hash, a class name or a file shows up); its node_modules is hard-linked, not symlinked,
 * because Vite resolves symlinks to their real paths, which would hide a leak behind the same path.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { FIXTURE_DIST, ROOT, TMP } from '../helpers/paths.ts';

const files = (dir: string) =>
	readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.sort();

/** The first file, and its first line, where two trees differ; undefined when they are identical. */
export function firstDifference(a: string, b: string): string | undefined {
	const left = files(a);
	const right = files(b);
	const only = left.filter((f) => !right.includes(f)).concat(right.filter((f) => !left.includes(f)));
	if (only.length > 0) return `${only[0]} exists in only one of the two builds (${only.length} such files)`;
	for (const file of left) {
		const x = readFileSync(join(a, file));
		const y = readFileSync(join(b, file));
		if (x.equals(y)) continue;
		const xs = x.toString('utf8').split('\n');
		const ys = y.toString('utf8').split('\n');
		const line = xs.findIndex((l, i) => l !== ys[i]);
		const at = line === -1 ? ys.length : line;
		return `${file}:${at + 1} differs: ${JSON.stringify((xs[at] ?? '').slice(0, 160))} vs ${JSON.stringify((ys[at] ?? '').slice(0, 160))}`;
	}
	return undefined;
}

describe('builds from any folder', () => {
	it('builds the fixture tree byte-identical from a copy of the project in another folder', () => {
		const elsewhere = join(TMP, 'another-checkout', 'deeper', 'neotool-ops-docs');
		rmSync(join(TMP, 'another-checkout'), { recursive: true, force: true });
		mkdirSync(dirname(elsewhere), { recursive: true });
		// A clone of this repository's history (its index read from HEAD, no file checked out), so the
		// copy has the same commits: a page without last_updated is dated by its last commit
		// (src/lib/git-dates.ts), and the build stamp names the same commit.
		execFileSync('git', ['clone', '-q', '--no-checkout', ROOT, elsewhere]);
		execFileSync('git', ['read-tree', 'HEAD'], { cwd: elsewhere });
		// The working tree as git sees it (tracked and new files, nothing ignored), so the copy holds
		// exactly the sources of the build under test.
		const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
		for (const file of listed) {
			if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
			mkdirSync(dirname(join(elsewhere, file)), { recursive: true });
			cpSync(join(ROOT, file), join(elsewhere, file));
		}
		execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(elsewhere, 'node_modules')]);
		// Caches are per folder: the copy starts cold, as a fresh clone does.
		for (const cache of ['.astro', '.cache', '.vite']) rmSync(join(elsewhere, 'node_modules', cache), { recursive: true, force: true });

		// Same date for the agents' files as the first build's (its last commit).
		const epoch = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' }).trim();
		const out = join(elsewhere, 'dist');
		const result = buildSite(join(elsewhere, 'test/fixtures/site'), out, { SOURCE_DATE_EPOCH: epoch }, elsewhere);
		expect(result.status).toBe(0);
		expect(files(out).length).toBeGreaterThan(20);
		expect(firstDifference(FIXTURE_DIST, out)).toBeUndefined();
	}, 600_000);
});
