import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The real site, built once per `npm test` run by test/setup/build.ts and shared by every build test. */
export const SITE_DIST = resolve(ROOT, 'dist');
/** The small fixture tree under test/fixtures/site, built once per run. */
export const FIXTURE_DOCS = resolve(ROOT, 'test/fixtures/site');
export const FIXTURE_DIST = resolve(ROOT, 'test/.tmp/fixture-dist');
export const TMP = resolve(ROOT, 'test/.tmp');
/** What the real site's build (test/setup/build.ts) printed, stdout then stderr. */
export const SITE_BUILD_LOG = resolve(TMP, 'site-build.log');
