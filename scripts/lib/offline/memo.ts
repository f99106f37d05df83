/**
 * What the offline copy makes from the build's files, kept between builds under the hash of its
 * inputs (issue 23's build-time budget): each page's offline HTML, the classic script bundles and the
 * zip itself. A build whose pages did not change pays for reading and hashing them, not for parsing,
 * bundling and deflating them again. Entries this run did not use are removed at its end, so the
 * folder holds one build's worth. No folder given: nothing is kept, everything is made.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageVersions } from '../package-version.ts';

export const sha256 = (...parts: Array<string | Uint8Array>) => {
	const hash = createHash('sha256');
	// Each part's length first: ('ab', 'c') and ('a', 'bc') are different keys.
	for (const part of parts) hash.update(`${typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength}:`).update(part);
	return hash.digest('hex');
};

/** What makes the entries: a change to any of it is a change to every key. */
export interface MemoInputs {
	/** The source files of the code that makes them. */
	code: readonly string[];
	/** Everything else that shapes them: library versions, tools, settings. */
	context: string;
}

/** The code that makes the offline copy's entries. */
const CODE = [...readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts')).sort().map((f) => join(import.meta.dirname, f)), join(import.meta.dirname, '../offline-bundle.ts')];

/** The libraries that shape what is cached, and Node's own (its zlib deflates the zip). */
const LIBRARIES = `${packageVersions(['esbuild', 'htmlparser2', 'acorn', 'fflate'])}\nnode@${process.versions.node} zlib@${process.versions.zlib}`;

const OFFLINE_INPUTS: MemoInputs = { code: CODE, context: LIBRARIES };

export class Memo {
	private readonly used = new Set<string>();
	private readonly version: string;
	private readonly dir: string | undefined;

	/** `inputs`: the offline copy's code and libraries unless another step's are given (the DR binder's). */
	constructor(dir: string | undefined, inputs: MemoInputs = OFFLINE_INPUTS) {
		this.dir = dir;
		this.version = dir ? sha256(...inputs.code.map((file) => readFileSync(file)), inputs.context) : '';
	}

	/** The key of an entry made from `parts` by this code. */
	key(kind: string, ...parts: Array<string | Uint8Array>): string {
		return `${kind}-${sha256(this.version, ...parts)}`;
	}

	get(key: string): Buffer | undefined {
		if (!this.dir) return undefined;
		const file = join(this.dir, key);
		if (!existsSync(file)) return undefined;
		this.used.add(key);
		return readFileSync(file);
	}

	put(key: string, data: string | Uint8Array): void {
		if (!this.dir) return;
		mkdirSync(this.dir, { recursive: true });
		// Written whole, then renamed: a build stopped halfway leaves no torn entry to be read next time.
		const file = join(this.dir, key);
		writeFileSync(`${file}.${process.pid}.tmp`, data);
		renameSync(`${file}.${process.pid}.tmp`, file);
		this.used.add(key);
	}

	/** `make()`'s result, from the cache when `key`'s entry is there. */
	async text(key: string, make: () => Promise<string> | string): Promise<string> {
		const hit = this.get(key);
		if (hit) return hit.toString('utf8');
		const made = await make();
		this.put(key, made);
		return made;
	}

	/** Removes the entries this run did not use. */
	prune(): void {
		if (!this.dir || !existsSync(this.dir)) return;
		for (const name of readdirSync(this.dir)) if (!this.used.has(name)) rmSync(join(this.dir, name), { force: true });
	}
}
