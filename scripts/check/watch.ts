/**
 * `npm run check -- --watch`: runs `check` once, then again with the files changed under the docs
 * root each time a burst of changes has settled (an editor's save is often several events: write,
 * rename, chmod). Runs never overlap: changes made during a run start one more run when it ends.
 * The watcher starts before the first run, so an edit made while it runs is not missed. Node's
 * recursive `fs.watch` does the watching; the check's own cache makes each run re-analyse only what
 * changed.
 */
import { watch } from 'node:fs';

const SETTLE_MS = 80;

/** `check` gets the changed paths (relative to `root`), or nothing for the first run. */
export function watchTree(root: string, check: (changed?: string[]) => Promise<void>): void {
	const pending = new Set<string>();
	let timer: NodeJS.Timeout | undefined;
	let running = false;
	const runOnce = async (changed?: string[]) => {
		running = true;
		try {
			await check(changed);
		} finally {
			running = false;
			if (pending.size > 0) timer ??= setTimeout(flush, SETTLE_MS);
		}
	};
	const flush = () => {
		timer = undefined;
		if (running || pending.size === 0) return;
		const changed = [...pending].sort();
		pending.clear();
		void runOnce(changed);
	};
	watch(root, { recursive: true }, (_event, name) => {
		// Dot files are editors' swap and lock files, never docs.
		if (name && String(name).split(/[\\/]/).some((part) => part.startsWith('.'))) return;
		pending.add(name ? String(name) : '(unknown)');
		if (timer) clearTimeout(timer);
		timer = setTimeout(flush, SETTLE_MS);
	});
	void runOnce();
}
