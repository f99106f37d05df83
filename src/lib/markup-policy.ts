/**
 * What markup a page may contain: the one allow-list behind the authors' check
 * (scripts/check/rules/markup.ts, rule `markup-unsafe`) and the build's sanitiser
 * (src/components/MarkdownContent.astro). A page is written by an untrusted PR sender and runs in
 * every reader's browser, so anything not listed here is refused: no element or attribute that runs
 * script, loads or embeds another document, navigates, restyles the page or hides text (text a
 * reader cannot see but an agent reads in the `.md` twin is a way to deceive the agent).
 *
 * Pure data and pure functions; no I/O.
 */
import type { IOptions } from 'sanitize-html';

/** Attributes any listed HTML element may carry. `aria-*` is allowed by pattern (see `attributeAllowed`). */
const GLOBAL_ATTRIBUTES = ['id', 'title', 'lang', 'dir', 'role'];

/**
 * Plain structural HTML a page may write, with the attributes each may carry besides the global
 * ones. Nothing here runs script, loads another document, or changes how the page looks beyond
 * what Markdown itself can say.
 */
export const HTML_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
	a: ['href', 'rel'],
	abbr: [],
	b: [],
	blockquote: ['cite'],
	br: [],
	caption: [],
	cite: [],
	code: [],
	col: ['span'],
	colgroup: ['span'],
	dd: [],
	del: ['cite', 'datetime'],
	details: ['open'],
	dfn: [],
	div: [],
	dl: [],
	dt: [],
	em: [],
	figcaption: [],
	figure: [],
	h2: [],
	h3: [],
	h4: [],
	h5: [],
	h6: [],
	hr: [],
	i: [],
	img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
	ins: ['cite', 'datetime'],
	kbd: [],
	li: ['value'],
	mark: [],
	ol: ['start', 'reversed', 'type'],
	p: [],
	pre: [],
	q: ['cite'],
	s: [],
	samp: [],
	small: [],
	span: [],
	strong: [],
	sub: [],
	summary: [],
	sup: [],
	table: [],
	tbody: [],
	td: ['colspan', 'rowspan', 'headers'],
	tfoot: [],
	th: ['colspan', 'rowspan', 'headers', 'scope', 'abbr'],
	thead: [],
	time: ['datetime'],
	tr: [],
	u: [],
	ul: [],
	var: [],
	wbr: [],
};

/** Presentation attributes of inline SVG (shapes and text only: no `<a>`, `<use>`, `<image>`, `<foreignObject>`, animation or `<style>`). */
const SVG_PRESENTATION = [
	'fill', 'fill-opacity', 'fill-rule', 'clip-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray',
	'stroke-dashoffset', 'stroke-opacity', 'opacity', 'transform', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline',
];
const SVG_SHAPE = [...SVG_PRESENTATION, 'x', 'y', 'width', 'height', 'rx', 'ry', 'cx', 'cy', 'r', 'x1', 'y1', 'x2', 'y2', 'points', 'd', 'dx', 'dy'];
export const SVG_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
	svg: [...SVG_PRESENTATION, 'viewbox', 'width', 'height', 'xmlns', 'preserveaspectratio', 'focusable'],
	g: SVG_PRESENTATION,
	path: SVG_SHAPE,
	circle: SVG_SHAPE,
	ellipse: SVG_SHAPE,
	line: SVG_SHAPE,
	polyline: SVG_SHAPE,
	polygon: SVG_SHAPE,
	rect: SVG_SHAPE,
	text: SVG_SHAPE,
	tspan: SVG_SHAPE,
	title: [],
	desc: [],
	defs: [],
	lineargradient: ['x1', 'y1', 'x2', 'y2', 'gradientunits', 'gradienttransform'],
	radialgradient: ['cx', 'cy', 'r', 'fx', 'fy', 'gradientunits', 'gradienttransform'],
	stop: ['offset', 'stop-color', 'stop-opacity'],
};

/**
 * The components a page may use, with the props each takes: the project's facts components
 * (src/components/facts) and those of Starlight's whose rendered output passes the sanitiser
 * unchanged (no inline script, no `hidden`: Tabs, TabItem and FileTree need both, so they are not
 * listed). Which modules a page may import them from is mdx-safety's concern.
 */
export const COMPONENTS: Readonly<Record<string, readonly string[]>> = {
	AlertSeverities: [],
	BackupRetention: [],
	ClusterSpec: [],
	ComponentVersions: [],
	Environments: [],
	Image: ['of'],
	Namespaces: [],
	Recovery: ['of', 'field'],
	RecoveryObjectives: [],
	Severity: ['level'],
	Aside: ['type', 'title', 'icon'],
	Badge: ['text', 'variant', 'size'],
	Card: ['title', 'icon'],
	CardGrid: ['stagger'],
	LinkButton: ['href', 'variant', 'icon', 'iconPlacement'],
	LinkCard: ['title', 'href', 'description'],
	Steps: [],
	Icon: ['name', 'label', 'size'],
};

/** Attributes whose value is a URL the browser follows or loads: their scheme is checked wherever they are allowed. */
export const URL_ATTRIBUTES = ['href', 'src', 'cite', 'action', 'formaction', 'poster', 'data', 'background', 'longdesc', 'usemap', 'xlinkhref', 'ping', 'codebase', 'manifest', 'srcset'];

/** Schemes a URL may have; a URL with no scheme (relative, `#anchor`, `/path`, `//host`) is allowed too. */
export const ALLOWED_SCHEMES = ['https', 'http', 'mailto'];

/**
 * Elements refused by name, with the reason given to the author. Anything else not listed above is
 * refused as "not on the allow-list".
 */
const REFUSED_ELEMENTS: Readonly<Record<string, string>> = {
	script: 'it runs script in every reader\'s browser (interactive behaviour belongs in a component under src/components)',
	style: 'it restyles the whole site and can hide the page or paint a fake notice over it',
	iframe: 'it embeds another document, whose `srcdoc` runs script in the site\'s origin',
	frame: 'it embeds another document',
	frameset: 'it embeds other documents',
	object: 'it embeds a plug-in or another document',
	embed: 'it embeds a plug-in or another document',
	form: 'it sends what readers type to another site',
	input: 'form controls collect what readers type',
	button: 'form controls collect what readers type',
	textarea: 'form controls collect what readers type',
	select: 'form controls collect what readers type',
	base: 'it changes where every link on the page goes',
	meta: 'it can redirect the reader (`http-equiv="refresh"`)',
	link: 'it loads a style sheet or resource from anywhere',
	template: 'its content is never shown to readers',
	noscript: 'its content is never shown to readers with script on',
	animate: 'SVG animation can turn a link into a `javascript:` URL',
	animatemotion: 'SVG animation can turn a link into a `javascript:` URL',
	animatetransform: 'SVG animation can turn a link into a `javascript:` URL',
	set: 'SVG animation can turn a link into a `javascript:` URL',
	foreignobject: 'it embeds arbitrary HTML inside SVG',
	use: 'it pulls in SVG from another document',
};

/** Attributes refused by name everywhere (after `normalise`), with the reason. */
const REFUSED_ATTRIBUTES: Readonly<Record<string, string>> = {
	style: 'it can hide text from readers or paint over the page (write Markdown; the site styles it)',
	hidden: 'text readers never see must not be in a page (agents would read it)',
	class: 'the site\'s classes can hide text or restyle it (write Markdown; the site styles it)',
	classname: 'the site\'s classes can hide text or restyle it (write Markdown; the site styles it)',
	srcdoc: 'it is a whole HTML document that runs script in the site\'s origin',
	sethtml: 'it injects raw HTML past every check (write the content as Markdown or JSX)',
	dangerouslysetinnerhtml: 'it injects raw HTML past every check (write the content as Markdown or JSX)',
};

/**
 * One spelling for an attribute name in HTML (`stroke-width`, `http-equiv`) and JSX (`strokeWidth`,
 * `httpEquiv`, `set:html`): lower case, without `-`, `:` and `_`. Normalising can only make two names equal,
 * never make a refused name look like an allowed one: every allowed name is compared normalised too.
 */
export const normalise = (name: string) => name.toLowerCase().replace(/[-:_]/g, '');

const normalisedSet = (names: readonly string[]) => new Set(names.map(normalise));
const GLOBAL = normalisedSet(GLOBAL_ATTRIBUTES);
const URL_ATTRS = normalisedSet(URL_ATTRIBUTES);
const REFUSED_ATTRS = new Map(Object.entries(REFUSED_ATTRIBUTES).map(([k, v]) => [normalise(k), v]));
const ELEMENT_ATTRS = new Map(
	[...Object.entries(HTML_ELEMENTS), ...Object.entries(SVG_ELEMENTS)].map(([name, attrs]) => [name, normalisedSet(attrs)]),
);
const COMPONENT_PROPS = new Map(Object.entries(COMPONENTS).map(([name, props]) => [name, normalisedSet(props)]));

/**
 * The scheme of a URL as a browser parses it (WHATWG URL): leading and trailing C0 controls and
 * spaces dropped, tabs and newlines removed anywhere, then letters, digits, `+`, `-`, `.` up to a
 * colon. The value must already be entity-decoded (the HTML parser and MDX both do it). A URL
 * without a scheme is relative: undefined.
 */
export function schemeOf(url: string): string | undefined {
	const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
	return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

/** Whether a URL may appear in a page: relative, or one of ALLOWED_SCHEMES. */
export function urlAllowed(url: string): boolean {
	const scheme = schemeOf(url);
	return scheme === undefined || ALLOWED_SCHEMES.includes(scheme);
}

/** One attribute as written: its name (HTML or JSX spelling) and string value (null for a bare attribute or an expression). */
export interface WrittenAttribute {
	name: string;
	value: string | null;
	/** A `{…}` value that is not a single string (an array or object literal): no URL can be judged from it. */
	opaque?: boolean;
}

/** Why something in a page is refused; `attribute` names the attribute when the problem is one. */
export interface MarkupFinding {
	attribute?: string;
	message: string;
}

/** Whether `name` is a component (JSX: starts with a capital letter or holds a dot) rather than an HTML/SVG element. */
export const isComponentName = (name: string) => /^[A-Z]/.test(name) || name.includes('.');

const list = (names: Iterable<string>) => [...names].map((n) => `\`${n}\``).join(', ');

/**
 * Judges one element or component as written in a page, with its attributes: what is refused and why.
 * A refused element is one finding (its attributes are not judged one by one).
 */
export function judgeElement(name: string, attributes: readonly WrittenAttribute[]): MarkupFinding[] {
	const component = isComponentName(name);
	const key = component ? name : name.toLowerCase();
	const allowedAttrs = component ? COMPONENT_PROPS.get(key) : ELEMENT_ATTRS.get(key);
	if (!allowedAttrs) {
		if (component) return [{ message: `Unexpected component \`<${name}>\`, expected one on the markup allow-list (${list(Object.keys(COMPONENTS))})` }];
		const why = REFUSED_ELEMENTS[key];
		return [{ message: why ? `Unexpected \`<${key}>\`, expected no \`<${key}>\` in pages: ${why}` : `Unexpected \`<${key}>\`, expected an element on the markup allow-list (see "What a page may contain" on the documentation standards page)` }];
	}
	const findings: MarkupFinding[] = [];
	for (const attribute of attributes) {
		const n = normalise(attribute.name);
		const at = { attribute: attribute.name };
		if (/^on/.test(n) && !allowedAttrs.has(n)) {
			findings.push({ ...at, message: `Unexpected event handler \`${attribute.name}\` on \`<${name}>\`, expected no inline handlers: they run script in every reader's browser` });
			continue;
		}
		const refused = REFUSED_ATTRS.get(n);
		if (refused) {
			findings.push({ ...at, message: `Unexpected \`${attribute.name}\` on \`<${name}>\`, expected no \`${attribute.name}\` in pages: ${refused}` });
			continue;
		}
		if (!allowedAttrs.has(n) && (component || (!GLOBAL.has(n) && !/^aria/.test(n)))) {
			const allowed = component ? (COMPONENTS[key]!.length ? list(COMPONENTS[key]!) : 'none') : list([...(HTML_ELEMENTS[key] ?? SVG_ELEMENTS[key] ?? []), ...GLOBAL_ATTRIBUTES, 'aria-*']);
			findings.push({ ...at, message: `Unexpected attribute \`${attribute.name}\` on \`<${name}>\`, expected one of ${allowed}` });
			continue;
		}
		if (URL_ATTRS.has(n) && attribute.opaque) {
			findings.push({ ...at, message: `Unexpected expression in \`${attribute.name}\` on \`<${name}>\`, expected a quoted https, http, mailto or relative URL` });
		} else if (URL_ATTRS.has(n) && attribute.value !== null && !urlAllowed(attribute.value)) {
			findings.push({ ...at, message: `Unexpected \`${schemeOf(attribute.value)}:\` URL in \`${attribute.name}\` on \`<${name}>\`, expected an https, http, mailto or relative URL` });
		}
	}
	return findings;
}

/**
 * What the site's own renderer adds inside a page's content, on top of what authors may write:
 * Expressive Code's code frames (its style sheet and script from the build's `/_astro/` folder,
 * colour custom properties, the copy button), Starlight's asides, cards and icons, the facts
 * components' `data-fact(s)` markers, mermaid's placeholder figure, heading anchors, the a11y
 * plugin's focusable tables, GFM task-list checkboxes. Each is narrowed to the values the renderer
 * writes, so none of it lets a page run script or hide text.
 */
const RENDERER_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
	link: ['rel', 'href'],
	script: ['type', 'src'],
	aside: ['aria-label'],
	article: [],
	section: [],
	nav: [],
	header: [],
	footer: [],
	button: ['type', 'title', 'data-code', 'data-copied'],
	input: ['type', 'checked', 'disabled', 'aria-label'],
	h1: [],
};
const RENDERER_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
	'*': ['class', 'data-fact', 'data-facts', 'data-language', 'data-mermaid', 'aria-*', 'tabindex', 'dir', 'lang', 'id', 'title', 'role'],
	svg: ['aria-hidden', 'viewBox', 'fill', 'width', 'height', 'style'],
	path: ['fill-rule', 'clip-rule'],
	// Starlight's heading anchors: `<span class="sr-only" data-pagefind-ignore>Section titled …</span>`.
	span: ['style', 'data-pagefind-ignore'],
	div: ['style'],
	// Expressive Code's wrapped blocks: `<pre class="wrap" style="--ecMaxLine:53ch">` (values narrowed by RENDERER_STYLES).
	pre: ['style'],
	td: ['align'],
	th: ['align'],
	ol: ['role'],
};
/** Colours and sizes only: Expressive Code's token colours (`--0`, `--1`, …), its wrap indent and width, and Starlight's icon size. */
const RENDERER_STYLES = {
	'--0': [/^#[0-9a-f]{3,8}$/i],
	'--1': [/^#[0-9a-f]{3,8}$/i],
	'--2': [/^#[0-9a-f]{3,8}$/i],
	'--3': [/^#[0-9a-f]{3,8}$/i],
	'--0fs': [/^(italic|normal)$/],
	'--1fs': [/^(italic|normal)$/],
	'--0fw': [/^(bold|normal|\d{3})$/],
	'--1fw': [/^(bold|normal|\d{3})$/],
	'--ecIndent': [/^\d+ch$/],
	// Expressive Code's wrap option (astro.config.mjs) sizes a wrapped block by its longest line.
	'--ecMaxLine': [/^\d+ch$/],
	'--sl-icon-size': [/^[\d.]+(em|rem|px)$/],
	'--sl-icon-color': [/^(var\(--[\w-]+\)|#[0-9a-f]{3,8})$/i],
};

/** The build's sanitiser options (sanitize-html), from the same lists the check uses plus RENDERER_*. */
export function sanitizerOptions(): IOptions {
	const allowedAttributes: Record<string, string[]> = {};
	const add = (tag: string, attrs: readonly string[]) => {
		allowedAttributes[tag] = [...new Set([...(allowedAttributes[tag] ?? []), ...attrs])];
	};
	for (const [tag, attrs] of Object.entries(HTML_ELEMENTS)) add(tag, attrs);
	// Attribute names are compared as written (see `parser`), so SVG's camel-case ones are listed in that case too.
	const svgCase: Record<string, string> = { viewbox: 'viewBox', preserveaspectratio: 'preserveAspectRatio', gradientunits: 'gradientUnits', gradienttransform: 'gradientTransform' };
	for (const [tag, attrs] of Object.entries(SVG_ELEMENTS)) add(tag, attrs.flatMap((a) => (svgCase[a] ? [a, svgCase[a]] : [a])));
	for (const [tag, attrs] of Object.entries(RENDERER_ELEMENTS)) add(tag, attrs);
	for (const [tag, attrs] of Object.entries(RENDERER_ATTRIBUTES)) add(tag, attrs);
	add('*', GLOBAL_ATTRIBUTES);
	for (const refused of Object.keys(REFUSED_ATTRIBUTES)) {
		if (refused === 'style' || refused === 'class') continue; // narrowed by allowedStyles / only from the renderer
		for (const tag of Object.keys(allowedAttributes)) allowedAttributes[tag] = allowedAttributes[tag]!.filter((a) => normalise(a) !== normalise(refused));
	}
	// `allowedEmptyAttributes` is sanitize-html's (2.12+), not yet in @types/sanitize-html.
	const options: IOptions & { allowedEmptyAttributes: string[] } = {
		allowedTags: Object.keys(allowedAttributes).filter((t) => t !== '*'),
		allowedAttributes,
		allowedSchemes: ALLOWED_SCHEMES,
		allowedSchemesByTag: {},
		allowedSchemesAppliedToAttributes: URL_ATTRIBUTES.filter((a) => a !== 'xlinkhref').concat('xlink:href'),
		allowProtocolRelative: true,
		// The mermaid placeholder keeps its `data-mermaid=""` as the plugin writes it (others print bare, as Starlight writes them).
		allowedEmptyAttributes: ['alt', 'data-mermaid'],
		allowedStyles: { '*': RENDERER_STYLES },
		parseStyleAttributes: true,
		// A refused element goes with everything inside it when its content is never text for readers.
		disallowedTagsMode: 'discard',
		nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed'],
		// Tag names lower-cased (so `<SCRIPT>` is `script`), attribute names kept as written: SVG's `viewBox`
		// stays byte-identical, and a name in any other case (`HREF`, `onClick`, `Hidden`) is simply not listed.
		parser: { lowerCaseTags: true, lowerCaseAttributeNames: false },
		allowVulnerableTags: true, // `script` is allowed only as the renderer's own empty `src="/_astro/…"` tag (exclusiveFilter)
		exclusiveFilter: (frame) => {
			if (frame.tag === 'script') return !(frame.attribs.type === 'module' && /^\/_astro\/[\w.-]+\.js$/.test(frame.attribs.src ?? '') && frame.text.trim() === '');
			if (frame.tag === 'link') return !(frame.attribs.rel === 'stylesheet' && /^\/_astro\/[\w.-]+\.css$/.test(frame.attribs.href ?? ''));
			if (frame.tag === 'input') return frame.attribs.type !== 'checkbox' || !('disabled' in frame.attribs);
			return false;
		},
		// Comments are dropped (sanitize-html keeps none): they never reach readers, nor the search index.
	};
	return options;
}
