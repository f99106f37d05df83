/**
 * One check run over a list of docs:
 * 1. each file on its own, from the cache when its bytes are unchanged; otherwise, when there are
 *    many, on two threads that take files from one shared queue (so neither waits on the other);
 * 2. mermaid: each distinct diagram text not judged before is parsed once, by one thread (the
 *    runtime takes ~0.6 s to load, so the second thread loads it at once, while the first is
 *    already checking files, when a diagram needs it, and helps with the files only if many are left);
 * 3. the cross-file rules (related entries, link targets and anchors, against headings already parsed).
 * Problems come back sorted by file, line and column, whatever order the work finished in.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocTree } from '../../src/lib/doc-tree.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { AnalysisCache, hashOf } from './cache.ts';
import type { MermaidError } from './mermaid-runtime.ts';
import { checkTree, printable } from './rules/files.ts';
import { checkRelated } from './rules/frontmatter.ts';
import { checkLinks } from './rules/links.ts';
import { checkUrls } from './rules/redirects.ts';
import { reportMermaid } from './rules/mermaid.ts';
import { checkUndated } from './rules/stale.ts';
import type { CheckOptions, FileAnalysis, Problem, Report } from './types.ts';
import type { FromWorker, WorkerInput } from './worker.ts';

export interface Target {
	rel: string;
	display: string;
}

/** A target to analyse, with the bytes already read to hash it (so the analysis does not read it again). */
type Miss = Target & { hash?: string; bytes?: Buffer };

export interface RunOptions extends CheckOptions {
	/** Reuse and update the per-file cache (default on; `--no-cache` turns it off). */
	cache: boolean;
	/** published-urls.txt, the contract of URLs that must stay published or redirected (./rules/redirects.ts). */
	urlContract?: { text: string; display: string };
}

/**
 * Below this many files to analyse, a worker's start-up (the bundle loaded again, ~0.1 s, and its
 * code compiled again) costs more than the second core saves.
 */
const WORKER_THRESHOLD = 120;

/** From this many files to analyse, code blocks are verified on the code thread (./code/thread.ts). */
const CODE_THREAD_MIN = 20;

/** The worker's entry: a sibling source file, or a sibling chunk when the check runs bundled (./bundle.ts). */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

const MERMAID_FENCE = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*mermaid\b/gm;
const TOP_LEVEL_DIAGRAM = /^(`{3,}|~{3,})[ \t]*mermaid[^\n]*\n([\s\S]*?)\n\1[ \t]*$/gm;

/**
 * The diagrams of a file mermaid has not judged yet, as far as a regex reads them: `texts` are the
 * top-level fences' texts, `unread` says some fence could not be read (indented in a list, say).
 * They only let mermaid start loading, and judge these texts, while files are still being checked;
 * every verdict reported is looked up by the parsed tree's own text (parsed then if it differs).
 */
function unjudgedDiagrams(bytes: Buffer, known: (text: string) => MermaidError | null | undefined): { texts: string[]; unread: boolean } {
	if (!bytes.includes('mermaid')) return { texts: [], unread: false };
	const source = bytes.toString('utf8');
	const fences = source.match(MERMAID_FENCE)?.length ?? 0;
	const texts = [...source.matchAll(TOP_LEVEL_DIAGRAM)].map((m) => m[2]!);
	return { texts: texts.filter((text) => known(text) === undefined), unread: texts.length < fences };
}

export async function checkDocs(tree: DocTree, targets: Target[], options: RunOptions): Promise<Problem[]> {
	const cache = options.cache ? new AnalysisCache(tree.root, options) : undefined;
	const verdicts = new Map<string, MermaidError | null>();
	// null is a verdict (the diagram parses); undefined means not judged yet.
	const known = (text: string) => (verdicts.has(text) ? verdicts.get(text) : cache?.mermaid(text));
	const analyses: FileAnalysis[] = [];
	const misses: Miss[] = [];
	const prefetch = new Set<string>();
	let preloadMermaid = false;
	for (const target of targets) {
		let bytes: Buffer | undefined;
		try {
			bytes = readFileSync(join(tree.root, target.rel));
		} catch {
			// Unreadable: the analysis reports why.
		}
		const hash = bytes && cache ? hashOf(bytes) : undefined;
		const hit = hash && cache?.get(target.rel, hash, target.display);
		if (hit) analyses.push(hit);
		else {
			misses.push({ ...target, hash, bytes });
			if (!bytes) continue;
			const diagrams = unjudgedDiagrams(bytes, known);
			for (const text of diagrams.texts) prefetch.add(text);
			preloadMermaid ||= diagrams.unread || diagrams.texts.length > 0;
		}
	}
	const lane = await analyseAll(tree.root, misses, options, preloadMermaid, [...prefetch]);
	lane.analyses.forEach((analysis, i) => {
		const hash = misses[i]!.hash;
		if (hash) cache?.set(analysis.rel, hash, analysis);
	});
	analyses.push(...lane.analyses);

	// Diagrams go to the mermaid lane first, so they are parsed while this thread resolves links.
	const texts = [...new Set(analyses.flatMap((a) => a.mermaid.map((f) => f.value)))];
	const unknown = texts.filter((text) => known(text) === undefined);
	const parsing = unknown.length ? lane.parse(unknown) : Promise.resolve(new Map<string, MermaidError | null>());
	parsing.catch(() => {}); // Awaited below, after the links.

	for (const analysis of analyses) tree.primeHeadings(analysis.rel, analysis.headings);
	const problems: Problem[] = [];
	// The tree's own boundaries (symlinks, names, routes, asset sizes): for the pages checked, and
	// for everything else only when the whole tree is.
	const selected = new Map(targets.map((t) => [t.rel, t.display]));
	const whole = selected.size === tree.docs().length;
	for (const finding of checkTree(tree.root)) {
		if (!whole && !selected.has(finding.rel)) continue;
		const display = selected.get(finding.rel) ?? relative(process.cwd(), join(tree.root, finding.rel)).split('\\').join('/');
		problems.push({ file: printable(display), line: 1, column: 1, rule: finding.rule, severity: 'error', message: finding.message });
	}
	const reporterFor =
		(analysis: FileAnalysis): Report =>
		(rule, severity, at, message) =>
			problems.push({ file: analysis.display, line: at.line, column: at.column, rule, severity, message });
	for (const analysis of analyses) {
		problems.push(...analysis.problems);
		const report = reporterFor(analysis);
		try {
			// Read and parsed again only for a page with a failing entry, and then once for all of them.
			let frontmatter: ReturnType<typeof readFrontmatter> | undefined;
			const locate = (index: number) => (frontmatter ??= readFrontmatter(tree.read(analysis.rel))).locate(['related', index]);
			checkRelated(analysis.rel, analysis.related, tree, locate, report);
			checkLinks(analysis.rel, analysis.links, tree, report);
		} catch (error) {
			report('check-internal', 'error', { line: 1, column: 1 }, `Unexpected failure resolving this file's links (${firstLine(error)}), expected the check to finish; please report this with the file`);
		}
	}
	// Pages that leave last_updated to Git: one history read for all of them (none: no git process).
	problems.push(...checkUndated(tree.root, analyses, options.today));
	// Published URLs, redirects and runbook_url links: the whole tree's routes against the contract.
	problems.push(...checkUrls({ tree, selected, contract: options.urlContract }));

	let failure: string | undefined;
	try {
		for (const [text, verdict] of await parsing) {
			verdicts.set(text, verdict);
			cache?.setMermaid(text, verdict);
		}
	} catch (error) {
		failure = firstLine(error);
	}
	lane.close();
	for (const analysis of analyses) {
		const report = reporterFor(analysis);
		if (failure) {
			const unjudged = analysis.mermaid.filter((f) => known(f.value) === undefined);
			for (const fence of unjudged) report('check-internal', 'error', fence, `Unexpected failure loading mermaid (${failure}), expected mermaid 12 and jsdom to be installed (npm ci)`);
			reportMermaid(analysis.mermaid.filter((f) => !unjudged.includes(f)), (text) => known(text) ?? null, report);
		} else reportMermaid(analysis.mermaid, (text) => known(text) ?? null, report);
	}
	cache?.save();
	return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
}

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];

interface Lane {
	/** One analysis per target, in the targets' order. */
	analyses: FileAnalysis[];
	/** Mermaid's verdict on each diagram text. */
	parse(texts: string[]): Promise<Map<string, MermaidError | null>>;
	close(): void;
}

async function parseHere(texts: string[]): Promise<Map<string, MermaidError | null>> {
	const { parseDiagram } = await import('./mermaid-runtime.ts');
	const out = new Map<string, MermaidError | null>();
	for (const text of texts) out.set(text, await parseDiagram(text));
	return out;
}

/**
 * Analyses every target: on this thread alone when there are few, else on this thread and one
 * worker taking the next file from a shared counter. The analysis modules are loaded only when
 * there is something to analyse.
 */
async function analyseAll(docsRoot: string, targets: Miss[], options: CheckOptions, preloadMermaid: boolean, prefetch: string[]): Promise<Lane> {
	if (targets.length === 0) return { analyses: [], parse: parseHere, close() {} };
	const { analyseFile } = await import('./check-file.ts');
	// The code stage's findings (parsers, shellcheck) arrive after a page's analysis returns: settled before any is used.
	const { settleCode, useCodeThread } = await import('./code/index.ts');
	// The parsers load on a thread of their own while this one checks pages, when there are pages enough to overlap.
	useCodeThread(targets.length >= CODE_THREAD_MIN);
	const analyse = (t: Miss) => analyseFile(docsRoot, t.rel, t.display, options, t.bytes);
	if (targets.length < WORKER_THRESHOLD || availableParallelism() < 2 || process.env.DOCS_CHECK_WORKERS === '0') {
		const analyses = targets.map(analyse);
		await settleCode();
		return { analyses, parse: parseHere, close() {} };
	}

	const counter = new Int32Array(new SharedArrayBuffer(4));
	const input: WorkerInput = { docsRoot, targets: targets.map(({ rel, display }) => ({ rel, display })), options: { today: options.today }, counter: counter.buffer as SharedArrayBuffer, preloadMermaid, prefetch };
	const worker = new Worker(WORKER, { workerData: input });
	let failed: Error | undefined;
	const waiting = new Map<FromWorker['kind'], (message: FromWorker) => void>();
	const next = (kind: FromWorker['kind']) =>
		new Promise<FromWorker>((resolve, reject) => {
			if (failed) reject(failed);
			else waiting.set(kind, resolve);
		});
	worker.on('message', (message: FromWorker) => waiting.get(message.kind)?.(message));
	const fail = (error: Error) => {
		failed ??= error;
		// Whoever waits on a worker that died is answered with what is missing, never left hanging.
		for (const resolve of waiting.values()) resolve({ kind: 'failed', error: failed.message });
	};
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`check worker exited with ${code}`)));
	const fromWorker = next('analyses');

	const byIndex: (FileAnalysis | undefined)[] = new Array(targets.length);
	for (let i = Atomics.add(counter, 0, 1); i < targets.length; i = Atomics.add(counter, 0, 1)) byIndex[i] = analyse(targets[i]!);
	await settleCode();
	const message = await fromWorker;
	const theirs = message.kind === 'analyses' ? message.analyses : [];
	for (const [i, analysis] of theirs) byIndex[i] = analysis;
	// For tuning and for the tests: how the files were shared.
	if (process.env.DOCS_CHECK_TRACE === '1') console.error(`check: ${targets.length - theirs.length} files analysed on the main thread, ${theirs.length} on the worker`);
	// A worker that died (out of memory, a crash in a library) costs time, not findings.
	const analyses = byIndex.map((analysis, i) => analysis ?? analyse(targets[i]!));
	await settleCode();
	return {
		analyses,
		async parse(texts) {
			if (failed) return parseHere(texts);
			const answer = next('verdicts');
			worker.postMessage({ texts });
			const reply = await answer;
			if (reply.kind === 'verdicts') {
				if (reply.error) throw new Error(reply.error);
				return new Map(reply.verdicts);
			}
			return parseHere(texts);
		},
		close() {
			worker.removeAllListeners('exit');
			void worker.terminate();
		},
	};
}
