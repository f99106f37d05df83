/**
 * Hands blocks to the code thread (./worker.ts), started on the first block that needs it and kept
 * for the process (unreferenced while idle, so it never keeps a finished check alive). Posting is
 * synchronous, so the thread starts loading parsers while this one is still checking pages. If the
 * thread cannot start or dies, the blocks are verified here instead: slower, same findings.
 */
import { Worker } from 'node:worker_threads';
import type { Facts } from '../../../schemas/facts.ts';
import type { BlockProblem, BlockVerifier } from './verify.ts';
import type { CodeAnswer, CodeRequest } from './worker.ts';

/** A sibling source file, or a chunk at the bundle's root when the check runs bundled (../bundle.ts). */
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './code-worker.js', import.meta.url);

let wanted = false;

/**
 * Whether blocks go to the code thread: worth it only when there are other pages to check meanwhile
 * (starting it and loading the parsers there costs ~0.1 s more than loading them here; one changed
 * page is checked sooner without it). Off until the run says so (../run.ts).
 */
export function useCodeThread(on: boolean): void {
	wanted = on;
}

let worker: Worker | undefined;
let broken = false;
let next = 0;
const waiting = new Map<number, { resolve(problems: BlockProblem[]): void; reject(error: Error): void }>();

function start(): Worker | undefined {
	if (worker || broken) return worker;
	try {
		worker = new Worker(ENTRY);
	} catch {
		broken = true;
		return undefined;
	}
	worker.unref();
	worker.on('message', (answer: CodeAnswer) => {
		const wait = waiting.get(answer.id);
		if (!wait) return;
		waiting.delete(answer.id);
		if (waiting.size === 0) worker?.unref();
		if ('error' in answer) wait.reject(new Error(answer.error));
		else wait.resolve(answer.problems);
	});
	const fail = (error: Error) => {
		broken = true;
		worker = undefined;
		for (const wait of waiting.values()) wait.reject(error);
		waiting.clear();
	};
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`code thread exited with ${code}`)));
	return worker;
}

/** The block's findings, at places inside the block. */
export function verifyElsewhere(verifier: BlockVerifier, lang: string, text: string, words: string[], facts: Facts): Promise<BlockProblem[]> {
	const local = () => import('./verify.ts').then((m) => m.verifyBlock(verifier, lang, text, words, facts));
	// DOCS_CHECK_CODE_THREAD: 1 always, 0 never (the tests compare both ways).
	const env = process.env.DOCS_CHECK_CODE_THREAD;
	const thread = env === '0' || (!wanted && env !== '1') ? undefined : start();
	if (!thread) return local();
	const id = next++;
	const answer = new Promise<BlockProblem[]>((resolve, reject) => waiting.set(id, { resolve, reject }));
	thread.ref();
	thread.postMessage({ id, verifier, lang, text, words } satisfies CodeRequest);
	// A thread that died costs time, not findings; a verifier's own failure is reported as it is.
	return answer.catch((error: Error) => (broken ? local() : Promise.reject(error)));
}
