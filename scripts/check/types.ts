import type { HeadingInfo } from '../../src/lib/markdown.ts';
import type { Undated } from './rules/stale.ts';

/** `info`: shown, never fails a run, not even with --strict (e.g. a command no CLI spec covers). */
export type Severity = 'error' | 'warning' | 'info';

/** One finding, positioned in the file it was found in (1-based line and column). */
export interface Problem {
	file: string;
	line: number;
	column: number;
	rule: string;
	severity: Severity;
	message: string;
}

export type Report = (rule: string, severity: Severity, at: { line: number; column: number }, message: string) => void;

/** What every rule gets: the file, its parsed parts and the docs tree to resolve links against. */
export interface RuleContext {
	/** Path relative to the docs root, e.g. `11-infrastructure/k3s-setup.mdx`. */
	rel: string;
	/** Path as shown to the author (relative to the working directory). */
	display: string;
	source: string;
	report: Report;
}

/** Settings that change what a run reports, shared by the CLI, the workers and the tests. */
export interface CheckOptions {
	/** The day staleness is judged on, YYYY-MM-DD (defaults to the real UTC date). */
	today: string;
}

/** A link, image or definition written in a doc, resolved against the whole tree after every file is read. */
export interface LinkRef {
	type: 'link' | 'image' | 'definition';
	url: string;
	line: number;
	column: number;
}

/** A `related` frontmatter entry and its index in the list (its position is looked up only if it fails). */
export interface RelatedRef {
	entry: string;
	index: number;
}

/** A ```mermaid fence: its diagram text and where the fence opens. */
export interface MermaidFence {
	value: string;
	line: number;
	column: number;
}

/**
 * Everything the check learns from one file on its own (no other file read): the per-file problems
 * plus what the cross-file rules need. Plain data, so it crosses worker threads.
 */
export interface FileAnalysis {
	rel: string;
	display: string;
	problems: Problem[];
	/** Heading anchors, or null when the file could not be parsed. */
	headings: HeadingInfo[] | null;
	links: LinkRef[];
	related: RelatedRef[];
	mermaid: MermaidFence[];
	/** Set when the frontmatter is valid but does not write last_updated: the stale rule then waits for Git's date (./rules/stale.ts checkUndated). */
	undated?: Undated;
}
