/**
 * `hcl`/`terraform` blocks, parsed by HashiCorp's HCL2 parser (Go, compiled to wasm in
 * @cdktf/hcl2json). A syntax error is `code-hcl`, with the parser's summary and detail at the
 * `line,column` its diagnostic names.
 */
import type { Report } from '../types.ts';
import { charColumn, type CodeFence } from './fences.ts';

let module: Promise<{ parse(name: string, text: string): Promise<unknown> }> | undefined;
const load = () => (module ??= import('@cdktf/hcl2json').then((m) => (m as unknown as { default?: typeof m }).default ?? m));

export async function verifyHcl(fence: CodeFence, text: string, report: Report): Promise<void> {
	const hcl = await load();
	try {
		await hcl.parse('block.tf', text);
	} catch (error) {
		// `parse config: [block.tf:2,7-3,1: Summary; Detail.]`, one diagnostic per bracketed entry.
		const message = (error as Error).message;
		const m = /block\.tf:(\d+),(\d+)(?:-[\d,]+)?: ([^;\]]+)(?:; ([^\]]*))?/.exec(message);
		if (!m) return report('code-hcl', 'error', fence.at(1, 1), `Unexpected HCL: ${message}`);
		// HCL counts columns in bytes.
		const line = Number(m[1]);
		report('code-hcl', 'error', fence.at(line, charColumn(text.split('\n')[line - 1] ?? '', Number(m[2]))), `Unexpected HCL: ${m[3]!.trim()}${m[4] ? ` (${m[4].trim().replace(/\.$/, '')})` : ''}`);
	}
}
