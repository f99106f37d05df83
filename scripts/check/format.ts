import type { Problem } from './types.ts';

export type Format = 'pretty' | 'json' | 'github';

/** `file:line:col  rule-id  message`, remark-lint style, warnings marked. */
export function formatPretty(problems: Problem[]): string {
	return problems.map((p) => `${p.file}:${p.line}:${p.column}  ${p.rule}  ${p.severity === 'error' ? '' : `${p.severity}: `}${p.message}`).join('\n');
}

// GitHub workflow commands: properties escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR, LF.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(problems: Problem[]): string {
	return problems.map((p) => `::${p.severity === 'info' ? 'notice' : p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.rule)}::${escapeData(p.message)}`).join('\n');
}

export function formatJson(problems: Problem[], summary: { files: number; errors: number; warnings: number }): string {
	return JSON.stringify({ ...summary, problems }, null, 2);
}

export function summaryLine(files: number, errors: number, warnings: number): string {
	return `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
