/**
 * Reads a doc's YAML frontmatter with source positions and validates it against the one schema,
 * so every problem can be reported at the line and column of the offending key.
 */
import { createRequire } from 'node:module';
import { load, type YAMLException } from 'js-yaml';
import type { Document as YamlDocument, LineCounter, Node as YamlNode } from 'yaml';
import { closest } from '../../schemas/suggest.ts';
import { REFUSED_THEME_FIELDS } from '../../schemas/theme.ts';
import { FRONTMATTER_KEYS, frontmatterSchema, unknownKeyMessage, type Frontmatter } from '../../schemas/frontmatter.ts';
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
	const fail = (problems: FrontmatterProblem[]): FrontmatterResult => ({ problems, bodyStartLine, bodyOffset, locate });
	// Anchors and aliases are refused before js-yaml reads the block: expanded, a few lines of aliases
	// (a "billion laughs") become gigabytes for whatever serialises the data next. Pages never need them.
	if (MAY_HAVE_ALIAS.test(yamlText)) {
		const aliases = aliasProblems(positioned(), yamlText, at);
		if (aliases.length) return fail(aliases);
	}
	let raw: unknown;
	try {
		raw = load(yamlText);
	} catch (error) {
		return fail(yamlSyntaxProblems(error as YAMLException, yamlText, positioned, at));
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
	const problems: FrontmatterProblem[] = [];
	if (!parsed.success) {
		// A misspelt required key (`descripton`) is one mistake, reported at the misspelt key with its
		// fix, not also as a missing field at the top of the file.
		const unknown = parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : []));
		const meant = new Set(unknown.map((key) => closest(key, FRONTMATTER_KEYS)));
		const keyAt = (key: string) => keyPosition(positioned(), key, at);
		for (const issue of parsed.error.issues) {
			if (issue.code === 'unrecognized_keys') {
				for (const key of issue.keys) problems.push({ rule: 'frontmatter-schema', field: key, ...keyAt(key), message: unknownKeyMessage(key) });
				continue;
			}
			const field = issue.path.join('.');
			if (issue.path.length === 1 && meant.has(field) && (raw as Record<string, unknown>)[field] === undefined) continue;
			// A refused field is wrong as a whole: point at its key, not into its value.
			const where = issue.path.length === 1 && field in REFUSED_THEME_FIELDS ? keyAt(field) : locate(issue.path);
			problems.push({ rule: 'frontmatter-schema', field, ...where, message: issue.path.length ? `${issue.message} (field \`${field}\`)` : issue.message });
		}
		problems.sort((a, b) => a.line - b.line || a.column - b.column);
	}
	return { data: parsed.success ? parsed.data : undefined, raw: raw as Record<string, unknown>, problems, bodyStartLine, bodyOffset, locate };
}

/** Where a top-level key is written (its name), or 1:1 when it is not. */
function keyPosition(doc: YamlDocument, key: string, at: (offset: number) => Position): Position {
	const { isMap, isScalar } = yaml();
	const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
	return pair && isScalar(pair.key) && pair.key.range ? at(pair.key.range[0]) : { line: 1, column: 1 };
}

// `&name` or `*name` where YAML can read one: after a space, a flow indicator or at a line start.
// Only a hint that the exact (slower) search below is worth running; prose such as `*args` may match.
const MAY_HAVE_ALIAS = /(?:^|[\s,[{:-])[&*][^\s,[\]{}]/m;

/** Every anchor (`&a`) and alias (`*a`) in the block, at its `&` or `*`. */
function aliasProblems(doc: YamlDocument, text: string, at: (offset: number) => Position): FrontmatterProblem[] {
	const out: FrontmatterProblem[] = [];
	yaml().visit(doc, {
		Alias(_key, node) {
			if (node.range) out.push({ rule: 'frontmatter-yaml', ...at(node.range[0]), message: `Unexpected YAML alias \`*${node.source}\`, expected the value written out (aliases and anchors are refused: they can expand without bound)` });
		},
		Node(_key, node) {
			if (!node.anchor || !node.range) return;
			const offset = text.lastIndexOf(`&${node.anchor}`, node.range[0]);
			out.push({ rule: 'frontmatter-yaml', ...at(offset === -1 ? node.range[0] : offset), message: `Unexpected YAML anchor \`&${node.anchor}\`, expected the value written out (aliases and anchors are refused: they can expand without bound)` });
		},
	});
	return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

const UNCLOSED_CLOSER: Record<string, string> = { '[': ']', '{': '}' };
const CLOSED_QUOTE: Record<string, RegExp> = { '"': /^"(?:[^"\\]|\\[\s\S])*"$/, "'": /^'(?:[^']|'')*'$/ };

/**
 * A YAML syntax error, placed where the author made it. Parsers notice an unclosed quote or bracket
 * only where the block ends or the next key starts; the construct to fix is where it opens, found in
 * `yaml`'s concrete syntax tree. A bad indentation is reported by js-yaml at the misindented line.
 */
function yamlSyntaxProblems(error: YAMLException, text: string, positioned: () => YamlDocument, at: (offset: number) => Position): FrontmatterProblem[] {
	const { Parser, CST } = yaml();
	let unclosed: { offset: number; open: string } | undefined;
	for (const token of new Parser().parse(text)) {
		if (token.type !== 'document') continue;
		CST.visit(token, ({ value }) => {
			if (unclosed || !value) return;
			if (value.type === 'flow-collection') {
				const open = value.start.source;
				if (!value.end.some((t) => t.source === UNCLOSED_CLOSER[open])) unclosed = { offset: value.offset, open };
			} else if ((value.type === 'double-quoted-scalar' || value.type === 'single-quoted-scalar') && !CLOSED_QUOTE[value.source[0]!]!.test(value.source)) {
				unclosed = { offset: value.offset, open: value.source[0]! };
			}
			return unclosed ? CST.visit.BREAK : undefined;
		});
		if (unclosed) break;
	}
	if (unclosed) {
		const close = UNCLOSED_CLOSER[unclosed.open] ?? unclosed.open;
		const what = close === unclosed.open ? 'quote' : 'bracket';
		return [{ rule: 'frontmatter-yaml', ...at(unclosed.offset), message: `Unexpected unclosed ${what} \`${unclosed.open}\`, expected a closing \`${close}\` before the end of this value` }];
	}
	const mark = error.mark;
	const reason = error.reason ?? error.message.split('\n')[0]!;
	if (mark && /indentation/.test(reason)) {
		const line = text.split('\n')[mark.line] ?? '';
		// `title: Deploy: the fast way` reads to YAML as a key inside a value, and js-yaml calls it
		// an indentation error: say what it is, at the second `: `.
		const inValue = /^(\s*(?:- )?([\w.-]+):[ \t]+)([^'"[{|>#&*!][^#]*?)(:[ \t])/.exec(line);
		if (inValue) {
			return [{ rule: 'frontmatter-yaml', line: mark.line + 2, column: inValue[1]!.length + inValue[3]!.length + 1, message: `Unexpected \`: \` inside the unquoted value of \`${inValue[2]}\`, expected the whole value in quotes ("…")` }];
		}
		// js-yaml marks the misindented line; its column is wherever the parser gave up, so point at
		// the line's first character instead.
		return [{ rule: 'frontmatter-yaml', line: mark.line + 2, column: line.length - line.trimStart().length + 1, message: `Unexpected indentation of \`${line.trim().slice(0, 40)}\`, expected it to line up with the keys or list items it belongs to` }];
	}
	const errors = positioned().errors;
	if (errors.length) return errors.map((e) => ({ rule: 'frontmatter-yaml' as const, ...at(e.pos[0]), message: `Unexpected YAML: ${e.message.split('\n')[0]}` }));
	return [{ rule: 'frontmatter-yaml', line: (mark?.line ?? 0) + 2, column: (mark?.column ?? 0) + 1, message: `Unexpected YAML: ${reason}` }];
}
