/**
 * `yaml` blocks: every `---` document parsed by the `yaml` library (syntax errors and duplicate
 * keys at their line, `code-yaml`); a document with `apiVersion` and `kind` is a Kubernetes manifest
 * (./k8s.ts, `code-k8s`) whose namespace and images must agree with the facts. `json` blocks:
 * JSON.parse (`code-json`).
 *
 * A manifest whose leading comment says it is a patch or an excerpt (`# overlays/staging/patches/x.yaml`,
 * `# … (excerpt)`) is partial on purpose: missing required fields are not reported for it; wrong
 * types, unknown fields and removed API versions still are.
 */
import { createRequire } from 'node:module';
import type { Facts } from '../../../schemas/facts.ts';
import { checkManifestFacts } from '../rules/facts.ts';
import type { Report } from '../types.ts';
import { lineColumn, type CodeFence } from './fences.ts';

/** The leading comment of a manifest that is not whole: a patch (strategic merge, Flux/Kustomize overlay) or an excerpt. */
const PARTIAL = /\b(?:patch(?:es)?|excerpt)\b/i;

const firstLine = (message: string) => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

export async function verifyYaml(fence: CodeFence, text: string, facts: Facts, isPlaceholder: (value: unknown) => boolean, report: Report): Promise<void> {
	// Required, as ../../../src/lib/frontmatter.ts does: yaml is CommonJS, and bundled its named exports sit on `default`.
	const { parseAllDocuments, isMap, isPair, isScalar } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
	const place = (offset: number) => {
		const { line, column } = lineColumn(text, offset);
		return fence.at(line, column);
	};
	const parsed = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
	const documents = Array.isArray(parsed) ? parsed : [];
	let previousEnd = 0;
	for (const doc of documents) {
		const before = previousEnd;
		previousEnd = doc.range[2];
		if (doc.errors.length) {
			const error = doc.errors[0]!;
			report('code-yaml', 'error', place(error.pos[0]), `Unexpected YAML: ${firstLine(error.message)}`);
			continue;
		}
		const data = doc.toJS() as unknown;
		if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
		const manifest = data as Record<string, unknown>;
		if (typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') continue;
		/** The node at a path (or, for a key at fault, the key itself), as a page position. */
		const locate = (path: (string | number)[], key = false) => {
			for (let depth = path.length; depth >= 0; depth--) {
				const at = path.slice(0, depth);
				if (key && depth === path.length && at.length) {
					const parent = doc.getIn(at.slice(0, -1), true);
					if (isMap(parent)) {
						const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === at[at.length - 1]);
						const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
						if (range) return place(range[0]);
					}
					continue;
				}
				const node = at.length ? doc.getIn(at, true) : doc.contents;
				const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
				if (range) {
					// A mapping's place is its first key, which is on the line the author reads as the mapping.
					return place(range[0]);
				}
			}
			return place(doc.range[0]);
		};
		const { validateManifest } = await import('./k8s.ts');
		const errors = await validateManifest(manifest, facts.cluster.kubernetes_version, isPlaceholder);
		// A patch or an excerpt says so in its leading comment, and leaves required fields out on purpose.
		const contentStart = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? doc.range[0];
		const partial = PARTIAL.test(text.slice(before, contentStart).split('\n').filter((l) => /^\s*#/.test(l)).join('\n'));
		for (const error of errors) if (!(partial && error.required)) report('code-k8s', 'error', locate(error.path, error.key), error.message);
		checkManifestFacts(manifest, facts, (path) => locate(path), isPlaceholder, report);
	}
}

export function verifyJson(fence: CodeFence, text: string, report: Report): void {
	try {
		JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message;
		// V8: `… in JSON at position N (line L column C)`.
		const at = /\(line (\d+) column (\d+)\)/.exec(message);
		const position = /at position (\d+)/.exec(message);
		const place = at ? { line: Number(at[1]), column: Number(at[2]) } : position ? lineColumn(text, Number(position[1])) : { line: 1, column: 1 };
		report('code-json', 'error', fence.at(place.line, place.column), `Unexpected JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
	}
}
