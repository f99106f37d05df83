/**
 * The code thread (./thread.ts): verifies blocks posted by the thread that checks pages, so the
 * parsers' loading (HCL's 6.5 MB wasm, PostgreSQL's parser, the Kubernetes schemas: about a second
 * of CPU, cold) runs on the second core while that thread goes on with its pages.
 */
import { parentPort } from 'node:worker_threads';
import { loadFacts } from '../../../src/lib/facts.ts';
import { verifyBlock, type BlockProblem, type BlockVerifier } from './verify.ts';

export interface CodeRequest {
	id: number;
	verifier: BlockVerifier;
	lang: string;
	text: string;
	words: string[];
}

export type CodeAnswer = { id: number; problems: BlockProblem[] } | { id: number; error: string };

const port = parentPort!;
port.on('message', (request: CodeRequest) => {
	verifyBlock(request.verifier, request.lang, request.text, request.words, loadFacts()).then(
		(problems) => port.postMessage({ id: request.id, problems } satisfies CodeAnswer),
		(error: unknown) => port.postMessage({ id: request.id, error: String((error as Error)?.message ?? error).split('\n')[0] } satisfies CodeAnswer),
	);
});
