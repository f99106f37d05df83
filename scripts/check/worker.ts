/**
 * The second thread of ./run.ts. It loads mermaid first when a diagram will need it (~0.6 s, spent
 * while the main thread is already checking files), then, if many files are still left (JOIN_MIN),
 * takes files from the shared counter until none is left; it posts their analyses, and answers
 * requests to parse diagram texts.
 */
import module from 'node:module';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { MermaidError } from './mermaid-runtime.ts';
import type { CheckOptions, FileAnalysis } from './types.ts';

export interface WorkerInput {
	docsRoot: string;
	targets: { rel: string; display: string }[];
	options: CheckOptions;
	/** One Int32: the index of the next target to take, shared with the main thread. */
	counter: SharedArrayBuffer;
	preloadMermaid: boolean;
	/** Diagram texts to judge as soon as mermaid is loaded, so their verdicts are ready when asked for. */
	prefetch: string[];
}

export type FromWorker =
	| { kind: 'analyses'; analyses: [number, FileAnalysis][] }
	| { kind: 'verdicts'; verdicts: [string, MermaidError | null][]; error?: string }
	| { kind: 'failed'; error: string };

module.enableCompileCache?.();
// This thread yields to the main one and to V8's helper threads (they compile and collect garbage
// for both): at equal priority on two cores it delays them, and the main thread is the one the run
// waits for (1,000-doc corpus: 1.46-1.57 s niced, 1.58-1.79 s not). On Linux, `setpriority` for
// "this process" applies to the calling thread only; elsewhere it would lower the whole process.
// DOCS_CHECK_NICE=0 keeps the usual priority (on a machine busy with other jobs a niced thread may
// get no time at all, and the main thread then does all the work).
if (process.platform === 'linux' && process.env.DOCS_CHECK_NICE !== '0') {
	try {
		setPriority(19);
	} catch {
		// Not allowed here: run at the same priority.
	}
}
const { docsRoot, targets, options, counter, preloadMermaid, prefetch } = workerData as WorkerInput;
const port = parentPort!;
// Imported only when needed: the module loads jsdom.
const runtime = () => import('./mermaid-runtime.ts');
// A failure to load is reported when a diagram is parsed.
if (preloadMermaid) await runtime().then((r) => r.loadMermaid()).catch(() => {});

const next = new Int32Array(counter);
const analyses: [number, FileAnalysis][] = [];
// Joining late costs this thread the checker's modules and a cold JIT, and the main thread then waits
// for its last files: below this many files left, the main thread alone finishes sooner (1,000-doc
// corpus, ~300 left: 1.49-1.54 s alone, 1.56-1.63 s sharing; 5,000 docs: sharing is ~0.8 s faster).
const JOIN_MIN = Number(process.env.DOCS_CHECK_JOIN_MIN ?? 1000);
if (!preloadMermaid || targets.length - Atomics.load(next, 0) >= JOIN_MIN) {
	const { analyseFile } = await import('./check-file.ts');
	for (let i = Atomics.add(next, 0, 1); i < targets.length; i = Atomics.add(next, 0, 1)) {
		const t = targets[i]!;
		analyses.push([i, analyseFile(docsRoot, t.rel, t.display, options)]);
	}
	// The code stage's findings (parsers, shellcheck) arrive after each analysis returns.
	await (await import('./code/index.ts')).settleCode();
}
port.postMessage({ kind: 'analyses', analyses } satisfies FromWorker);

// Judged now, while the main thread is still busy; the runtime keeps each verdict, so the request
// for the trees' own texts is answered at once.
const judgeEarly = async () => {
	const { parseDiagram } = await runtime();
	for (const text of prefetch) await parseDiagram(text);
};
const prefetched = preloadMermaid ? judgeEarly().catch(() => {}) : undefined;

port.on('message', async ({ texts }: { texts: string[] }) => {
	await prefetched;
	const verdicts: [string, MermaidError | null][] = [];
	try {
		const { parseDiagram } = await runtime();
		for (const text of texts) verdicts.push([text, await parseDiagram(text)]);
		port.postMessage({ kind: 'verdicts', verdicts } satisfies FromWorker);
	} catch (error) {
		port.postMessage({ kind: 'verdicts', verdicts, error: String((error as Error)?.message ?? error).split('\n')[0] } satisfies FromWorker);
	}
});
