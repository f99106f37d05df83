/**
 * One check run over a list of docs: analyse each file on its own (from the cache when its bytes
 * are unchanged, otherwise split over two threads when there are many), then the cross-file rules
 * (related entries, link targets and anchors, against headings already parsed) and mermaid (its
 * runtime loaded only for diagrams not seen before). Problems come back sorted by file, line and
 * column, whatever order the work finished in.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocTree } from '../../src/lib/doc-tree.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { AnalysisCache, hashOf } from './cache.ts';
import { checkRelated } from './rules/frontmatter.ts';
import { checkLinks } from './rules/links.ts';
import type { MermaidMemo } from './rules/mermaid.ts';
import type { MermaidError } from './mermaid-runtime.ts';
import type { CheckOptions, FileAnalysis, Problem, Report } from './types.ts';

export interface Target {
	rel: string;
	display: string;
}

export interface RunOptions extends CheckOptions {
	/** Reuse and update the per-file cache (default on; `--no-cache` turns it off). */
	cache: boolean;
}

/**
 * Below this many files to analyse, a worker's start-up (it loads the schema, the parser and
 * remark-lint again, ~0.3 s) costs more than the second core saves.
 */
const WORKER_THRESHOLD = 120;

/** The worker's entry: a sibling source file, or a sibling chunk when the check runs bundled (./bundle.ts). */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

export async function checkDocs(tree: DocTree, targets: Target[], options: RunOptions): Promise<Problem[]> {
	const cache = options.cache ? new AnalysisCache(tree.root, options) : undefined;
	const analyses: FileAnalysis[] = [];
	const misses: (Target & { hash?: string })[] = [];
	for (const target of targets) {
		let hash: string | undefined;
		try {
			hash = hashOf(readFileSync(join(tree.root, target.rel)));
		} catch {
			// Unreadable: the analysis reports why.
		}
		const hit = hash && cache?.get(target.rel, hash, target.display);
		if (hit) analyses.push(hit);
		else misses.push({ ...target, hash });
	}
	const fresh = await analyseAll(tree.root, misses, options, cache);
	fresh.forEach((analysis, i) => {
		const hash = misses[i]!.hash;
		if (hash) cache?.set(analysis.rel, hash, analysis);
	});
	analyses.push(...fresh);

	for (const analysis of analyses) tree.primeHeadings(analysis.rel, analysis.headings);
	const problems: Problem[] = [];
	for (const analysis of analyses) {
		problems.push(...analysis.problems);
		const report: Report = (rule, severity, at, message) => problems.push({ file: analysis.display, line: at.line, column: at.column, rule, severity, message });
		try {
			const locate = (index: number) => readFrontmatter(tree.read(analysis.rel)).locate(['related', index]);
			checkRelated(analysis.rel, analysis.related, tree, locate, report);
			checkLinks(analysis.rel, analysis.links, tree, report);
		} catch (error) {
			report('check-internal', 'error', { line: 1, column: 1 }, `Unexpected failure resolving this file's links (${(error as Error).message.split('\n')[0]}), expected the check to finish; please report this with the file`);
		}
	}
	cache?.save();
	return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
}

/**
 * Analyses in the order given; the analysis modules are loaded only when there is something to
 * analyse. Mermaid runs inside each lane, so jsdom + mermaid load on both cores in parallel with the
 * other lane's work rather than after it.
 */
async function analyseAll(docsRoot: string, targets: Target[], options: CheckOptions, memo?: MermaidMemo & { knownMermaid(): Record<string, MermaidError | null> }): Promise<FileAnalysis[]> {
	if (targets.length === 0) return [];
	const { analyseFile } = await import('./check-file.ts');
	const sequential = async (list: Target[]) => {
		const out: FileAnalysis[] = [];
		for (const t of list) out.push(await analyseFile(docsRoot, t.rel, t.display, options, memo));
		return out;
	};
	const lanes = Math.min(2, availableParallelism());
	if (targets.length < WORKER_THRESHOLD || lanes < 2 || process.env.DOCS_CHECK_WORKERS === '0') return sequential(targets);
	// A worker takes the second half while this thread does the first: two cores, one extra start-up.
	const half = Math.ceil(targets.length / 2);
	const theirs = targets.slice(half).map(({ rel, display }) => ({ rel, display }));
	const worker = new Worker(WORKER, { workerData: { docsRoot, targets: theirs, options: { today: options.today }, known: memo?.knownMermaid() ?? {} } });
	const fromWorker = new Promise<{ analyses: FileAnalysis[]; verdicts: [string, MermaidError | null][] }>((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
		worker.once('exit', (code) => code !== 0 && reject(new Error(`check worker exited with ${code}`)));
	});
	fromWorker.catch(() => {}); // Handled below, after this thread's share.
	const local = await sequential(targets.slice(0, half));
	let remote: FileAnalysis[];
	try {
		const result = await fromWorker;
		remote = result.analyses;
		for (const [text, verdict] of result.verdicts) memo?.setMermaid(text, verdict);
	} catch {
		// A worker that died (out of memory, a crash in a library) costs time, not findings.
		remote = await sequential(theirs);
	}
	await worker.terminate();
	return [...local, ...remote];
}
