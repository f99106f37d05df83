/**
 * Debian's Chromium, driven by playwright-core, for the tools that need a browser outside the test
 * runner (build-time diagram rendering, the search evaluation). Nothing here downloads a browser:
 * where /usr/bin/chromium is missing, `chromiumPath()` says so and the caller decides.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The executable, or null when this machine has none. */
export const chromiumPath = (): string | null => (existsSync(CHROMIUM) ? CHROMIUM : null);

/** Headless, sandbox off (containers), a fresh temporary profile (playwright's own for `launch`). */
export async function launchChromium(): Promise<Browser> {
	// Loaded when a browser is wanted, not with this module: astro.config.mjs reaches it through the
	// diagram integration, and playwright-core took ~0.6 s of every `astro dev` start-up that never launches one.
	const { chromium } = await import('playwright-core');
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
}
