/**
 * A diagram's SVG made small enough for a page (issue #16 item 5: ≤ 60 KB a page). mermaid writes
 * what its interactive renderer needs, not what a drawing needs: the CSS for every diagram kind and
 * theme feature, eight arrowhead markers of which a flowchart uses one or two, drop-shadow filters
 * nothing refers to, and bookkeeping attributes (`data-points` is each edge's points again, base64).
 * svgo does the generic part with plugins that keep what a reader sees and the page relies on: svgo
 * renames no id (the page makes ids unique per figure, `aria-labelledby` names the title), no style inlined
 * (the theme colours are custom properties, scripts/lib/mermaid-merge.ts), title and desc kept.
 * Four passes svgo has no plugin for are written here, each removing only what nothing can use, and
 * one renaming ids so a drawing is the same whatever was drawn before it (scopeIds).
 */
import { optimize, type CustomPlugin, type XastChild, type XastElement, type XastParent, type XastRoot } from 'svgo';

/** Elements that draw only where something refers to their id. */
const BY_REFERENCE = new Set(['marker', 'filter', 'linearGradient', 'radialGradient', 'pattern', 'clipPath', 'mask', 'symbol']);

const isElement = (n: XastChild): n is XastElement => n.type === 'element';

function walk(parent: XastParent, visit: (el: XastElement, parent: XastParent) => void) {
	for (const child of [...parent.children]) {
		if (!isElement(child)) continue;
		visit(child, parent);
		walk(child, visit);
	}
}

const styleTexts = (root: XastRoot) => {
	const out: Array<{ value: string }> = [];
	walk(root, (el) => {
		if (el.name === 'style') for (const c of el.children) if (c.type === 'text' || c.type === 'cdata') out.push(c);
	});
	return out;
};

/**
 * An attribute's value with every id it refers to passed through `map`: `href`/`xlink:href="#id"`, the
 * id lists of `aria-*`, `url(#id)` anywhere else (stylesheets: `mapUrlRefs`). One reading of what refers
 * to an id, for the pass that keeps what is referred to and the pass that renames ids.
 */
const URL_REF = /url\(\s*(['"]?)#([^'")\s]+)/g;
const mapUrlRefs = (text: string, map: (id: string) => string) => text.replace(URL_REF, (_, q: string, id: string) => `url(${q}#${map(id)}`);
function mapIdRefs(name: string, value: string, map: (id: string) => string): string {
	if (name === 'href' || name === 'xlink:href') return value.startsWith('#') ? `#${map(value.slice(1))}` : value;
	if (name.startsWith('aria-')) return value.split(/\s+/).map(map).join(' ');
	return mapUrlRefs(value, map);
}

/** Markers, filters, gradients… whose id nothing refers to (`url(#id)`, `href="#id"`, `aria-labelledby`). */
const removeUnreferenced: CustomPlugin = {
	name: 'removeUnreferenced',
	fn: (root) => {
		const referenced = new Set<string>();
		const note = (id: string) => (referenced.add(id), id);
		for (const t of styleTexts(root)) mapUrlRefs(t.value, note);
		walk(root, (el) => {
			for (const [name, value] of Object.entries(el.attributes)) mapIdRefs(name, value, note);
		});
		walk(root, (el, parent) => {
			if (BY_REFERENCE.has(el.name) && !referenced.has(el.attributes.id ?? '')) parent.children = parent.children.filter((c) => c !== el);
		});
		return null;
	},
};

/** mermaid's `data-*` bookkeeping for its own scripts, unless the stylesheet selects on it (`[data-look…]`). */
const removeUnstyledData: CustomPlugin = {
	name: 'removeUnstyledData',
	fn: (root) => {
		const css = styleTexts(root)
			.map((t) => t.value)
			.join('\n');
		walk(root, (el) => {
			for (const name of Object.keys(el.attributes)) if (name.startsWith('data-') && !css.includes(`[${name}`)) delete el.attributes[name];
		});
		return null;
	},
};

/** A class named twice in one attribute (mermaid writes each edge's four classes twice over). */
const dedupeClasses: CustomPlugin = {
	name: 'dedupeClasses',
	fn: (root) => {
		walk(root, (el) => {
			if (el.attributes.class) el.attributes.class = [...new Set(el.attributes.class.split(/\s+/).filter(Boolean))].join(' ');
		});
		return null;
	},
};

/**
 * Ids mermaid numbers from counters it keeps across renders in one page (a sequence diagram's
 * `actor<N>` and `root-<N>`): numbered again from 0 within the diagram, so a drawing does not depend on
 * what its page drew before it (a build that redraws one changed diagram gives it the ids a cold build
 * would). And every id put under the diagram's own (`mmd-<key>…`), which the page makes unique per
 * figure (src/lib/mermaid-svg.ts): an actor's name is an id too (`id="R2"`), and two diagrams on one
 * page must not share one. References to a renamed id (`href="#…"`, `url(#…)`, `aria-*`) follow it.
 */
const scopeIds: CustomPlugin = {
	name: 'scopeIds',
	fn: (root) => {
		const top = root.children.find(isElement);
		const prefix = top?.attributes.id;
		if (!prefix) return null;
		const counted = /^(actor|root-)(\d+)$/;
		const numbers = new Map<string, number[]>();
		walk(root, (el) => {
			const m = counted.exec(el.attributes.id ?? '');
			if (m) numbers.set(m[1]!, [...(numbers.get(m[1]!) ?? []), Number(m[2])]);
		});
		const order = new Map([...numbers].map(([kind, ns]) => [kind, [...new Set(ns)].sort((a, b) => a - b)]));
		const renamed = new Map<string, string>();
		walk(root, (el) => {
			const id = el.attributes.id;
			// Already the diagram's: `mmd-<key>-title`, `mmd-<key>_flowchart-v2-pointEnd`…
			if (!id || id.startsWith(prefix)) return;
			const m = counted.exec(id);
			const local = m ? `${m[1]}${order.get(m[1]!)!.indexOf(Number(m[2]))}` : id;
			renamed.set(id, `${prefix}-${local}`);
			el.attributes.id = `${prefix}-${local}`;
		});
		if (renamed.size === 0) return null;
		const rename = (id: string) => renamed.get(id) ?? id;
		for (const t of styleTexts(root)) t.value = mapUrlRefs(t.value, rename);
		walk(root, (el) => {
			for (const [name, value] of Object.entries(el.attributes)) el.attributes[name] = mapIdRefs(name, value, rename);
		});
		return null;
	},
};

/** Theme custom properties (`--mmd-N`) whose last use the stylesheet minifier removed. */
const removeUnusedThemeProperties: CustomPlugin = {
	name: 'removeUnusedThemeProperties',
	fn: (root) => {
		const texts = styleTexts(root);
		const inline: string[] = [];
		walk(root, (el) => void (el.attributes.style && inline.push(el.attributes.style)));
		const used = new Set([...texts.map((t) => t.value), ...inline].join('\n').match(/var\(--mmd-\d+\)/g)?.map((v) => v.slice(4, -1)));
		for (const t of texts) t.value = t.value.replace(/(--mmd-\d+):[^;}]*(;|(?=\}))/g, (decl, name: string) => (used.has(name) ? decl : '')).replace(/;\}/g, '}');
		return null;
	},
};

/**
 * The SVG compacted, or as it is where svgo (an XML parser) cannot read it: the page takes HTML, and a
 * label mermaid writes as HTML (`<br>` in a foreignObject, with htmlLabels on) is not XML.
 */
export function compactSvg(svg: string): string {
	try {
		return compact(svg);
	} catch {
		return svg;
	}
}

function compact(svg: string): string {
	return optimize(svg, {
		plugins: [
			'removeComments',
			'cleanupAttrs',
			scopeIds,
			// Drops the rules no element of this diagram matches (csso's usage data), then minifies.
			'minifyStyles',
			removeUnusedThemeProperties,
			removeUnstyledData,
			removeUnreferenced,
			dedupeClasses,
			'removeUselessDefs',
			// Not cleanupNumericValues/convertPathData: rounding the coordinates saved ~5 % more (322 against
			// 340 KB over the real docs' 16 diagrams) but moved edges by a tenth of a pixel, and Chromium then
			// painted up to 7,000 channel values differently; without them every diagram paints identically
			// to mermaid's own render in both themes (scripts/bench/diagram-themes.ts).
			'removeEmptyAttrs',
			'removeEmptyContainers',
		],
	}).data;
}
