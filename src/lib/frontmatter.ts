/**
 * Reads a doc's YAML frontmatter with source positions and validates it against the one schema,
 * so every problem can be reported at the line and column of the offending key.
 */
import { createRequire } from 'node:module';
import { load, type YAMLException } from 'js-yaml';
import type { Document as YamlDocument, LineCounter, Node as YamlNode } from 'yaml';
import { frontmatterSchema, type Frontmatter } from '../../schemas/frontmatter.ts';
import type { Position } from './position.ts';

export interface FrontmatterProblem extends Position {
	rule: 'frontmatter-yaml' | 'frontmatter-schema';
	message: string;
	field?: string;
}

export interface FrontmatterResult {
	data?: Frontmatter;
	raw?: Record<string, unknown>;
	problems: FrontmatterProblem[];
	/** Line of the first body line after the closing `---` (1-based). */
	bodyStartLine: number;
	/** Offset in the file where the body starts. */
	bodyOffset: number;
	/** Locates a frontmatter key path (e.g. ['related', 2]) in the file. */
	locate: (path: readonly PropertyKey[]) => Position;
}

// `yaml` only places problems, so it is loaded on the first one: most runs never need its ~25 ms.
let yamlLib: typeof import('yaml') | undefined;
const yaml = () => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function readFrontmatter(source: string): FrontmatterResult {
	const match = FENCE.exec(source);
	if (!match) {
		return {
			problems: [{ rule: 'frontmatter-yaml', line: 1, column: 1, message: 'Unexpected start of file, expected YAML frontmatter between `---` lines' }],
			bodyStartLine: 1,
			bodyOffset: 0,
			locate: () => ({ line: 1, column: 1 }),
		};
	}
	const yamlText = match[1]!;
	const bodyOffset = match[0].length;
	const bodyStartLine = match[0].split('\n').length;
	// The site reads frontmatter with js-yaml (Astro's parser), so js-yaml decides what the data is and
	// whether it parses; it is also ~9× faster. `yaml`, with its syntax tree and clearer messages, is
	// only built to say where: a problem's line and column, or what is wrong with broken YAML.
	let counter: LineCounter | undefined;
	let tree: YamlDocument | undefined;
	const positioned = () => {
		if (!tree) {
			counter = new (yaml().LineCounter)();
			tree = yaml().parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
		}
		return tree;
	};
	// YAML lines are 1-based within the block; the block starts on file line 2.
	const at = (offset: number): Position => {
		positioned();
		const p = counter!.linePos(offset);
		return { line: p.line + 1, column: p.col };
	};
	const locate = (path: readonly PropertyKey[]): Position => {
		const doc = positioned();
		for (let depth = path.length; depth > 0; depth--) {
			const sub = path.slice(0, depth);
			const node = doc.getIn(sub as unknown[], true) as YamlNode | undefined;
			if (node && node.range) return at(node.range[0]);
			// A missing value: point at the key instead.
			const parent = depth > 1 ? (doc.getIn(sub.slice(0, -1) as unknown[], true) as YamlNode | undefined) : doc.contents;
			const { isMap, isScalar } = yaml();
			if (parent && isMap(parent)) {
				const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === sub.at(-1));
				if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
			}
		}
		return { line: 1, column: 1 };
	};
	let raw: unknown;
	try {
		raw = load(yamlText);
	} catch (error) {
		const errors = positioned().errors;
		const mark = (error as YAMLException).mark;
		return {
			problems: errors.length
				? errors.map((e) => ({ rule: 'frontmatter-yaml' as const, ...at(e.pos[0]), message: `Unexpected YAML: ${e.message.split('\n')[0]}` }))
				: [{ rule: 'frontmatter-yaml', line: (mark?.line ?? 0) + 2, column: (mark?.column ?? 0) + 1, message: `Unexpected YAML: ${(error as YAMLException).reason ?? (error as Error).message.split('\n')[0]}` }],
			bodyStartLine,
			bodyOffset,
			locate,
		};
	}
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Date) {
		const what = raw === null || raw === undefined ? 'an empty block' : Array.isArray(raw) ? 'list' : raw instanceof Date ? 'date' : typeof raw;
		return {
			problems: [{ rule: 'frontmatter-yaml', line: 2, column: 1, message: `Unexpected ${what} as frontmatter, expected a mapping of fields (key: value)` }],
			bodyStartLine,
			bodyOffset,
			locate,
		};
	}
	const parsed = frontmatterSchema.safeParse(raw);
	const problems: FrontmatterProblem[] = parsed.success
		? []
		: parsed.error.issues.map((issue) => ({
				rule: 'frontmatter-schema' as const,
				field: issue.path.join('.'),
				...locate(issue.path),
				message: issue.path.length ? `${issue.message} (field \`${issue.path.join('.')}\`)` : issue.message,
			}));
	return { data: parsed.success ? parsed.data : undefined, raw: raw as Record<string, unknown>, problems, bodyStartLine, bodyOffset, locate };
}
