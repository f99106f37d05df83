/**
 * The check refuses what a hostile docs PR could use (issue 25 points 2, 3 and 5; issue 13 point 4):
 * one ok/not-ok pair per class under test/fixtures/security/<case>/. Each not-ok page lists the
 * places it MUST be caught (`line:col rule`) and what the message must say; the ok page prints nothing.
 */
import { describe, expect, it } from 'vitest';
import { linesOf, runCheck } from '../helpers/check.ts';

interface Expected {
	/** `line:col rule`, in output order. */
	at: string[];
	/** Text each message must contain, in the same order. */
	says: string[];
}

const range = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

const CASES: Record<string, Expected> = {
	// A misspelt required key at its own line (not "missing field" at 1:1); every refused theme field at its key.
	'frontmatter-closed': {
		at: ['3:1 frontmatter-schema', '12:1 frontmatter-schema', '13:1 frontmatter-schema', '16:1 frontmatter-schema', '18:1 frontmatter-schema', '20:1 frontmatter-schema', '21:1 frontmatter-schema'],
		says: ['Unexpected key `descripton`', 'Unexpected key `review_frequncy`', 'Unexpected `head` in a page', 'Unexpected `banner` in a page', 'Unexpected `hero` in a page', 'Unexpected `editUrl` in a page', 'Unexpected `sidebar` in a page'],
	},
	'frontmatter-text': {
		at: ['2:8 frontmatter-schema', '3:14 frontmatter-schema'],
		says: ['Markdown link syntax in `title`', 'line break in `description`'],
	},
	// At the opening quote, not where the parser ran out of input.
	'yaml-quote': { at: ['2:8 frontmatter-yaml'], says: ['unclosed quote `"`'] },
	// At the misindented list item.
	'yaml-indent': { at: ['15:2 frontmatter-yaml'], says: ['Unexpected indentation of `- 11-infrastructure/b.md`'] },
	// Every anchor and alias, none expanded.
	'yaml-alias': {
		at: ['13:18 frontmatter-yaml', '14:5 frontmatter-yaml', ...range(9, 41, 4).map((c) => `14:${c} frontmatter-yaml`), '15:5 frontmatter-yaml', ...range(9, 41, 4).map((c) => `15:${c} frontmatter-yaml`)],
		says: ['YAML anchor `&a`', 'YAML anchor `&b`', ...Array(9).fill('YAML alias `*a`'), 'YAML anchor `&c`', ...Array(9).fill('YAML alias `*b`')],
	},
	'link-text-url': {
		at: ['17:14 link-text-url', '21:11 link-text-url'],
		says: ['`https://get.neotool.io/install.sh` that is a URL other than the link\'s target `https://evil.example/install.sh`', '`https://grafana.neotool.io` that is a URL other than the link\'s target `https://grafana.evil.example`'],
	},
	unicode: {
		at: ['18:5 unicode-lookalike', '19:45 unicode-invisible', '22:11 unicode-invisible'],
		says: ['U+0441 `с` in code, which looks like `c`', 'U+200B (zero-width space)', 'U+202E (right-to-left override (bidi))'],
	},
	'mermaid-count': { at: ['67:1 mermaid-budget'], says: ['Unexpected 11 mermaid diagrams in one page, expected at most 10'] },
	'mermaid-edges': { at: ['321:1 mermaid-budget'], says: ['Unexpected ~600 diagram edges'] },
};

const RULES = new Set(Object.values(CASES).flatMap((c) => c.at.map((a) => a.split(' ')[1]!)));

describe.each(Object.keys(CASES))('security fixture %s', (name) => {
	const dir = `test/fixtures/security/${name}`;

	it('ok.mdx: no problem, exit 0', () => {
		const result = runCheck(['--root', dir, `${dir}/ok.mdx`]);
		expect(linesOf(result)).toEqual([]);
		expect(result.status).toBe(0);
	});

	it('not-ok.mdx: caught at each expected place, exit 1, no stack trace', () => {
		const { at, says } = CASES[name]!;
		const file = `${dir}/not-ok.mdx`;
		const started = performance.now();
		const result = runCheck(['--root', dir, file]);
		const elapsed = performance.now() - started;
		// Other rules' findings on the same page (e.g. the code checks' notes) are theirs to test.
		const lines = linesOf(result).filter((l) => RULES.has(/^\S+:\d+:\d+\s+(\S+)/.exec(l)?.[1] ?? ''));
		expect(lines.map((l) => /^(\S+:\d+:\d+)\s+(\S+)/.exec(l)?.slice(1).join(' ') ?? l)).toEqual(at.map((a) => `${file}:${a}`));
		lines.forEach((line, i) => expect(line).toContain(says[i]!));
		expect(result.status).toBe(1);
		expect(result.stdout + result.stderr).not.toMatch(/^\s+at\s/m);
		// A generous bound for a machine shared by 8 agents (mermaid's runtime alone loads in ~1 s
		// unloaded): the pages are small, and the alias bomb is never expanded.
		expect(elapsed).toBeLessThan(30_000);
	});
});

describe('a misspelt required key', () => {
	it('is reported once, at its line, with the fix, and not as a missing field at 1:1', () => {
		const result = runCheck(['--root', 'test/fixtures/security/frontmatter-closed', 'test/fixtures/security/frontmatter-closed/not-ok.mdx']);
		const lines = linesOf(result);
		expect(lines[0]).toContain(':3:1  frontmatter-schema  Unexpected key `descripton`, expected a declared frontmatter field (schemas/frontmatter.ts) (did you mean `description`?)');
		expect(lines[1]).toContain('(did you mean `review_frequency`?)');
		expect(result.stdout).not.toContain('Missing required field');
		expect(result.stdout).not.toContain(':1:1 ');
	});
});
