/**
 * Every code line highlighted whole, the same on every build. Shiki stops tokenizing a line after
 * 500 ms (its default `tokenizeTimeLimit`) and leaves the rest of it unhighlighted; on a loaded
 * 2-core machine a grammar's first lines (its regular expressions compiled on first use) pass that
 * limit, so two cold builds of one commit coloured one bash line of the fixture differently
 * (`kubectl` #82AAFF in one, #D6DEEB in the other: test/build/reproducible.test.ts failed under
 * load 25). The limit is raised, not removed: 10 s a line is twenty times the default, and still
 * bounds a pathological line from an untrusted page.
 *
 * A Shiki transformer as Expressive Code runs them (its `shiki.transformers` option): the
 * `preprocess` hook may change the tokenizer's options, not the code.
 */
export const shikiWholeLines = {
	name: 'neotool-shiki-whole-lines',
	preprocess(_code: string, options: { tokenizeTimeLimit?: number }): undefined {
		options.tokenizeTimeLimit = 10_000;
	},
};
