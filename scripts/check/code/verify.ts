/**
 * The verifiers that need no page: one block's text (placeholders already substituted) in, its
 * findings out, at places inside the block. Run on the code thread (./thread.ts) or, if it cannot
 * start, where the page is checked.
 */
import type { Facts } from '../../../schemas/facts.ts';
import type { Report, Severity } from '../types.ts';
import type { CodeFence } from './fences.ts';

export type BlockVerifier = 'yaml' | 'json' | 'promql' | 'logql' | 'sql' | 'hcl';

/** A finding inside a block: line and column of the block, or line 0 for the fence's info string. */
export interface BlockProblem {
	rule: string;
	severity: Severity;
	line: number;
	column: number;
	message: string;
}

export async function verifyBlock(verifier: BlockVerifier, lang: string, text: string, words: string[], facts: Facts): Promise<BlockProblem[]> {
	const problems: BlockProblem[] = [];
	const report: Report = (rule, severity, at, message) => problems.push({ rule, severity, line: at.line, column: at.column, message });
	// The block on its own: places are the block's (the page maps them, see ./fences.ts).
	const fence: CodeFence = { lang, info: lang, value: text, line: 0, column: 0, at: (line, column) => ({ line, column }), infoAt: () => ({ line: 0, column: 0 }) };
	const isPlaceholder = (value: unknown) => typeof value === 'string' && words.some((w) => value.includes(w));
	switch (verifier) {
		case 'yaml':
			await (await import('./yaml.ts')).verifyYaml(fence, text, facts, isPlaceholder, report);
			break;
		case 'json':
			(await import('./yaml.ts')).verifyJson(fence, text, report);
			break;
		case 'promql':
		case 'logql':
			await (await import('./lezer.ts')).verifyQuery(verifier, fence, text, report);
			break;
		case 'sql':
			await (await import('./sql.ts')).verifySql(fence, text, report);
			break;
		case 'hcl':
			await (await import('./hcl.ts')).verifyHcl(fence, text, report);
			break;
	}
	return problems;
}
