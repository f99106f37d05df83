/**
 * File-system boundaries of the content folder. A docs PR brings files as well as text, and the build
 * trusts them: it follows a symlink and publishes whatever it points at (an image linked to
 * ~/.ssh/id_rsa is copied into dist/_astro/ verbatim), it lets a second file take a page's route, and
 * it stops on a name or a byte sequence it cannot handle. Rule ids: `file-symlink`, `file-name`,
 * `file-route`, `file-size`, `file-encoding`.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join, relative, sep } from 'node:path';
import { DOC_EXTENSIONS, docIdFromPath, isDocFile, urlForId } from '../../../src/lib/routes.ts';
import type { Report } from '../types.ts';

/** Largest page: ten times the largest runbook today, small enough for every rule to stay fast. */
export const MAX_PAGE_BYTES = 512 * 1024;
/** Largest asset (image, diagram export) kept beside the pages. */
export const MAX_ASSET_BYTES = 2 * 1024 * 1024;
/** What may sit beside the pages: the page formats and the image formats Astro's pipeline handles. */
export const ASSET_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg'] as const;

// One pattern for every folder and file: lowercase words of letters and digits joined by `-`; files
// add one known extension. `README` is the repository host's folder page and keeps its capitals.
const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXTENSIONS = new Set<string>([...DOC_EXTENSIONS, ...ASSET_EXTENSIONS]);

// Characters worth naming when a name is refused: they break shells, HTML, Markdown links or what
// the reader sees (a bidi override shows `gpj.exe` as `exe.jpg`).
const NOTABLE: [RegExp, string][] = [
	[/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/, 'bidi control'],
	[/[\u200b-\u200d\u2060\ufeff]/, 'zero-width character'],
	[/[\u0000-\u001f\u007f-\u009f]/, 'control character'],
	[/["'`]/, 'quote'],
	[/[<>]/, 'angle bracket'],
	[/[\s]/, 'space'],
	[/[A-Z]/, 'capital letter'],
	[/[^\x00-\x7f]/, 'non-ASCII character'],
];

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A path with its invisible and line-breaking characters written as `\u…`, so a finding stays one readable line. */
export function printable(path: string): string {
	return path.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a folder or file name breaks the pattern, or undefined when it follows it. */
export function nameProblem(name: string, isDirectory: boolean): string | undefined {
	const dot = isDirectory ? -1 : name.lastIndexOf('.');
	const stem = dot > 0 ? name.slice(0, dot) : name;
	const extension = dot > 0 ? name.slice(dot).toLowerCase() : '';
	if (!isDirectory && !EXTENSIONS.has(extension)) {
		return `Unexpected file type \`${printable(extension || name)}\`, expected a page (${DOC_EXTENSIONS.join(', ')}) or an image (${ASSET_EXTENSIONS.join(', ')})`;
	}
	if (stem === 'README' && !isDirectory && isDocFile(name)) return undefined;
	if (SEGMENT.test(stem) && extension === extension.toLowerCase() && name.slice(dot).toLowerCase() === name.slice(dot)) return undefined;
	for (const [pattern, what] of NOTABLE) {
		const found = pattern.exec(stem + (dot > 0 ? name.slice(dot) : ''))?.[0];
		if (found !== undefined) return `Unexpected ${what} ${codePoint(found)} in the ${isDirectory ? 'folder' : 'file'} name \`${printable(name)}\`, expected lowercase letters, digits and \`-\` (e.g. \`k3s-node-setup${isDirectory ? '' : extension}\`)`;
	}
	return `Unexpected ${isDirectory ? 'folder' : 'file'} name \`${printable(name)}\`, expected lowercase words of letters and digits joined by \`-\` (no leading, trailing or double \`-\`, no \`_\` or \`.\`)`;
}

/** A finding about a file of the tree rather than a place in a page. */
export interface TreeFinding {
	rel: string;
	rule: 'file-symlink' | 'file-name' | 'file-route' | 'file-size';
	message: string;
}

/**
 * Walks the docs folder without following links: every symlink must resolve inside it, every name
 * follows the pattern, no two pages build one route, assets stay under their size limit. Pages' own
 * size and bytes are judged with their content (checkPageBytes), so a cached page costs nothing here.
 */
export function checkTree(root: string): TreeFinding[] {
	const findings: TreeFinding[] = [];
	let realRoot: string;
	try {
		realRoot = realpathSync(root);
	} catch {
		return findings;
	}
	const routes = new Map<string, string>();
	const visit = (dir: string) => {
		let entries: Dirent[];
		try {
			entries = readdirSync(dir, { withFileTypes: true });
		} catch {
			return;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const entry of entries) {
			// Dot-files are neither loaded nor copied by the build.
			if (entry.name.startsWith('.')) continue;
			const abs = join(dir, entry.name);
			const rel = relative(root, abs).split(sep).join('/');
			if (entry.isSymbolicLink()) {
				let target: string | undefined;
				try {
					target = realpathSync(abs);
				} catch {
					findings.push({ rel, rule: 'file-symlink', message: `Unexpected broken symlink \`${printable(rel)}\`, expected a real file` });
					continue;
				}
				if (target !== realRoot && !target.startsWith(realRoot + sep)) {
					findings.push({ rel, rule: 'file-symlink', message: `Unexpected symlink \`${printable(rel)}\` to \`${printable(target)}\`, outside the docs folder; expected a file inside it (the build would publish the target)` });
					continue;
				}
			}
			const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && targetIsDirectory(abs));
			const bad = nameProblem(entry.name, isDirectory);
			if (bad) findings.push({ rel, rule: 'file-name', message: bad });
			if (entry.isDirectory()) {
				visit(abs);
				continue;
			}
			if (isDocFile(entry.name)) {
				// The content loader skips `_`-prefixed files; everything else gets a route.
				if (entry.name.startsWith('_')) continue;
				const id = docIdFromPath(rel);
				const first = routes.get(id);
				if (first) findings.push({ rel, rule: 'file-route', message: `Unexpected second page for the route \`${urlForId(id)}\`: \`${printable(first)}\` builds it too; expected one file per route (rename or merge one)` });
				else routes.set(id, rel);
			} else {
				const size = statSize(abs);
				if (size > MAX_ASSET_BYTES) findings.push({ rel, rule: 'file-size', message: `Unexpected asset of ${kb(size)}, expected at most ${kb(MAX_ASSET_BYTES)} (compress or resize it)` });
			}
		}
	};
	visit(root);
	return findings;
}

const targetIsDirectory = (abs: string) => {
	try {
		return statSync(abs).isDirectory();
	} catch {
		return false;
	}
};
const statSize = (abs: string) => {
	try {
		return statSync(abs).size;
	} catch {
		return 0;
	}
};
const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;

/**
 * A page's bytes: at most MAX_PAGE_BYTES, and valid UTF-8 (Astro stops on invalid bytes with no
 * position). Returns false when the bytes cannot be read as text at all.
 */
export function checkPageBytes(bytes: Buffer, report: Report): boolean {
	if (bytes.length > MAX_PAGE_BYTES) report('file-size', 'error', { line: 1, column: 1 }, `Unexpected page of ${kb(bytes.length)}, expected at most ${kb(MAX_PAGE_BYTES)} (split it into several pages)`);
	if (isUtf8(bytes)) return true;
	const offset = firstInvalidUtf8(bytes);
	let line = 1;
	let lineStart = 0;
	for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
		line++;
		lineStart = i + 1;
	}
	report('file-encoding', 'error', { line, column: bytes.subarray(lineStart, offset).toString('utf8').length + 1 }, `Unexpected byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')} that is not UTF-8 (file offset ${offset}), expected a UTF-8 text file (re-save it as UTF-8)`);
	return false;
}

/**
 * Offset of the first byte that breaks UTF-8. Node says whether a buffer is valid (isUtf8) but not
 * where it fails, and TextDecoder neither; this walks the encoding's byte patterns (RFC 3629 §4).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let min: number;
		if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
		else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
		else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
		else return i;
		let cp = b & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined || (c & 0xc0) !== 0x80) return i;
			cp = (cp << 6) | (c & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
		i += need + 1;
	}
	return bytes.length;
}
