/**
 * `npm run linkcheck`: starts the link check (./linkcheck/cli.ts) with Node's compile cache on, in
 * this thread and in the site server's threads (they inherit the variable), so the modules each of
 * the three threads loads (Node's TypeScript stripping, linkinator, undici, htmlparser2) are
 * compiled once per machine rather than on every run: ~0.25 s of CPU of the check's start-up
 * (docs/benchmarks.md, "Link check"). The cache is only ever a shortcut: without it, the same check.
 */
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'node-compile-cache');
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
await import('./linkcheck/cli.ts');
