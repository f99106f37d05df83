import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { FIXTURE_DIST, FIXTURE_DOCS, TMP } from '../helpers/paths.ts';

/** The agents' files of a build: index, chunks, schemas, llms files and every Markdown twin. */
function agentFiles(dist: string): Map<string, Buffer> {
	const out = new Map<string, Buffer>();
	const walk = (dir: string) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			const abs = join(dir, e.name);
			if (e.isDirectory()) walk(abs);
			else if (/^(docs-.*\.jsonl?|llms(-full)?\.txt|index\.md)$/.test(e.name)) out.set(relative(dist, abs), readFileSync(abs));
		}
	};
	walk(dist);
	return out;
}

describe('agents files are reproducible', () => {
	it('two builds of the fixture tree (the second dated by SOURCE_DATE_EPOCH) write byte-identical index, chunks, schemas, llms files and twins', () => {
		const again = join(TMP, 'fixture-dist-again');
		rmSync(again, { recursive: true, force: true });
		// The second build pins SOURCE_DATE_EPOCH to the first build's date: a commit landing between the
		// two builds must not count as a difference, and the epoch path is exercised end to end.
		const { generatedAt } = JSON.parse(readFileSync(join(FIXTURE_DIST, 'docs-index.json'), 'utf8')) as { generatedAt: string };
		const result = buildSite(FIXTURE_DOCS, again, { SOURCE_DATE_EPOCH: String(Date.parse(generatedAt) / 1000) });
		expect(result.status, result.stderr).toBe(0);
		const first = agentFiles(FIXTURE_DIST);
		const second = agentFiles(again);
		expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
		expect([...first.keys()].sort()).toEqual(
			expect.arrayContaining(['docs-chunk.schema.json', 'docs-chunks.jsonl', 'docs-index.json', 'docs-index.schema.json', 'index.md', 'llms-full.txt', 'llms.txt', 'ops/restart-runbook/index.md']),
		);
		for (const [file, bytes] of first) expect(second.get(file)!.equals(bytes), file).toBe(true);
		rmSync(again, { recursive: true, force: true });
		rmSync(`${again}-cache`, { recursive: true, force: true });
	});
});
