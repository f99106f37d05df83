/**
 * One SVG for both themes (issue #16 item 5: a diagram page under 60 KB). mermaid renders a diagram
 * once per theme (scripts/lib/mermaid-render.ts); the two renders have the same elements, attributes
 * and layout — a theme changes colours, not geometry — so the page needs only one of them if the
 * colours that differ follow the site's theme. Each value that differs becomes a CSS custom property
 * set on the SVG, light by default and dark under Starlight's `:root[data-theme='dark']`; the cascade
 * of mermaid's own rules is untouched (only their values are indirected), so each theme draws exactly
 * what its own render drew.
 *
 * Where the two renders differ in anything but such values (an element or attribute only one has,
 * different text), there is no safe merge: `mergeThemes` says why and the caller keeps both SVGs.
 */
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import postcss, { type Declaration } from 'postcss';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];

/** Attributes SVG also reads as CSS properties, so a differing value can come from a custom property. */
const PRESENTATION_COLOURS = new Set(['fill', 'stroke', 'color', 'flood-color', 'stop-color', 'lighting-color']);

const PAINT_SERVERS = new Set(['linearGradient', 'radialGradient', 'pattern']);

export type Merged = { svg: string } | { reason: string };

const isElement = (n: Node): n is Element => 'tagName' in n;
const children = (el: Element) => el.childNodes;

/** Every element in document order. */
function elements(root: Element): Element[] {
	const out: Element[] = [];
	const walk = (el: Element) => {
		out.push(el);
		for (const c of children(el)) if (isElement(c)) walk(c);
	};
	walk(root);
	return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Merges the light and the dark render of one diagram. `lightId`/`darkId` are the ids each render
 * was given (mermaid prefixes its own ids and its CSS selectors with them); the merged SVG carries `id`.
 */
export function mergeThemes(light: string, dark: string, ids: { light: string; dark: string; id: string }): Merged {
	// Both renders under the one id, so text that differs only by it compares equal.
	const lightSvg = rootSvg(light.replaceAll(ids.light, ids.id));
	const darkSvg = rootSvg(dark.replaceAll(ids.dark, ids.id));
	if (!lightSvg || !darkSvg) return { reason: 'a render is not one <svg>' };
	// The dark theme draws mermaid's "neo" look with a gradient stroke the light one has no gradient
	// for: a paint server only the dark render defines is taken over as it is (its id, which only the
	// dark values below refer to, draws nothing in the light theme).
	const lightIds = new Set(elements(lightSvg).map((el) => attrOf(el, 'id')));
	const darkOnly = elements(darkSvg).filter((el) => PAINT_SERVERS.has(el.tagName) && !lightIds.has(attrOf(el, 'id')));
	for (const el of darkOnly) {
		const parent = el.parentNode as Element;
		parent.childNodes = parent.childNodes.filter((c) => c !== el);
	}
	const lightEls = elements(lightSvg);
	const darkEls = elements(darkSvg);
	if (lightEls.length !== darkEls.length) return { reason: `${lightEls.length} elements in the light render, ${darkEls.length} in the dark` };

	// Ids mermaid numbers from a counter that runs on across renders (sequence diagrams' actorNN): the
	// dark render's id stands for the light one's at the same place, wherever the dark render refers to it.
	const renamed: Array<[RegExp, string]> = [];
	for (let i = 0; i < lightEls.length; i++) {
		const a = attrOf(lightEls[i]!, 'id');
		const b = attrOf(darkEls[i]!, 'id');
		if (a !== b && a !== undefined && b !== undefined) renamed.push([new RegExp(`(?<![\\w-])${escapeRegExp(b)}(?![\\w-])`, 'g'), a]);
	}
	const asLight = (value: string) => renamed.reduce((v, [re, to]) => v.replace(re, to), value);

	const vars = new Variables();
	for (let i = 0; i < lightEls.length; i++) {
		const l = lightEls[i]!;
		const d = darkEls[i]!;
		const where = `<${l.tagName}> #${i}`;
		if (l.tagName !== d.tagName) return { reason: `${where}: <${d.tagName}> in the dark render` };
		if (l.attrs.map((a) => a.name).join(' ') !== d.attrs.map((a) => a.name).join(' ')) return { reason: `${where}: different attributes` };
		const texts = (el: Element) => children(el).filter((c): c is TextNode => c.nodeName === '#text');
		const lt = texts(l);
		const dt = texts(d);
		if (l.tagName === 'style') {
			if (lt.length !== 1 || dt.length !== 1) return { reason: `${where}: not one text` };
			const css = mergeCss(lt[0]!.value, asLight(dt[0]!.value), vars);
			if (typeof css !== 'string') return { reason: `${where}: ${css.reason}` };
			lt[0]!.value = css;
		} else if (lt.map((t) => t.value).join('\0') !== dt.map((t) => t.value).join('\0')) {
			return { reason: `${where}: different text` };
		}
		const styleExtra: string[] = [];
		for (const attr of l.attrs) {
			const darkValue = asLight(attrOf(d, attr.name)!);
			if (attr.name === 'id' || attr.value === darkValue) continue;
			if (PRESENTATION_COLOURS.has(attr.name)) {
				// The attribute stays for readers of the SVG that apply no CSS; the property (which
				// outranks it) follows the theme.
				styleExtra.push(`${attr.name}:${vars.of(attr.value, darkValue)}`);
			} else if (attr.name === 'style') {
				const merged = mergeDeclarations(attr.value, darkValue, vars);
				if (merged === null) return { reason: `${where}: style="${attr.value}" against style="${darkValue}"` };
				attr.value = merged;
			} else {
				return { reason: `${where}: ${attr.name}="${attr.value}" against ${attr.name}="${darkValue}"` };
			}
		}
		// Before the element's own inline declarations, which still win where they set the same property.
		if (styleExtra.length > 0) setAttr(l, 'style', [...styleExtra, attrOf(l, 'style')].filter(Boolean).join(';'));
	}
	for (const el of darkOnly) {
		el.parentNode = lightSvg;
		lightSvg.childNodes.push(el);
	}
	const style = lightEls.find((el) => el.tagName === 'style');
	const props = vars.css(ids.id);
	if (props) {
		if (!style) return { reason: 'no <style> element to carry the theme colours' };
		const text = children(style).find((c): c is TextNode => c.nodeName === '#text')!;
		text.value = props + text.value;
	}
	return { svg: serialize({ nodeName: '#document-fragment', childNodes: [lightSvg] } as unknown as DefaultTreeAdapterMap['documentFragment']) };
}

/** The values that differ between the themes, one custom property per distinct pair. */
class Variables {
	private readonly pairs = new Map<string, { name: string; light: string; dark: string }>();
	of(light: string, dark: string): string {
		const key = `${light}\0${dark}`;
		let v = this.pairs.get(key);
		if (!v) this.pairs.set(key, (v = { name: `--mmd-${this.pairs.size}`, light, dark }));
		return `var(${v.name})`;
	}
	/** The rules that set them on the SVG: light by default, dark under Starlight's dark theme. */
	css(id: string): string {
		if (this.pairs.size === 0) return '';
		const all = [...this.pairs.values()];
		return `#${id}{${all.map((v) => `${v.name}:${v.light}`).join(';')}}:root[data-theme='dark'] #${id}{${all.map((v) => `${v.name}:${v.dark}`).join(';')}}`;
	}
}

/** mermaid's stylesheet with the declarations whose values differ turned into custom properties. */
function mergeCss(light: string, dark: string, vars: Variables): string | { reason: string } {
	const lightRoot = postcss.parse(light);
	const darkRoot = postcss.parse(dark);
	const ld: Declaration[] = [];
	const dd: Declaration[] = [];
	lightRoot.walkDecls((d) => void ld.push(d));
	darkRoot.walkDecls((d) => void dd.push(d));
	if (ld.length !== dd.length) return { reason: `${ld.length} CSS declarations in the light render, ${dd.length} in the dark` };
	const context = (d: Declaration) => {
		const p = d.parent;
		return p?.type === 'rule' ? (p as postcss.Rule).selector : p?.type === 'atrule' ? `@${(p as postcss.AtRule).name} ${(p as postcss.AtRule).params}` : '';
	};
	for (let i = 0; i < ld.length; i++) {
		const l = ld[i]!;
		const d = dd[i]!;
		if (l.prop !== d.prop || l.important !== d.important || context(l) !== context(d)) return { reason: `CSS declaration ${i} differs: ${context(l)}{${l.prop}} against ${context(d)}{${d.prop}}` };
		// Keyframes do not take custom properties reliably; mermaid's only animate dash offsets.
		if (l.value !== d.value) {
			if (l.parent?.parent?.type === 'atrule' && (l.parent.parent as postcss.AtRule).name.endsWith('keyframes')) return { reason: `keyframes differ at ${l.prop}` };
			l.value = vars.of(l.value, d.value);
		}
	}
	return lightRoot.toString();
}

/** An inline style pair: same properties in the same order, differing values as custom properties. */
function mergeDeclarations(light: string, dark: string, vars: Variables): string | null {
	const parse = (s: string) => {
		const decls: Declaration[] = [];
		postcss.parse(`x{${s}}`).walkDecls((d) => void decls.push(d));
		return decls;
	};
	const l = parse(light);
	const d = parse(dark);
	if (l.length !== d.length || l.some((x, i) => x.prop !== d[i]!.prop || x.important !== d[i]!.important)) return null;
	return l.map((x, i) => `${x.prop}:${x.value === d[i]!.value ? x.value : vars.of(x.value, d[i]!.value)}${x.important ? '!important' : ''}`).join(';');
}

function rootSvg(html: string): Element | null {
	const nodes = parseFragment(html).childNodes.filter((n) => !(n.nodeName === '#text' && !(n as TextNode).value.trim()));
	return nodes.length === 1 && isElement(nodes[0]!) && nodes[0].tagName === 'svg' ? nodes[0] : null;
}

const attrOf = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
function setAttr(el: Element, name: string, value: string) {
	const a = el.attrs.find((x) => x.name === name);
	if (a) a.value = value;
	else el.attrs.push({ name, value });
}
