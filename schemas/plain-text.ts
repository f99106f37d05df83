import { z } from 'astro/zod';

/**
 * A one-line, plain-text frontmatter value (`title`, `description`, a theme label). These strings
 * are written into HTML (escaped by Astro) but also into Markdown for agents (llms.txt, the twins'
 * headers, link text), where a newline starts a new section and `[x](y)` forges a link: so the value
 * itself must be one line of text, with no markup an agent would read as structure.
 */

// C0/C1 controls (tab included: it renders as nothing useful), line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Bidi embeddings, overrides and isolates, zero-width characters and the BOM: they change what a
// reader sees without being seen themselves.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
// An HTML tag, comment or declaration: `<b`, `</b`, `<!--`, `<?`.
const HTML = /<[a-zA-Z/!?]/;
// A Markdown link, image or reference link: `[text](url)`, `![alt](src)`, `[text][ref]`, `<https://…>`.
const MARKDOWN_LINK = /\]\s*[([]|<[a-z][a-z0-9+.-]*:/i;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not one line of plain text, or undefined when it is. */
export function plainTextProblem(value: string): string | undefined {
	const control = CONTROL.exec(value)?.[0];
	if (control !== undefined) return control === '\n' || control === '\r' ? 'line break' : `control character ${codePoint(control)}`;
	const invisible = INVISIBLE.exec(value)?.[0];
	if (invisible !== undefined) return `invisible character ${codePoint(invisible)}`;
	if (HTML.test(value)) return 'HTML markup';
	if (MARKDOWN_LINK.test(value)) return 'Markdown link syntax';
	return undefined;
}

/** A required single-line plain-text string, at most `max` characters. */
export function plainText(field: string, example: string, max?: number) {
	let schema = z.string({
		error: (iss) => (iss.input === undefined ? `Missing required field \`${field}\`, expected ${example}` : `Unexpected ${JSON.stringify(iss.input)} as ${field}, expected ${example}`),
	});
	schema = schema.min(1, { error: `Unexpected empty \`${field}\`, expected ${example}` });
	if (max !== undefined) schema = schema.max(max, { error: (iss) => `Unexpected ${field} of ${String((iss.input as string)?.length)} characters, expected at most ${max}` });
	return schema.superRefine((value, ctx) => {
		const problem = plainTextProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: `Unexpected ${problem} in \`${field}\`, expected one line of plain text (no line breaks, HTML or Markdown links)` });
	});
}
