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

/** A zod enum whose error lists the allowed values and names the closest one. */
export function describedEnum<const T extends readonly [string, ...string[]]>(values: T, what: string) {
	return { values, error: (issue: { input?: unknown }) => unexpectedValue(issue.input, values, what) };
}
