/**
 * What a fence's info string means to the check (`code-lang`): a language verified by its own
 * parser, plain text explicitly left unverified, another language the site highlights (Shiki's
 * bundled grammars, e.g. `ini`, `diff`, `dockerfile`: highlighted, not verified), or an unknown
 * word (`bsh`, `yml2`): an error with the closest known language, since the site would show the
 * block unhighlighted and a reader cannot tell what it is.
 */
import { closest } from '../../../schemas/suggest.ts';

export type Verifier = 'bash' | 'console' | 'yaml' | 'json' | 'promql' | 'logql' | 'sql' | 'hcl' | 'mermaid';

/** Info string → the verifier that checks it (mermaid: ../rules/mermaid.ts). */
export const VERIFIED: Record<string, Verifier> = {
	bash: 'bash',
	sh: 'bash',
	shell: 'bash',
	console: 'console',
	shellsession: 'console',
	yaml: 'yaml',
	yml: 'yaml',
	json: 'json',
	promql: 'promql',
	logql: 'logql',
	sql: 'sql',
	postgresql: 'sql',
	postgres: 'sql',
	hcl: 'hcl',
	terraform: 'hcl',
	tf: 'hcl',
	mermaid: 'mermaid',
};

/** Shiki's plain-text languages plus `output`: shown as written, deliberately not verified. */
export const UNVERIFIED_TEXT = new Set(['text', 'txt', 'plaintext', 'plain', 'output', 'ansi']);

/** Site-level aliases (astro.config.mjs `expressiveCode.shiki.langAlias`). */
const SITE_ALIASES = ['alertmanager'];

let shikiLanguages: string[] | undefined;

/** Every language id and alias Shiki bundles (what the site can highlight), loaded on first need. */
async function highlighted(): Promise<string[]> {
	if (!shikiLanguages) {
		const { bundledLanguagesInfo } = await import('shiki/langs');
		shikiLanguages = bundledLanguagesInfo.flatMap((l) => [l.id, ...(l.aliases ?? [])]);
	}
	return shikiLanguages;
}

/** Null when the info string is known; else the message for `code-lang`. */
export async function unknownLanguage(lang: string): Promise<string | null> {
	if (lang in VERIFIED || UNVERIFIED_TEXT.has(lang) || SITE_ALIASES.includes(lang)) return null;
	const shiki = await highlighted();
	if (shiki.includes(lang)) return null;
	const known = [...Object.keys(VERIFIED), ...UNVERIFIED_TEXT, ...SITE_ALIASES, ...shiki];
	const hint = closest(lang, known);
	return `Unexpected code language \`${lang}\`, expected a language the site knows, such as \`bash\`, \`yaml\`, \`sql\` or \`text\`${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
}
