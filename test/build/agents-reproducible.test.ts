/**
 * Two builds of the fixture tree: the shared one (test/setup/build.ts) and a second one here, which
 * also serves as the `--no-offline` build (NO_OFFLINE=1): the agents' files do not depend on the
 * offline steps, and one fixture build fewer keeps the suite short.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINDER_FILE } from '../../scripts/lib/dr-binder.ts';
import { OFFLINE_ZIP } from '../../scripts/lib/offline-bundle.ts';
import { SERVICE_WORKER_FILE, WORKBOX_RUNTIME } from '../../scripts/lib/service-worker.ts';
import { buildSite, type RunResult } from '../helpers/build.ts';
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

/** Every file of a build, as paths relative to it. */
const allFiles = (dist: string) =>
	readdirSync(dist, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dist, join(e.parentPath, e.name)))
		.sort();

/** What issue 23's three steps write: the worker and its Workbox runtime, the zip and its checksum, the binder. */
const offlineOutputs = (files: string[]) => files.filter((f) => f === SERVICE_WORKER_FILE || f === `${SERVICE_WORKER_FILE}.map` || WORKBOX_RUNTIME.test(f.replace(/\.map$/, '')) || f.startsWith('downloads/'));

const again = join(TMP, 'fixture-dist-again');
let result: RunResult;
beforeAll(() => {
	rmSync(again, { recursive: true, force: true });
	// The second build pins SOURCE_DATE_EPOCH to the first build's date: a commit landing between the
	// two builds must not count as a difference, and the epoch path is exercised end to end. CI is
	// unset for it: in CI the switch is refused (CI always makes the offline steps).
	const { generatedAt } = JSON.parse(readFileSync(join(FIXTURE_DIST, 'docs-index.json'), 'utf8')) as { generatedAt: string };
	result = buildSite(FIXTURE_DOCS, again, { SOURCE_DATE_EPOCH: String(Date.parse(generatedAt) / 1000), NO_OFFLINE: '1', CI: '' });
}, 600_000);
afterAll(() => {
	rmSync(again, { recursive: true, force: true });
	rmSync(`${again}-cache`, { recursive: true, force: true });
});

describe('agents files are reproducible', () => {
	it('two builds of the fixture tree (the second dated by SOURCE_DATE_EPOCH) write byte-identical index, chunks, schemas, llms files and twins', () => {
		expect(result.status, result.stderr).toBe(0);
		const first = agentFiles(FIXTURE_DIST);
		const second = agentFiles(again);
		expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
		expect([...first.keys()].sort()).toEqual(
			expect.arrayContaining(['docs-chunk.schema.json', 'docs-chunks.jsonl', 'docs-index.json', 'docs-index.schema.json', 'index.md', 'llms-full.txt', 'llms.txt', 'ops/restart-runbook/index.md']),
		);
		for (const [file, bytes] of first) expect(second.get(file)!.equals(bytes), file).toBe(true);
	});
});

describe('npm run build -- --no-offline (NO_OFFLINE=1)', () => {
	it('leaves out the service worker, the offline zip and the DR binder, says so in one line, and writes everything else', () => {
		expect(result.status, result.stderr).toBe(0);
		const log = `${result.stdout}${result.stderr}`;
		expect(log.split('\n').filter((line) => /offline steps left out/.test(line))).toEqual(['build: offline steps left out (--no-offline): no service worker, offline zip or DR binder in this output']);
		expect(log).not.toMatch(/^(service worker|offline copy): /m);
		const full = allFiles(FIXTURE_DIST);
		const quick = allFiles(again);
		// The default build has all three; the switch leaves exactly those out.
		expect(offlineOutputs(full)).toEqual(expect.arrayContaining([SERVICE_WORKER_FILE, `downloads/${OFFLINE_ZIP}`, `downloads/${OFFLINE_ZIP}.sha256`, BINDER_FILE]));
		expect(full.some((f) => WORKBOX_RUNTIME.test(f))).toBe(true);
		expect(offlineOutputs(quick)).toEqual([]);
		expect(existsSync(join(again, 'downloads'))).toBe(false);
		expect(quick).toEqual(full.filter((f) => !offlineOutputs(full).includes(f)));
	});
});
