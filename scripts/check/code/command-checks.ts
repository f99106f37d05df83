/**
 * The checks that read a page's command lines (issue 22), run after the shell parser accepted the
 * blocks: `code-cli` (./cli-page.ts), `code-danger` (./danger.ts). Its own module so the page checker loads the specs' code only
 * on the first page with shell.
 */
import type { Root } from 'mdast';
import type { Report } from '../types.ts';
import { checkCommandLines } from './cli-page.ts';
import { checkDanger } from './danger.ts';
import { collectFences, type CodeFence } from './fences.ts';
import { VERIFIED } from './languages.ts';

export async function checkCommandLinesAndDanger(blocks: { fence: CodeFence; text: string }[], root: Root, source: string, report: Report): Promise<void> {
	await checkCommandLines(blocks, report);
	// code-danger is on only with DOCS_CHECK_DANGER=1 until the real corpus's findings (52 on 2026-12-07) are mended in the docs.
	if (process.env.DOCS_CHECK_DANGER !== '1') return;
	const sql = /\b(drop|truncate)\b/i.test(source) ? collectFences(root, source).filter((f) => VERIFIED[f.lang] === 'sql') : [];
	await checkDanger(blocks, sql, root, report);
}
