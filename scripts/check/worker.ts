/**
 * The second thread of ./run.ts. It loads mermaid first when a diagram will need it (about a second,
 * spent while the main thread is already checking files), then takes files from the shared counter
 * until none is left, posts their analyses, and answers requests to parse diagram texts.
 */
import module from 'node:module';
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
}

export type FromWorker =
	| { kind: 'analyses'; analyses: [number, FileAnalysis][] }
	| { kind: 'verdicts'; verdicts: [string, MermaidError | null][]; error?: string }
	| { kind: 'failed'; error: string };

module.enableCompileCache?.();
const { docsRoot, targets, options, counter, preloadMermaid } = workerData as WorkerInput;
const port = parentPort!;
// Imported only when needed: the module loads jsdom.
const runtime = () => import('./mermaid-runtime.ts');
// A failure to load is reported when a diagram is parsed.
if (preloadMermaid) await runtime().then((r) => r.loadMermaid()).catch(() => {});

const { analyseFile } = await import('./check-file.ts');
const next = new Int32Array(counter);
const analyses: [number, FileAnalysis][] = [];
for (let i = Atomics.add(next, 0, 1); i < targets.length; i = Atomics.add(next, 0, 1)) {
	const t = targets[i]!;
	analyses.push([i, analyseFile(docsRoot, t.rel, t.display, options)]);
}
port.postMessage({ kind: 'analyses', analyses } satisfies FromWorker);

port.on('message', async ({ texts }: { texts: string[] }) => {
	const verdicts: [string, MermaidError | null][] = [];
	try {
		const { parseDiagram } = await runtime();
		for (const text of texts) verdicts.push([text, await parseDiagram(text)]);
		port.postMessage({ kind: 'verdicts', verdicts } satisfies FromWorker);
	} catch (error) {
		port.postMessage({ kind: 'verdicts', verdicts, error: String((error as Error)?.message ?? error).split('\n')[0] } satisfies FromWorker);
	}
});
