import { z } from 'astro/zod';

// The official semver.org pattern, without build metadata's leading-zero edge cases relaxed.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const versionSchema = z
	.string({ error: (iss) => iss.input === undefined ? 'Missing required field `version`, expected a semver string such as "1.0.0"' : `Unexpected ${JSON.stringify(iss.input)} as version, expected a quoted semver string such as "1.0.0"` })
	.regex(SEMVER, { error: (iss) => `Unexpected version \`${String(iss.input)}\`, expected semver MAJOR.MINOR.PATCH such as \`1.0.0\`` })
	.describe('Semantic version of the page content: bump MINOR for new procedures, MAJOR when a procedure changes incompatibly.');
