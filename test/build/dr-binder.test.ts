/**
 * The printed DR binder (dist/downloads/neotool-dr-binder.pdf) of the shared real build, read back
 * with Debian's poppler-utils as a reader's PDF viewer would: pdftotext for the words and where they
 * sit, pdfinfo for the metadata, pdfimages for bitmaps. Expected titles and the long command are
 * taken from the sources, not from the PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/build.ts';
import { FIXTURE_DIST, ROOT, SITE_DIST, TMP } from '../helpers/paths.ts';

const PDF = join(SITE_DIST, 'downloads/neotool-dr-binder.pdf');
/** The pages every binder holds, by title as their sources write them. */
const CORE_TITLES = ['Incident Response', 'Disaster Recovery', 'PostgreSQL Point-in-Time Recovery', 'Vault Operations Runbook', 'Vault Snapshot Restore', 'Roll Back a Deployment', 'Production Access Runbook'];
/** A4 sheet margin (scripts/lib/dr-binder.ts prints with 12 mm at the sides). */
const MARGIN_PT = (12 / 25.4) * 72;

// TZ pinned: pdfinfo shows the PDF's dates in the local zone.
const tool = (name: string, args: string[]) => execFileSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } });

interface Word {
	text: string;
	xMin: number;
	xMax: number;
	yMin: number;
}
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Each sheet's words with their boxes, from `pdftotext -bbox` (read once). */
let sheetsRead: Array<{ width: number; words: Word[] }> | undefined;
const sheets = (file: string) => (sheetsRead ??= readSheets(file));
function readSheets(file: string): Array<{ width: number; words: Word[] }> {
	const xhtml = tool('pdftotext', ['-bbox', file, '-']);
	return [...xhtml.matchAll(/<page width="([\d.]+)" height="[\d.]+">([\s\S]*?)<\/page>/g)].map(([, width, body]) => ({
		width: Number(width),
		words: [...body!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(([, xMin, yMin, xMax, text]) => ({
			text: decode(text!),
			xMin: Number(xMin),
			yMin: Number(yMin),
			xMax: Number(xMax),
		})),
	}));
}

/** Words on one printed row: within 2 pt of the row's top (the ↪ glyph sits a point higher than the code). */
function rows(words: Word[]): Word[][] {
	const out: Word[][] = [];
	for (const w of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
		const row = out.at(-1);
		if (row && Math.abs(row[0]!.yMin - w.yMin) <= 2) row.push(w);
		else out.push([w]);
	}
	return out.map((r) => r.sort((a, b) => a.xMin - b.xMin));
}

let text: string[];
let info: string;
let expectedTitles: string[];
let stamp: string;

beforeAll(() => {
	if (spawnSync('pdftotext', ['-v']).error) throw new Error('pdftotext not found: install Debian poppler-utils (.ci/run does)');
	expect(existsSync(PDF), `${PDF} missing: the build prints it whenever Chromium is there`).toBe(true);
	// pdftotext separates sheets with a form feed.
	text = tool('pdftotext', ['-layout', PDF, '-']).split('\f').slice(0, -1);
	info = tool('pdfinfo', [PDF]);
	const index = JSON.parse(readFileSync(join(SITE_DIST, 'docs-index.json'), 'utf8')) as { docs: Array<{ id: string; frontmatter: { title: string; print_binder: boolean } }> };
	const optedIn = index.docs.filter((d) => d.frontmatter.print_binder && !CORE_TITLES.includes(d.frontmatter.title));
	expectedTitles = [...CORE_TITLES, ...optedIn.sort((a, b) => (a.id < b.id ? -1 : 1)).map((d) => d.frontmatter.title)];
	const home = readFileSync(join(SITE_DIST, 'index.html'), 'utf8');
	stamp = /<p class="build-stamp"[^>]*>([^<]+)<\/p>/.exec(home)![1]!.trim();
});

describe('DR binder', () => {
	it('holds the core pages and the pages that ask for it (print_binder), at least one of them', () => {
		expect(expectedTitles.length).toBeGreaterThan(CORE_TITLES.length);
		expect(expectedTitles).toContain('K3s etcd Recovery');
	});

	it('opens with contents listing every page with the number of the sheet it starts on, each a link there, also as bookmarks', () => {
		const contentsSheets = text.filter((t) => /^\s*Contents\s{2,}This copy:/m.test(t));
		expect(contentsSheets.length).toBeGreaterThanOrEqual(1);
		const entries = contentsSheets
			.join('\n')
			.split('\n')
			.map((line) => /^\s*(\S.*?)\s{2,}(\d+)\s*$/.exec(line))
			.filter((m) => m !== null)
			.map((m) => ({ title: m[1]!, page: Number(m[2]) }));
		expect(entries.map((e) => e.title)).toEqual(expectedTitles);
		expect(entries[0]!.page).toBe(contentsSheets.length + 1);
		// The same list as bookmarks (a phone's PDF viewer jumps only through them), read back by poppler.
		const xml = tool('pdftohtml', ['-xml', '-stdout', '-i', '-q', PDF]);
		const outline = /<outline>([\s\S]*?)<\/outline>/.exec(xml)![1]!;
		expect([...outline.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map(([, page, title]) => ({ title: decode(title!), page: Number(page) }))).toEqual([{ title: 'Contents', page: 1 }, ...entries]);
		// Each entry's title is itself a link to that page (poppler shows an internal link as `#page`).
		const contentsXml = [...xml.matchAll(/<page number="(\d+)"[\s\S]*?<\/page>/g)].filter(([, n]) => Number(n) <= contentsSheets.length).map(([page]) => page).join('');
		expect([...contentsXml.matchAll(/<a href="[^"#]*#(\d+)">(?:<b>)?([^<]*)/g)].map(([, page, title]) => ({ title: decode(title!), page: Number(page) }))).toEqual(entries);
		entries.forEach((entry, i) => {
			const sheet = text[entry.page - 1]!;
			// The page's own title is its first line (the H1), and its footer names it.
			expect(sheet.trimStart().split('\n')[0]!.trim(), `sheet ${entry.page}`).toBe(entry.title);
			expect(sheet).toMatch(new RegExp(`^\\s*${entry.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s{2,}This copy:`, 'm'));
			// The sheet before it still belongs to the previous page (or the contents).
			const previous = i === 0 ? 'Contents' : entries[i - 1]!.title;
			expect(text[entry.page - 2]).toMatch(new RegExp(`^\\s*${previous.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s{2,}This copy:`, 'm'));
		});
	});

	it('says which copy it is on every sheet, numbered in the whole binder, with metadata from the build', () => {
		const total = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
		expect(text).toHaveLength(total);
		text.forEach((sheet, i) => {
			expect(sheet, `sheet ${i + 1}`).toContain(stamp);
			expect(sheet, `sheet ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} of ${total}\\s*$`));
		});
		expect(info).toMatch(/^Title:\s+NeoTool DR binder$/m);
		const builtAt = /data-build-date="([^"]+)"/.exec(readFileSync(join(SITE_DIST, 'index.html'), 'utf8'))![1]!;
		// pdfinfo shows the dates in UTC to the second: the build date, not the time the PDF was printed.
		const shown = new Date(builtAt).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_, d, day, mon, y, t) => `${d} ${mon} ${String(Number(day)).padStart(2, ' ')} ${t} ${y} UTC`);
		expect(info).toContain(`CreationDate:    ${shown}`);
		expect(info).toContain(`ModDate:         ${shown}`);
	});

	it('prints words as they are typed: no ligature glyph (ﬁ, ﬄ…) for a search or a paste to trip on', () => {
		// pdftohtml keeps the glyphs the PDF names; pdftotext would expand them and hide the problem.
		expect(tool('pdftohtml', ['-xml', '-stdout', '-i', '-q', PDF]).match(/[\uFB00-\uFB06]/gu) ?? []).toEqual([]);
	});

	it('prints diagrams as vectors: text you can read back, and no bitmap anywhere', () => {
		const pitr = text.find((t) => /^\s*Restore flow\s*$/m.test(t))!;
		// Labels mermaid does not wrap inside their box (it breaks long ones, as on screen).
		for (const label of ['Data correct?', 'No: other target', 'Full base backup', 'Scale writers back']) expect(pitr.replace(/\s+/g, ' ')).toContain(label);
		// pdfimages lists every raster image; two header lines and nothing else.
		expect(tool('pdfimages', ['-list', PDF]).trim().split('\n')).toHaveLength(2);
	});

	it('prints nothing past the sheets\' margins: no line, table or code block runs off the paper', () => {
		// pdftotext reports words a clip hides too, at the place they would be drawn: a line cut at the
		// edge shows up here as a word beyond the margin. 1 pt of slack for glyph edges.
		const outside = sheets(PDF).flatMap((sheet, i) => sheet.words.filter((w) => w.xMin < MARGIN_PT - 1 || w.xMax > sheet.width - MARGIN_PT + 1).map((w) => `sheet ${i + 1}: ${w.text}`));
		expect(outside).toEqual([]);
	});

	/*
	 * "Whole" means: every character of the source line is printed, in order, on consecutive rows of
	 * one code block (the first row, then rows opened by the ↪ continuation mark of src/styles/docs.css),
	 * with no word's box past the sheet's margin. Where a row breaks, the whitespace at the break may be
	 * kept or dropped, so the characters are compared without whitespace; and the line must really have
	 * wrapped, or this would prove nothing about wrapping.
	 */
	it('prints a long command of the PITR runbook whole across its wrapped rows, nothing cut at the edge', () => {
		const source = readFileSync(join(ROOT, 'src/content/docs/11-infrastructure/postgresql-pitr-runbook.mdx'), 'utf8');
		const line = source.split('\n').map((l) => l.trim()).find((l) => l.startsWith('PV_NODE="$(kubectl get pv'))!;
		expect(line.length).toBeGreaterThan(120);
		const printed = sheets(PDF).flatMap((sheet) => {
			const all = rows(sheet.words);
			const at = all.findIndex((r) => r[0]!.text === line.split(' ')[0]);
			if (at === -1) return [];
			const mine = [all[at]!];
			for (const r of all.slice(at + 1)) {
				if (r[0]!.text !== '↪') break;
				mine.push(r);
			}
			return [{ width: sheet.width, rows: mine }];
		});
		expect(printed).toHaveLength(1);
		const [{ width, rows: lineRows }] = printed as [{ width: number; rows: Word[][] }];
		expect(lineRows.length).toBeGreaterThanOrEqual(2);
		const chars = lineRows.map((r, i) => (i === 0 ? r : r.slice(1)).map((w) => w.text).join('')).join('');
		expect(chars).toBe(line.replace(/\s+/g, ''));
		for (const w of lineRows.flat()) {
			expect(w.xMin).toBeGreaterThanOrEqual(MARGIN_PT - 0.5);
			expect(w.xMax).toBeLessThanOrEqual(width - MARGIN_PT + 0.5);
		}
	});
});

describe('DR binder of a tree without the core pages (the fixture site)', () => {
	it('prints only the page that asks for it, behind its contents', () => {
		const file = join(FIXTURE_DIST, 'downloads/neotool-dr-binder.pdf');
		const fixtureText = tool('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);
		const total = fixtureText.length;
		expect(fixtureText[0]).toMatch(/^\s*Restart Runbook\s{2,}2\s*$/m);
		expect(fixtureText[0]).toMatch(/^\s*https:\/\/docs\.neotool\.io\/ops\/restart-runbook\/\s*$/m);
		expect(fixtureText[1]!.trimStart().split('\n')[0]!.trim()).toBe('Restart Runbook');
		expect(fixtureText.at(-1)).toMatch(new RegExp(`^\\s*Restart Runbook\\s{2,}This copy: commit .*Page ${total} of ${total}\\s*$`, 'm'));
		// One entry: the other pages do not ask for the binder.
		expect(fixtureText[0]!.split('\n').filter((l) => /^\s*\S.*?\s{2,}\d+\s*$/.test(l))).toHaveLength(1);
	});
});

describe('DR binder without Chromium', () => {
	// The built agents' files are all the binder reads before it looks for a browser.
	const site = join(TMP, 'binder-no-chromium');
	beforeAll(() => {
		rmSync(site, { recursive: true, force: true });
		mkdirSync(site, { recursive: true });
		for (const f of ['docs-index.json', 'docs-chunks.jsonl']) cpSync(join(SITE_DIST, f), join(site, f));
	});
	afterAll(() => rmSync(site, { recursive: true, force: true }));
	const printBinder = (ci: string) => run(process.execPath, [join(ROOT, 'scripts/lib/dr-binder.ts'), site], { CHROMIUM_PATH: join(TMP, 'no-such-chromium'), CI: ci });

	it('is skipped with one line outside CI, writing nothing', () => {
		const result = printBinder('');
		expect(result.status, result.stderr).toBe(0);
		expect(`${result.stdout}${result.stderr}`.trim().split('\n')).toEqual([
			`build: DR binder skipped: Chromium not found at ${join(TMP, 'no-such-chromium')} (install Debian's chromium package to print it; CI always does).`,
		]);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
	});

	it('fails under CI, in one line and without a stack trace', () => {
		const result = printBinder('true');
		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual([
			`build: DR binder: Chromium not found at ${join(TMP, 'no-such-chromium')}, expected it under CI (install Debian's chromium package, or set CHROMIUM_PATH)`,
		]);
		expect(existsSync(join(site, 'downloads'))).toBe(false);
	});
});
