import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { FIXTURE_DIST, FIXTURE_DOCS, TMP } from '../helpers/paths.ts';

const digest = (dir: string) =>
	Object.fromEntries(
		readdirSync(dir, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => join(e.parentPath, e.name))
			.sort()
			.map((file) => [file.slice(dir.length), createHash('sha256').update(readFileSync(file)).digest('hex')]),
	);

describe('reproducible builds', () => {
	it('rebuilds the fixture tree byte-identical, from a cold cache, into another folder', () => {
		const again = join(TMP, 'fixture-rebuild');
		rmSync(again, { recursive: true, force: true });
		rmSync(`${again}-cache`, { recursive: true, force: true });
		const result = buildSite(FIXTURE_DOCS, again);
		expect(result.status).toBe(0);
		const first = digest(FIXTURE_DIST);
		expect(Object.keys(first).length).toBeGreaterThan(20);
		expect(digest(again)).toEqual(first);
	}, 300_000);
});
