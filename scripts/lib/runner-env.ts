/**
 * The environment without what a test runner exports (VITEST*, DEV, PROD, SSR, MODE, BASE_URL, TEST):
 * inherited by `astro build` or `astro dev`, those make Vite build in dev mode or under another base
 * path. scripts/build.ts starts Astro with it, and so does every test that starts Astro itself.
 */
const RUNNER_VARIABLES = /^(VITEST.*|DEV|PROD|SSR|MODE|BASE_URL|TEST)$/;

export const withoutRunnerVariables = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(env).filter(([k]) => !RUNNER_VARIABLES.test(k)));
