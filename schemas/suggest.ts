import { z } from 'astro/zod';
import { distance } from 'fastest-levenshtein';

/** The allowed value nearest to `input` by edit distance, or undefined when nothing is close enough to be a plausible typo. */
export function closest(input: string, allowed: readonly string[]): string | undefined {
	const needle = input.toLowerCase();
	// A truncated value (`deploy` for `deployment`) is the commonest slip and edit distance undervalues it.
	const prefixed = allowed.find((c) => c.toLowerCase().startsWith(needle) || needle.startsWith(c.toLowerCase()));
	if (prefixed && needle.length >= 3) return prefixed;
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of allowed) {
		const d = distance(needle, candidate.toLowerCase());
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	// A suggestion further away than half the word is noise, not help.
	return bestDistance <= Math.max(2, Math.ceil(needle.length / 2)) ? best : undefined;
}

/** `Unexpected X, expected one of …` with a did-you-mean hint: the message shape every enum field uses. */
export function unexpectedValue(input: unknown, allowed: readonly string[], what: string): string {
	if (input === undefined) return `Missing required field \`${what}\`, expected one of ${allowed.map((v) => `\`${v}\``).join(', ')}`;
	const shown = typeof input === 'string' ? `\`${input}\`` : `${JSON.stringify(input) ?? String(input)}`;
	const hint = typeof input === 'string' ? closest(input, allowed) : undefined;
	const list = allowed.map((v) => `\`${v}\``).join(', ');
	return `Unexpected ${what} ${shown}, expected one of ${list}${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
}


/**
 * A closed vocabulary as a zod enum: values are the registry's keys, the error names the closest
 * one, and the description lists every value with its meaning (the authors' reference in editors).
 */
export function registryEnum<const R extends Record<string, string>>(registry: R, field: string, summary: string) {
	const values = Object.keys(registry) as [keyof R & string, ...(keyof R & string)[]];
	return z
		.enum(values, { error: (issue: { input?: unknown }) => unexpectedValue(issue.input, values, field) })
		.describe(`${summary}: ${values.map((v) => `\`${v}\` — ${registry[v]}`).join(' ')}`);
}
