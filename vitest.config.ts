import { defineConfig } from 'vitest/config';

// Tests are grouped by what they need at run time: `node` tests are pure and fast; `build` tests
// (and the browser tests among them) read the sites built once by test/setup/build.ts.
export default defineConfig({
	test: {
		testTimeout: 120_000,
		hookTimeout: 600_000,
		// 2 cores: build and browser tests share one dist/ and one chromium, so files run one at a time.
		fileParallelism: false,
		projects: [
			{ extends: true, test: { name: 'node', include: ['test/node/**/*.test.ts'] } },
			{ extends: true, test: { name: 'build', include: ['test/build/**/*.test.ts', 'test/browser/**/*.test.ts'], globalSetup: ['test/setup/build.ts'] } },
		],
	},
});
