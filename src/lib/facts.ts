import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { factsSchema, type Facts } from '../../schemas/facts.ts';

export const FACTS_PATH = resolve(process.cwd(), 'src/data/facts.yaml');

let cached: Facts | undefined;

/** Parsed and validated facts; a malformed facts file stops the build with the zod issues, not a stack. */
export function loadFacts(path = FACTS_PATH): Facts {
	if (cached && path === FACTS_PATH) return cached;
	// js-yaml, as for frontmatter (./frontmatter.ts): what Astro parses YAML with, and fast to start.
	const result = factsSchema.safeParse(load(readFileSync(path, 'utf8')));
	if (!result.success) {
		const lines = result.error.issues.map((i) => `${path}: ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid facts data\n${lines.join('\n')}`);
	}
	if (path === FACTS_PATH) cached = result.data;
	return result.data;
}

export function componentById(id: string, facts = loadFacts()) {
	const found = facts.components.find((c) => c.id === id);
	if (!found) throw new Error(`Unknown component \`${id}\` in facts; expected one of ${facts.components.map((c) => c.id).join(', ')}`);
	return found;
}
