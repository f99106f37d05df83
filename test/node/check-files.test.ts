/**
 * File-system boundaries (issue 25 point 3). The tree is made at test time: git cannot carry a
 * symlink to a file outside the repository, nor names with newlines or bidi controls, portably.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../scripts/check/rules/files.ts';
import { linesOf, runCheck } from '../helpers/check.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

const base = join(TMP, 'files');
const docs = join(base, 'docs');
const outside = join(base, 'outside');
const page = readFileSync(join(ROOT, 'test/fixtures/security/frontmatter-text/ok.mdx'));

rmSync(base, { recursive: true, force: true });
mkdirSync(join(docs, 'ops'), { recursive: true });
mkdirSync(join(docs, 'ops/restart'), { recursive: true });
mkdirSync(outside, { recursive: true });
writeFileSync(join(outside, 'id_rsa'), 'not really a key\n');
writeFileSync(join(docs, 'ops/good-page.mdx'), page);
symlinkSync(join(outside, 'id_rsa'), join(docs, 'ops/diagram.png'));
symlinkSync(join(docs, 'ops/good-page.mdx'), join(docs, 'ops/alias.mdx'));
writeFileSync(join(docs, 'ops/say-"hi".mdx'), page);
writeFileSync(join(docs, 'ops/<b>.mdx'), page);
writeFileSync(join(docs, 'ops/line\nbreak.mdx'), page);
writeFileSync(join(docs, 'ops/invoice\u202egpj.mdx'), page);
writeFileSync(join(docs, 'ops/Upper.mdx'), page);
writeFileSync(join(docs, 'ops/restart.mdx'), page);
writeFileSync(join(docs, 'ops/restart/README.mdx'), page);
writeFileSync(join(docs, 'ops/latin1.mdx'), Buffer.concat([page, Buffer.from('\nCaf\xe9 au lait.\n', 'latin1')]));
writeFileSync(join(docs, 'ops/huge.mdx'), Buffer.concat([page, Buffer.from(`\n${'Words. '.repeat(80_000)}\n`)]));
writeFileSync(join(docs, 'ops/photo.png'), Buffer.alloc(3 * 1024 * 1024));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const display = (name: string) => relative(ROOT, join(docs, 'ops', name));
const pageLines = page.toString('utf8').split('\n').length;

describe('file-system boundaries over a whole tree', () => {
	const result = runCheck(['--root', docs]);
	const lines = linesOf(result);
	const at = (name: string, rule: string) => lines.filter((l) => l.startsWith(`${display(name)}:`) && l.includes(`  ${rule}  `));

	it('a symlink out of the docs folder names the link and its target; one inside it is fine', () => {
		expect(at('diagram.png', 'file-symlink')).toEqual([`${display('diagram.png')}:1:1  file-symlink  Unexpected symlink \`ops/diagram.png\` to \`${join(outside, 'id_rsa')}\`, outside the docs folder; expected a file inside it (the build would publish the target)`]);
		expect(lines.filter((l) => l.startsWith(`${display('alias.mdx')}:`) && l.includes('file-'))).toEqual([]);
	});

	it('names with quotes, angle brackets, line breaks, bidi controls or capitals are refused, naming the character', () => {
		expect(at('say-"hi".mdx', 'file-name')[0]).toContain('Unexpected quote U+0022 in the file name `say-"hi".mdx`');
		expect(at('<b>.mdx', 'file-name')[0]).toContain('Unexpected angle bracket U+003C in the file name `<b>.mdx`');
		// Shown escaped, so the finding stays one line.
		expect(lines.filter((l) => l.startsWith(`${display('line\\u000abreak.mdx')}:1:1  file-name  Unexpected control character U+000A`))).toHaveLength(1);
		expect(lines.filter((l) => l.startsWith(`${display('invoice\\u202egpj.mdx')}:1:1  file-name  Unexpected bidi control U+202E`))).toHaveLength(1);
		expect(at('Upper.mdx', 'file-name')[0]).toContain('Unexpected capital letter U+0055');
		expect(lines.every((l) => !/[\u202e\n]/.test(l))).toBe(true);
	});

	it('two files for one route are an error naming both', () => {
		expect(at('restart.mdx', 'file-route')).toEqual([`${display('restart.mdx')}:1:1  file-route  Unexpected second page for the route \`/ops/restart/\`: \`ops/restart/README.mdx\` builds it too; expected one file per route (rename or merge one)`]);
	});

	it('invalid UTF-8 is reported at its line, with the byte', () => {
		expect(at('latin1.mdx', 'file-encoding')).toEqual([`${display('latin1.mdx')}:${pageLines + 1}:4  file-encoding  Unexpected byte 0xE9 that is not UTF-8 (file offset ${page.length + 4}), expected a UTF-8 text file (re-save it as UTF-8)`]);
	});

	it('pages over 512 KB and assets over 2 MB are refused', () => {
		expect(at('huge.mdx', 'file-size')[0]).toMatch(/:1:1 {2}file-size {2}Unexpected page of 5\d\d KB, expected at most 512 KB/);
		expect(at('photo.png', 'file-size')).toEqual([`${display('photo.png')}:1:1  file-size  Unexpected asset of 3,072 KB, expected at most 2,048 KB (compress or resize it)`]);
	});

	it('exits 1 without a stack trace', () => {
		expect(result.status).toBe(1);
		expect(result.stderr).not.toMatch(/^\s+at\s/m);
	});
});

describe('firstInvalidUtf8', () => {
	it('finds the first byte that breaks UTF-8, and the end for valid text', () => {
		expect(firstInvalidUtf8(Buffer.from('héllo ✓ 😀', 'utf8'))).toBe(Buffer.byteLength('héllo ✓ 😀'));
		expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
		expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
		expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
		expect(firstInvalidUtf8(Buffer.from([0xf5, 0x80, 0x80, 0x80]))).toBe(0); // past U+10FFFF
	});
});
