/** The deception rules (link-text-url, unicode-lookalike, unicode-invisible) live in src/lib/deception-check.ts, shared with the build. */
export { checkCodeCharacters, checkLinkText } from '../../../src/lib/deception-check.ts';
