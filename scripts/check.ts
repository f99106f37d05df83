/**
 * `npm run check [paths…]` entry point. It only turns on Node's compile cache, then loads the CLI:
 * the check imports a few hundred modules (schema, parser, remark-lint, …) and reusing their
 * compiled code roughly halves start-up, which is most of the time of checking one file. Static
 * imports would load before the cache is on, hence the dynamic import.
 */
import module from 'node:module';

module.enableCompileCache?.();
await import('./check/cli.ts');
