/**
 * Writes /search-vocabulary.json: every word the docs use, most frequent first, for the search
 * dialog's spelling correction (src/lib/search-query.ts). Read from the same sources the pages are
 * built from, so a word in the vocabulary is a word some page has.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const VOCABULARY_PATH = '/search-vocabulary.json';

export function vocabularyOf(docsDir: string): string[] {
	const counts = new Map<string, number>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/\.mdx?$/.test(entry.name)) {
				for (const word of readFileSync(path, 'utf8').toLowerCase().match(/\p{L}[\p{L}\p{N}]{2,}/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
			}
		}
	};
	walk(docsDir);
	// Ties broken alphabetically, so the file is the same on every build of the same tree.
	return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

export default function searchVocabulary(docsDir: string): AstroIntegration {
	return {
		name: 'neotool-search-vocabulary',
		hooks: {
			'astro:build:done': ({ dir }) => {
				writeFileSync(join(fileURLToPath(dir), VOCABULARY_PATH), `${JSON.stringify({ words: vocabularyOf(docsDir) })}\n`);
			},
		},
	};
}
