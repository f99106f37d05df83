import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

export interface BrowserSession {
	context: BrowserContext;
	/** A fresh page; `theme` presets Starlight's stored theme before any script runs. */
	newPage: (theme?: 'light' | 'dark') => Promise<Page>;
	close: () => Promise<void>;
}

/**
 * Debian's chromium with a fresh profile, driven by playwright-core: nothing downloads a browser.
 * Service workers are blocked unless asked for: the site's worker (scripts/lib/service-worker.ts)
 * would precache the whole site in the background of every test and then answer requests that
 * `page.route` can no longer see; test/browser/service-worker.test.ts asks for it.
 */
export async function launchBrowser(options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserSession> {
	const profile = mkdtempSync(join(tmpdir(), 'neotool-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		serviceWorkers: options.serviceWorkers ?? 'block',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	return {
		context,
		newPage: async (theme) => {
			const page = await context.newPage();
			if (theme) {
				await page.emulateMedia({ colorScheme: theme });
				await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
			}
			return page;
		},
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/**
 * A built site served on loopback and a browser, for one test file: started before its tests,
 * closed after. The returned object is filled in by `beforeAll`.
 */
export function siteInBrowser(dist: string): { url: string; browser: BrowserSession } {
	const session = { url: '', browser: undefined as unknown as BrowserSession };
	let server: StaticServer | undefined;
	beforeAll(async () => {
		server = await serveStatic(dist);
		session.url = server.url;
		session.browser = await launchBrowser();
	});
	afterAll(async () => {
		await session.browser?.close();
		await server?.close();
	});
	return session;
}
