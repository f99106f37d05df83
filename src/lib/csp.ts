/**
 * The site's Content-Security-Policy, computed from the HTML the build emitted: scripts run only
 * from the site's own origin, or inline when their exact text is one the site's own components and
 * theme emitted (a `'sha256-…'` per distinct inline script). A page's content never contributes a
 * hash: an inline script inside the rendered Markdown (`.sl-markdown-content`, which the markup
 * policy and the sanitiser already keep free of scripts) stops the build instead, so a script a
 * page smuggled in would be refused by the browser even if every other guard missed it.
 * Computed, not hand-copied, so it follows whatever the theme, the search UI or the diagrams emit.
 */
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';

/** What a script element's `type` may be for the browser to run it as script. */
const SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);
const CONTENT_CLASS = 'sl-markdown-content';

export interface InlineScripts {
	/** Distinct inline script texts the site's chrome emitted. */
	scripts: Set<string>;
	/** Inline scripts inside a page's content, and inline event handler attributes: refused. */
	refused: string[];
}

export const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Adds the inline scripts of one HTML page to `into`; `where` names the page in refusals. */
export function collectInlineScripts(html: string, where: string, into: InlineScripts = { scripts: new Set(), refused: [] }): InlineScripts {
	// Depth of open elements, and the depth at which the content area opened (elements the HTML
	// spec leaves unclosed are closed implicitly by htmlparser2, which keeps the depth right).
	let depth = 0;
	let contentDepth = -1;
	let script: { text: string; runs: boolean } | undefined;
	const parser = new Parser(
		{
			onopentag(name, attributes) {
				depth++;
				if (contentDepth === -1 && (attributes.class ?? '').split(/\s+/).includes(CONTENT_CLASS)) contentDepth = depth;
				for (const attribute of Object.keys(attributes)) {
					if (/^on/i.test(attribute)) into.refused.push(`${where}: inline event handler \`${attribute}\` on <${name}>`);
				}
				if (name === 'script' && attributes.src === undefined) script = { text: '', runs: SCRIPT_TYPES.has((attributes.type ?? '').trim().toLowerCase()) };
			},
			ontext(text) {
				if (script) script.text += text;
			},
			onclosetag(name) {
				if (name === 'script' && script) {
					if (script.runs && script.text.trim() !== '') {
						if (contentDepth !== -1) into.refused.push(`${where}: inline script inside the page content: ${JSON.stringify(script.text.slice(0, 80))}`);
						else into.scripts.add(script.text);
					}
					script = undefined;
				}
				if (depth === contentDepth) contentDepth = -1;
				depth--;
			},
		},
		{ decodeEntities: false, lowerCaseAttributeNames: true },
	);
	parser.write(html);
	parser.end();
	return into;
}

/**
 * The policy: same-origin everything; inline scripts by hash only; WebAssembly compilation for
 * Pagefind's search (`'wasm-unsafe-eval'` allows compiling wasm, not `eval`); inline styles, which
 * the theme, expressive-code and mermaid's SVGs set (styles cannot run code); no framing, plugins,
 * `<base>` or cross-origin form targets.
 */
export function contentSecurityPolicy(scripts: Iterable<string>): string {
	const hashes = [...new Set([...scripts].map(sha256Source))].sort();
	return [
		"default-src 'self'",
		`script-src 'self' 'wasm-unsafe-eval'${hashes.length ? ` ${hashes.join(' ')}` : ''}`,
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self' data:",
		"connect-src 'self'",
		// The offline copy's service worker (/sw.js, scripts/lib/service-worker.ts): said outright, not
		// left to the fallback through script-src, so tightening scripts cannot silently drop it.
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	].join('; ');
}
