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

/** Past this many allowed values (the 13 categories still fit a line; the 49 tags do not), a message lists only the nearest ones. */
const LIST_MAX = 16;
/** How many of the nearest values a shortened list shows. */
const NEAREST = 5;

/** `allowed` ordered by nearness to `input`: `closest`'s pick first, then prefix matches, then by edit distance (ties keep the allowed order). */
function nearest(input: string, allowed: readonly string[]): string[] {
	const needle = input.toLowerCase();
	const pick = closest(input, allowed);
	const score = (c: string) => (c === pick ? -2 : c.toLowerCase().startsWith(needle.slice(0, 3)) ? -1 : 0) * 1000 + distance(needle, c.toLowerCase());
	return allowed
		.map((c, i) => ({ c, i, s: score(c) }))
		.sort((a, b) => a.s - b.s || a.i - b.i)
		.map((x) => x.c);
}

/**
 * `Unexpected X, expected one of …` with a did-you-mean hint: the message shape every enum field uses.
 * A long vocabulary is cut to the values nearest the input, then `… (N more: see <registry>)`.
 */
export function unexpectedValue(input: unknown, allowed: readonly string[], what: string, registry?: string): string {
	const listed = (values: readonly string[]) => {
		if (values.length <= LIST_MAX) return values.map((v) => `\`${v}\``).join(', ');
		const shown = values.slice(0, NEAREST).map((v) => `\`${v}\``).join(', ');
		return `${shown} … (${values.length - NEAREST} more${registry ? `: see ${registry}` : ''})`;
	};
	if (input === undefined) return `Missing required field \`${what}\`, expected one of ${listed(allowed)}`;
	const shown = typeof input === 'string' ? `\`${input}\`` : `${JSON.stringify(input) ?? String(input)}`;
	const hint = typeof input === 'string' ? closest(input, allowed) : undefined;
	// A short vocabulary keeps its own order (its registry's); a long one is cut to the nearest values.
	const list = listed(typeof input === 'string' && allowed.length > LIST_MAX ? nearest(input, allowed) : allowed);
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
