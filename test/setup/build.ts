/**
 * Builds the real site and the fixture site once per `npm test` run; the build tests read the
 * output. A failed build fails the run here with the build's own message.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildSite } from '../helpers/build.ts';
import { FIXTURE_DIST, FIXTURE_DOCS, ROOT, SITE_BUILD_LOG, SITE_DIST } from '../helpers/paths.ts';

export default function setup() {
	// REUSE_BUILD=1 skips rebuilding when iterating on tests locally; CI always builds.
	const reuse = process.env.REUSE_BUILD === '1' && !process.env.CI;
	// TEST_SITES=fixture limits a local run to the fixture build (its tests only make sense then).
	const sites = [[`${ROOT}/src/content/docs`, SITE_DIST], [FIXTURE_DOCS, FIXTURE_DIST]] as const;
	for (const [docs, out] of process.env.TEST_SITES === 'fixture' && !process.env.CI ? sites.slice(1) : sites) {
		if (reuse && existsSync(`${out}/index.html`)) continue;
		rmSync(out, { recursive: true, force: true });
		const result = buildSite(docs, out);
		if (result.status !== 0) throw new Error(`Build of ${docs} failed:\n${result.stdout}\n${result.stderr}`);
		// The real build's log, for the quiet-build test (test/build/quiet-build.test.ts).
		if (out === SITE_DIST) {
			mkdirSync(dirname(SITE_BUILD_LOG), { recursive: true });
			writeFileSync(SITE_BUILD_LOG, `${result.stdout}${result.stderr}`);
		}
	}
}
