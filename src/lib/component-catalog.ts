/**
 * The components a page may import, by module: Starlight's (`@astrojs/starlight/components`) and
 * every folder under src/components with an index.ts (`~/components/facts`). Read from the modules
 * themselves, so a component added there is known here without a second list. Used by the MDX
 * policy (src/lib/mdx-policy.ts) for "did you mean" and to check named imports; loaded only when a
 * page needs it.
 */
import { Parser, type Node } from 'acorn';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { PROJECT_COMPONENTS_PREFIX, STARLIGHT_COMPONENTS, type ComponentCatalog } from './mdx-policy.ts';

/** The names a module exports, read with acorn; none when it cannot be read (the catalog only helps, it never allows). */
function exportedNames(file: string): string[] {
	try {
		const program = Parser.parse(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as { body: (Node & { specifiers?: { exported: { name?: string; value?: string } }[] })[] };
		return program.body.filter((s) => s.type === 'ExportNamedDeclaration').flatMap((s) => (s.specifiers ?? []).map((x) => String(x.exported.name ?? x.exported.value)));
	} catch {
		return [];
	}
}

/** `root` is the repo (npm runs every script there, as src/lib/site-config.ts assumes). */
export function loadComponentCatalog(root = process.cwd()): ComponentCatalog {
	const catalog = new Map<string, string[]>();
	try {
		const starlight = createRequire(join(root, 'package.json')).resolve(STARLIGHT_COMPONENTS);
		catalog.set(STARLIGHT_COMPONENTS, exportedNames(starlight));
	} catch {
		// Starlight not installed: the build would say so first.
	}
	const components = resolve(root, 'src/components');
	for (const entry of existsSync(components) ? readdirSync(components, { withFileTypes: true }) : []) {
		if (!entry.isDirectory()) continue;
		const index = join(components, entry.name, 'index.ts');
		if (existsSync(index)) catalog.set(`${PROJECT_COMPONENTS_PREFIX}${entry.name}`, exportedNames(index));
	}
	return catalog;
}
