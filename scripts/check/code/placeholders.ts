/**
 * Placeholders in runbook code: one convention, `<UPPER_SNAKE>` (`<NODE_NAME>`, `<BACKUP_ID>`,
 * `<K3S_VERSION>`): a `<`, an upper-case letter, then upper-case letters, digits and `_`, then `>`.
 * Before a block is parsed each placeholder is replaced by a word of the same length
 * (`<NODE_NAME>` → `_NODE_NAME_`), so no parser trips on it and every later column stays exact.
 * A placeholder written another way (`<pod>`, `<pod-name>`, `<pod name>`, `{{pod}}`) is reported
 * (`code-placeholder`), then replaced the same way so it causes no second finding.
 *
 * Written by hand: a placeholder is this project's convention, not a language, so no parser knows it.
 */
import type { Report } from '../types.ts';
import type { CodeFence } from './fences.ts';

export const PLACEHOLDER = /<[A-Z][A-Z0-9_]*>/g;

/**
 * Candidates for a placeholder another way: `<word…>` not glued to a word before it (`List<String>`)
 * nor part of `<<`/`<(` (heredocs, process substitution), and `{{name}}` with no `.`/`$` (Go
 * templates, which `kubectl -o go-template` and alert annotations use, always have one or are keywords).
 */
const OTHER_ANGLE = /(?<![\w<>$])<([A-Za-z][A-Za-z0-9_ .-]*[A-Za-z0-9_])>(?![\w>])|(?<![\w<>$])<([a-z])>(?![\w>])/g;
const OTHER_BRACES = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const GO_TEMPLATE_WORDS = new Set(['end', 'else', 'range', 'if', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil']);
/** HTML elements that show up in alert annotations and the like, which are not placeholders. */
const HTML_TAGS = new Set(['br', 'b', 'i', 'p', 'a', 'em', 'strong', 'code', 'pre', 'ul', 'li', 'hr', 'div', 'span', 'table', 'tr', 'td', 'th']);

export interface Substituted {
	/** The text with every placeholder replaced by a same-length word. */
	text: string;
	/** The words that replaced placeholders, to tell a placeholder's value from a real one. */
	words: Set<string>;
}

const wordFor = (name: string) => `_${name.replace(/[^A-Za-z0-9_]/g, '_')}_`;

/** The convention's spelling of a name written another way (`pod-name` → `POD_NAME`). */
export const conventional = (name: string) => name.trim().replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

/** Replaces placeholders (reporting those that break the convention) in a block's text. */
export function substitutePlaceholders(fence: CodeFence, text: string, report: Report): Substituted {
	const words = new Set<string>();
	if (!text.includes('<') && !text.includes('{{')) return { text, words };
	let out = text.replace(PLACEHOLDER, (match) => {
		const word = wordFor(match.slice(1, -1));
		words.add(word);
		return word;
	});
	const wrong = (match: string, name: string, offset: number) => {
		const before = out.slice(0, offset);
		const line = before.split('\n').length;
		const column = offset - before.lastIndexOf('\n');
		report('code-placeholder', 'error', fence.at(line, column), `Unexpected placeholder \`${match}\`, expected \`<UPPER_SNAKE>\` such as \`<${conventional(name)}>\` (documentation standards, "Code blocks")`);
		const word = `_${match.slice(1, -1).replace(/[^A-Za-z0-9_]/g, '_')}_`.padEnd(match.length, '_').slice(0, match.length);
		words.add(word);
		return word;
	};
	if (out.includes('<')) {
		out = out.replace(OTHER_ANGLE, (match, name: string | undefined, letter: string | undefined, offset: number) => {
			const n = name ?? letter!;
			if (HTML_TAGS.has(n.toLowerCase())) return match;
			return wrong(match, n, offset);
		});
	}
	if (out.includes('{{')) {
		out = out.replace(OTHER_BRACES, (match, name: string, offset: number) => (GO_TEMPLATE_WORDS.has(name) ? match : wrong(match, name, offset)));
	}
	return { text: out, words };
}

/** Whether a value came from a placeholder (its type and contents are the reader's to fill in). */
export const fromPlaceholder = (value: unknown, words: Set<string>) => typeof value === 'string' && words.size > 0 && [...words].some((w) => value.includes(w));
