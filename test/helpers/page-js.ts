import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * JavaScript a page loads before any interaction: inline scripts plus external module scripts and
 * everything they import statically. Dynamic `import()` is lazy and not counted, which is the point
 * of the mermaid loader.
 */
export function pageJavaScript(dist: string, route: string): { files: string[]; bytes: number } {
	const html = readFileSync(join(dist, route, 'index.html'), 'utf8');
	let bytes = 0;
	for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
		if (!/type="application\/(ld\+)?json"/.test(m[0])) bytes += Buffer.byteLength(m[1]!);
	}
	const seen = new Set<string>();
	const queue = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
	while (queue.length) {
		const url = queue.shift()!;
		if (seen.has(url)) continue;
		seen.add(url);
		const file = join(dist, url);
		if (!existsSync(file)) continue;
		const code = readFileSync(file, 'utf8');
		bytes += Buffer.byteLength(code);
		for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+?from\s*)?["']([^"']+\.js)["']/g)) queue.push(posix.join(posix.dirname(url), m[1]!));
	}
	return { files: [...seen].sort(), bytes };
}
