/** Worker thread for ./run.ts: analyses its share of the files and posts the plain-data results back. */
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { MermaidError } from './mermaid-runtime.ts';

module.enableCompileCache?.();
const { analyseFile } = await import('./check-file.ts');
const { docsRoot, targets, options, known } = workerData as { docsRoot: string; targets: { rel: string; display: string }[]; options: { today: string }; known: Record<string, MermaidError | null> };
// Verdicts known to the main thread's cache, by diagram hash; new ones go back to be cached.
const { hashOf } = await import('./cache.ts');
const verdicts = new Map<string, MermaidError | null>();
const memo = {
	mermaid: (text: string) => {
		const hash = hashOf(text);
		return hash in known ? known[hash] : verdicts.get(text);
	},
	setMermaid: (text: string, verdict: MermaidError | null) => void verdicts.set(text, verdict),
};
const analyses = [];
for (const t of targets) analyses.push(await analyseFile(docsRoot, t.rel, t.display, options, memo));
parentPort!.postMessage({ analyses, verdicts: [...verdicts] });
