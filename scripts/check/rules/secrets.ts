/**
 * Credentials pasted into a page are published to everyone and kept in Git history. This scans the
 * raw file (frontmatter, prose and code alike) for key material and tokens by their well-known
 * shapes, and for literal passwords. Rule id `secret`. The matched value is never printed in full,
 * so the check's own output (CI logs) does not leak it again.
 *
 * Placeholders pass: `<PASSWORD>`, `${PGPASSWORD}`, `$PGPASSWORD`, `$(vault kv get …)`, `{{ .Values.x }}`,
 * masks such as `****` or `xxxx`, and AWS's documented `…EXAMPLE` keys. Dummy words such as
 * `changeme` are flagged in code (people paste code blocks into production) but not in prose, where
 * "password: use the generator" is a sentence, not a credential.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { lineIndex } from '../../../src/lib/position.ts';
import type { Report } from '../types.ts';

interface TokenPattern {
	what: string;
	/**
	 * Lower-case text every match contains: a file without any is skipped without running the
	 * pattern (most pages have no token-like text at all, and each regex scan costs a pass over the file).
	 */
	needles: string[];
	pattern: RegExp;
	/** Group holding the secret itself (default: the whole match). */
	group?: number;
	allow?: (value: string) => boolean;
}

const TOKENS: TokenPattern[] = [
	{ what: 'private key', needles: ['private key'], pattern: /-----BEGIN (?:[A-Z0-9]{1,32} ){0,8}PRIVATE KEY(?: BLOCK)?-----/g },
	{ what: 'AWS access key id', needles: ['akia', 'asia'], pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, allow: (v) => v.endsWith('EXAMPLE') },
	{ what: 'GitHub token', needles: ['gho_', 'ghp_', 'ghs_', 'ghu_', 'ghr_', 'github_pat_'], pattern: /\b(?:gh[opsur]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
	{ what: 'Slack token', needles: ['xox'], pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
	{ what: 'Vault token', needles: ['hvs.', 'hvb.', 'hvr.', 's.'], pattern: /(?<![\w.])(?:hv[sbr]\.[A-Za-z0-9_-]{24,}|s\.[A-Za-z0-9]{24,})\b/g },
	// Starts only where a run of the token's characters starts: with `\b`, every `-eyJ` inside one long
	// run was a start that scanned the rest of the run (quadratic).
	{ what: 'JSON Web Token', needles: ['eyj'], pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
	// A bare 40-character string is too common (commit SHAs) to flag; only when labelled as a token or key.
	// The label is a whole [\w-] run that contains the word (a lookahead, which never backtracks), taken
	// from the run's start only: `\b[\w-]*token[\w-]*` retried every occurrence of the word against the
	// rest of the run from every boundary in it (cubic on `a-token-a-token…`).
	{ what: 'API token', needles: ['token', 'api', 'secret', 'bearer'], pattern: /(?:(?<![\w-])(?=[\w-]*?(?:token|api[_-]?key|secret))[\w-]+["']?\s*[:=]\s*["']?|\bBearer\s+)([A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/gi, group: 1 },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NEEDLES = new RegExp([...TOKENS.flatMap((t) => t.needles), 'passw', '://'].filter((n) => n !== 's.').map(escape).join('|'), 'gi');

// `password: x`, `PASSWORD=x`, `"password": "x"`, `--password x`, `--password=x`, `db.password=x`.
// Every regex here starts only where its run of name characters starts (a lookbehind), so no run is
// scanned once per character in it: with `(?<![\w-])`, each `.` in `a.a.a.…` was a new start that
// scanned to the run's end (quadratic: a 400 KB page took minutes). test/node/check-bounded.test.ts
// runs them on adversarial pages.
const PASSWORD_ASSIGNMENT = /(?:(?<![\w.-])([A-Za-z_][\w.-]*)?(?:password|passwd)["']?\s*[:=]|--password[=\s])[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s"',;)}\]]+)/gi;
// scheme://user:pass@host
const URL_CREDENTIALS = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi;

/** Placeholders and references to values kept elsewhere; decided on the value with quotes removed. */
export function isPlaceholder(raw: string): boolean {
	const value = raw.replace(/^["']|["']$/g, '').trim();
	if (value === '') return true;
	if (/^<[^<>]+>$/.test(value)) return true; // <PASSWORD>
	if (/^\$\{[^}]+\}$/.test(value) || /^\$[A-Za-z_]\w*$/.test(value) || /^\$\(.*\)?$/.test(value)) return true; // ${X}, $X, $(cmd)
	if (/^\{\{.*\}\}$/.test(value) || /^%\(\w+\)s$/.test(value)) return true; // templates
	if (/^(?:\*+|x+|X+|\.+|…)$/.test(value)) return true; // masks
	if (/^(?:null|none|true|false|~|[|>][+-]?)$/i.test(value)) return true; // YAML non-values and block markers, flags
	return false;
}

/** A prose value is only a credential when it does not read as a word. */
const looksLikeSecret = (value: string) => /[\d\W_]/.test(value.replace(/^["']|["']$/g, '')) || /[a-z][A-Z]|[A-Z][a-z].*[A-Z]/.test(value);

const MAX_FINDINGS = 50;

const mask = (value: string) => (value.length <= 6 ? '…' : `${value.slice(0, 4)}…`);

export function checkSecrets(source: string, root: Root | undefined, report: Report): void {
	const position = lineIndex(source);
	// Offsets that are code (fences, inline code, frontmatter); without a tree everything counts as
	// code. Found on the first password-like match only: most files have none.
	let code: [number, number][] | undefined;
	const inCode = (offset: number) => {
		if (!root) return true;
		if (!code) {
			const ranges: [number, number][] = [];
			visit(root, (node) => {
				if ((node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml') && node.position?.start.offset !== undefined) ranges.push([node.position.start.offset, node.position.end.offset!]);
			});
			code = ranges;
		}
		// Ranges are in document order and do not overlap: a binary search, not a scan per match.
		let lo = 0;
		let hi = code.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const [a, b] = code[mid]!;
			if (offset < a) hi = mid - 1;
			else if (offset >= b) lo = mid + 1;
			else return true;
		}
		return false;
	};
	const seen = new Set<number>();
	// A page pasted from a credentials dump is fixed by removing the dump, not by reading every line of
	// it: past MAX_FINDINGS the scan stops, so its cost and its output stay bounded.
	const full = () => seen.size > MAX_FINDINGS;
	const hit = (offset: number, message: string) => {
		if (seen.has(offset) || full()) return;
		seen.add(offset);
		if (full()) report('secret', 'error', position(offset), `Unexpected more than ${MAX_FINDINGS} credential-like values in one page, expected none (the first ${MAX_FINDINGS} are listed; the scan stopped here)`);
		else report('secret', 'error', position(offset), message);
	};

	// One pass for every needle (a pass per needle cost 2.5× as much); 's.' is in nearly every page,
	// so the Vault pattern runs anyway.
	const present = new Set<string>();
	const scan = new RegExp(NEEDLES);
	// Resuming one character after each match, not after its end, finds overlapping needles too
	// (`secretoken`); a lookahead would do the same but defeats the regex engine's fast scan (2× slower).
	for (let match = scan.exec(source); match; match = scan.exec(source)) {
		present.add(match[0].toLowerCase());
		scan.lastIndex = match.index + 1;
	}
	const mentions = (needles: string[]) => needles.some((needle) => needle === 's.' || present.has(needle));
	for (const { what, needles, pattern, group, allow } of TOKENS) {
		if (!mentions(needles)) continue;
		for (const match of source.matchAll(pattern)) {
			if (full()) return;
			const value = group ? match[group]! : match[0];
			if (allow?.(value)) continue;
			const offset = match.index! + (group ? match[0].lastIndexOf(value) : 0);
			hit(offset, `Unexpected ${what} \`${mask(value)}\`, expected no credentials in docs (use a placeholder such as \`<${what.toUpperCase().replace(/[^A-Z]+/g, '_')}>\`; if it was real, revoke it)`);
		}
	}
	for (const match of mentions(['passw']) ? source.matchAll(PASSWORD_ASSIGNMENT) : []) {
		if (full()) return;
		const value = match[2]!;
		// sudoers' `NOPASSWD:` is a tag, not a password.
		if (/nopasswd\s*:$/i.test(match[0].slice(0, match[0].length - value.length).trim())) continue;
		const offset = match.index! + match[0].lastIndexOf(value);
		if (isPlaceholder(value)) continue;
		if (!inCode(offset) && !looksLikeSecret(value)) continue;
		hit(offset, `Unexpected literal password \`${mask(value.replace(/^["']|["']$/g, ''))}\`, expected a placeholder such as \`<PASSWORD>\` or \`\${PGPASSWORD}\` (if it was real, rotate it)`);
	}
	for (const match of mentions(['://']) ? source.matchAll(URL_CREDENTIALS) : []) {
		if (full()) return;
		const value = match[1]!;
		if (isPlaceholder(value)) continue;
		const offset = match.index! + match[0].lastIndexOf(`:${value}@`) + 1;
		hit(offset, `Unexpected password \`${mask(value)}\` in a URL, expected a placeholder such as \`postgres://user:<PASSWORD>@host\` or credentials from the environment`);
	}
}
