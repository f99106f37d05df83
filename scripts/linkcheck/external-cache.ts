/**
 * Remembers external links that answered OK, so a re-run within `maxAgeHours` skips them instead of
 * hitting every remote host again. Broken results are never cached: they are re-checked each run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface Entry {
	status: number;
	checkedAt: string;
}

export class ExternalCache {
	private entries: Record<string, Entry>;
	readonly file: string;
	private readonly maxAgeMs: number;

	constructor(file: string, maxAgeHours: number) {
		this.file = file;
		this.maxAgeMs = maxAgeHours * 3_600_000;
		try {
			this.entries = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>) : {};
		} catch {
			this.entries = {};
		}
	}

	isFresh(url: string, now = Date.now()): boolean {
		const entry = this.entries[url];
		return !!entry && now - Date.parse(entry.checkedAt) < this.maxAgeMs;
	}

	recordOk(url: string, status: number, now = new Date()): void {
		this.entries[url] = { status, checkedAt: now.toISOString() };
	}

	save(): void {
		mkdirSync(dirname(this.file), { recursive: true });
		const sorted = Object.fromEntries(Object.entries(this.entries).sort(([a], [b]) => a.localeCompare(b)));
		writeFileSync(this.file, `${JSON.stringify(sorted, null, 2)}\n`);
	}
}
