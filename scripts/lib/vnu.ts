/**
 * The Nu HTML Checker (vnu.jar from the vnu-jar package) over a built site: every .html file in one
 * JVM, on the machine's own Java (Debian's default-jre-headless in CI; the package's script that
 * would download a JRE is never used). Messages are then matched against the allow-list of upstream
 * markup (test/data/vnu-allow.yaml); whatever is left is ours to fix.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { lineStarts } from '../../src/lib/position.ts';

export const VNU_JAR = join(createRequire(import.meta.url).resolve('vnu-jar/package.json'), '../build/dist/vnu.jar');

export interface VnuMessage {
	type: 'error' | 'info' | 'non-document-error';
	subType?: string;
	url: string;
	message: string;
	extract?: string;
	lastLine?: number;
	lastColumn?: number;
	firstColumn?: number;
}

export interface AllowEntry {
	/** Pattern for vnu's message. */
	message: string;
	/** Pattern for the start tag the message points into, from its `<` up to the reported position. */
	element: string;
	/** Pattern for the tag just before that start tag (its parent's start tag), when the element alone does not say whose it is. */
	after?: string;
	from: string;
	upstream?: string;
	note?: string;
}

/** Errors (and warnings) only; `--no-langdetect`: every page declares lang="en", and detection is most of vnu's time. */
export function runVnu(dir: string): VnuMessage[] {
	const result = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--skip-non-html', '--no-langdetect', '--errors-only', dir], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
	if (result.error) throw new Error(`vnu: could not start java (${result.error.message}); install Debian's default-jre-headless`);
	const out = result.stderr.trim();
	if (!out.startsWith('{')) throw new Error(`vnu: unexpected output (exit ${result.status}):\n${out.slice(0, 2000)}`);
	return (JSON.parse(out) as { messages: VnuMessage[] }).messages;
}

export const loadAllowList = (file: string): AllowEntry[] => (parse(readFileSync(file, 'utf8')) as { allow: AllowEntry[] }).allow;

export interface Classified {
	/** Messages no allow-list entry covers, as `page:line:col message  «extract»`. */
	unexpected: string[];
	/** How many messages each entry covered, in list order. */
	used: number[];
}

/**
 * The markup a message is about, found in the page itself: vnu's own excerpt is a 30-character window
 * that often shows neither the element nor its parent. Attribute values in built pages never hold a
 * raw `<`, so the last `<` before the reported position starts the element.
 */
function locate(html: string, lineStarts: number[], m: VnuMessage): { element: string; before: string } {
	const offset = (lineStarts[(m.lastLine ?? 1) - 1] ?? 0) + (m.lastColumn ?? 1) - 1;
	const start = html.lastIndexOf('<', offset - 1);
	return { element: html.slice(start, offset + 1), before: html.slice(html.lastIndexOf('<', start - 1), start) };
}

export function classify(messages: VnuMessage[], allow: AllowEntry[], root: string): Classified {
	const rules = allow.map((a) => ({ message: new RegExp(a.message), element: new RegExp(a.element), after: a.after ? new RegExp(a.after) : null }));
	const used = allow.map(() => 0);
	const unexpected: string[] = [];
	const pages = new Map<string, { html: string; lineStarts: number[] }>();
	const page = (url: string) => {
		let p = pages.get(url);
		if (!p) {
			const html = url.startsWith('file:') ? readFileSync(fileURLToPath(url), 'utf8') : '';
			pages.set(url, (p = { html, lineStarts: lineStarts(html) }));
		}
		return p;
	};
	for (const m of messages) {
		const { html, lineStarts } = page(m.url);
		const at = locate(html, lineStarts, m);
		const i = rules.findIndex((r) => r.message.test(m.message) && r.element.test(at.element) && (!r.after || r.after.test(at.before)));
		if (i >= 0) used[i]!++;
		else {
			const page = m.url.startsWith('file:') ? relative(root, fileURLToPath(m.url)) : m.url;
			unexpected.push(`${page}:${m.lastLine ?? 0}:${m.firstColumn ?? 0} ${m.message}  «${(m.extract ?? '').replace(/\s+/g, ' ').trim()}»`);
		}
	}
	return { unexpected, used };
}
