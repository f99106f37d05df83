/**
 * The checks that read a page's command lines (issue 22), run after the shell parser accepted the
 * blocks: `code-cli` (./cli-page.ts). Its own module so the page checker loads the specs' code only
 * on the first page with shell.
 */
import type { Root } from 'mdast';
import type { Report } from '../types.ts';
import { checkCommandLines } from './cli-page.ts';
import type { CodeFence } from './fences.ts';

export async function checkCommandLinesAndDanger(blocks: { fence: CodeFence; text: string }[], _root: Root, _source: string, report: Report): Promise<void> {
	await checkCommandLines(blocks, report);
}
