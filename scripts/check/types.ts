export type Severity = 'error' | 'warning';

/** One finding, positioned in the file it was found in (1-based line and column). */
export interface Problem {
	file: string;
	line: number;
	column: number;
	rule: string;
	severity: Severity;
	message: string;
}

/** What every rule gets: the file, its parsed parts and the docs tree to resolve links against. */
export interface RuleContext {
	/** Path relative to the docs root, e.g. `11-infrastructure/k3s-setup.mdx`. */
	rel: string;
	/** Path as shown to the author (relative to the working directory). */
	display: string;
	source: string;
	report: (rule: string, severity: Severity, at: { line: number; column: number }, message: string) => void;
}
