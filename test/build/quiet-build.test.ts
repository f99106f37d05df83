/**
 * Issue 26, a quiet build: the real corpus builds with a short log and not one warning line, so the
 * day a real warning appears it is seen. The log is the one test/setup/build.ts saved from the
 * suite's shared build (no second real-corpus build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SITE_BUILD_LOG } from '../helpers/paths.ts';

describe('the real build log', () => {
	it('was saved by the shared build (run without REUSE_BUILD=1 once)', () => {
		expect(existsSync(SITE_BUILD_LOG), SITE_BUILD_LOG).toBe(true);
	});
	const lines = existsSync(SITE_BUILD_LOG) ? readFileSync(SITE_BUILD_LOG, 'utf8').split('\n') : [];

	it('has no warning lines (Astro, Vite, Starlight, the check, the post-build steps)', () => {
		// A summary such as `0 errors, 0 warnings` is not a warning.
		expect(lines.filter((line) => /warn|\(!\)|deprecat/i.test(line.replace(/\b0 warnings\b/, '')))).toEqual([]);
	});

	it('has no finding of the check at all: a clean corpus prints none, not even `info`', () => {
		expect(lines.filter((line) => /^\S+:\d+:\d+ {2}\S+ {2}/.test(line))).toEqual([]);
	});

	it('says it completed', () => {
		expect(lines.some((line) => /\[build\] Complete!/.test(line))).toBe(true);
	});
});
