/**
 * Commands in the docs must match the platform facts (src/data/facts.yaml):
 * - `facts-namespace`: `kubectl … -n NS` / `--namespace NS` / `--namespace=NS` / `-nNS` names a
 *   namespace that exists, with the closest one suggested; so does a manifest's
 *   `metadata.namespace` (and a `Namespace` manifest's name), via `checkManifestFacts`;
 * - `facts-image`: an image of a component listed in facts, in a code block (`image:` in YAML,
 *   `docker run`/`--image=`/`kubectl set image … c=IMAGE` in shell) or a manifest's
 *   `image: {repository, tag}` values, carries the facts' tag;
 * - `facts-latest` (warning): a container image tagged `:latest` is not reproducible; pin it.
 * They look at code blocks and inline code only (`facts-image` at code blocks only: prose may name
 * the version an upgrade starts from); prose is free to talk about namespaces.
 */
import type { Code, InlineCode, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { closest } from '../../../schemas/suggest.ts';
import type { Facts } from '../../../schemas/facts.ts';
import { lineIndex } from '../../../src/lib/position.ts';
import type { Report } from '../types.ts';

/** A kubectl invocation runs from `kubectl` to the next shell separator (pipe, `;`, `&&`, `||`, `)`) or ` -- `. */
const KUBECTL = /(?<![\w/-])kubectl\b[^|;&)\n]*(?:\\\n[^|;&)\n]*)*/g;
const NAMESPACE_FLAG = /(?<=\s)(?:-n[ \t]+|-n(?=[a-z0-9])|--namespace[ \t]*=[ \t]*|--namespace[ \t]+)(?:\\\n\s*)?(["']?)([^\s"'`]+)\1/g;
const LATEST = /(?<![\w.-])((?:[a-z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9][a-z0-9._/-]*):latest\b/g;

const isPlaceholder = (ns: string) => /^[$<{]/.test(ns) || /[$<>{}*]/.test(ns);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const repositoryOf = (image: string) => image.slice(0, image.lastIndexOf(':'));
const tagOf = (image: string) => image.slice(image.lastIndexOf(':') + 1);
/** A registry prefix (`docker.io/`, `ghcr.io/`, `registry:5000/`) a reference may carry before the repository. */
const REGISTRY = String.raw`(?:[a-z0-9.-]+(?::[0-9]+)?/)?`;
let imagePatterns: { facts: Facts; list: { component: Facts['components'][number]; pattern: RegExp }[] } | undefined;

/**
 * One pattern per component: its repository (with any registry, and for a Docker Hub library
 * image such as `postgres` only where a reference is expected: after `image:`, `--image`,
 * `=` or `docker run`/`pull`, since `postgres:postgres` is also a `chown` owner) and its tag.
 */
function patternsFor(facts: Facts) {
	if (imagePatterns?.facts === facts) return imagePatterns.list;
	const list = facts.components.map((component) => {
		const repository = escape(repositoryOf(component.image));
		const lead = repository.includes('/') ? String.raw`(?<![\w./-])${REGISTRY}` : String.raw`(?:(?<=image:[ \t]*["']?|--image[= ]["']?|=)|(?<=docker (?:run|pull|create)\b[^\n|;&]*\s))(?:docker\.io/library/)?`;
		return { component, pattern: new RegExp(String.raw`${lead}${repository}:([A-Za-z0-9_][A-Za-z0-9._-]*)`, 'g') };
	});
	imagePatterns = { facts, list };
	return list;
}

/** `helm upgrade|install … CHART … --set image.tag=TAG` (a `\` continues the command on the next line). */
const HELM = /\bhelm[ \t]+(?:upgrade|install|template)\b(?:\\\n|[^\n|;&])*/g;
const HELM_TAG = /--set(?:-string)?[ \t=]+(?:\S+,)?image\.tag=([A-Za-z0-9_][A-Za-z0-9._-]*)/g;

/** Images of facts components in a code block's text whose tag is not the facts' tag. */
export function checkImageTags(text: string, facts: Facts, at: (offset: number) => { line: number; column: number }, report: Report): void {
	// A chart is matched to a component by its name (`grafana/grafana` and `grafana` are Grafana's chart).
	for (const command of text.includes('image.tag=') ? text.matchAll(HELM) : []) {
		const words = command[0].split(/[\s\\]+/);
		const chartOf = (id: string) => words.find((w) => w.endsWith(`/${id}`)) ?? words.find((w) => w === id);
		const component = facts.components.find((c) => chartOf(c.id));
		if (!component) continue;
		for (const set of command[0].matchAll(HELM_TAG)) {
			const tag = set[1]!;
			if (tag === tagOf(component.image) || /_[A-Z0-9_]+_/.test(tag)) continue;
			report('facts-image', 'error', at(command.index! + set.index! + set[0].length - tag.length), `Unexpected tag \`${tag}\` for ${component.name} (chart \`${chartOf(component.id)}\`), expected \`${tagOf(component.image)}\` as in src/data/facts.yaml (or a placeholder such as \`<TAG>\`)`);
		}
	}
	for (const { component, pattern } of patternsFor(facts)) {
		if (!text.includes(repositoryOf(component.image))) continue;
		for (const match of text.matchAll(pattern)) {
			const tag = match[1]!;
			if (tag === tagOf(component.image) || tag === 'latest' || /_[A-Z0-9_]+_/.test(tag)) continue;
			report('facts-image', 'error', at(match.index! + match[0].length - tag.length), `Unexpected tag \`${tag}\` for ${component.name} (\`${repositoryOf(component.image)}\`), expected \`${tagOf(component.image)}\` as in src/data/facts.yaml (or a placeholder such as \`<TAG>\`)`);
		}
	}
}

/** A parsed manifest's facts: its namespace, and images written as `{repository, tag}` (Helm values). */
export function checkManifestFacts(manifest: Record<string, unknown>, facts: Facts, locate: (path: (string | number)[]) => { line: number; column: number }, isPlaceholder: (value: unknown) => boolean, report: Report): void {
	const namespaces = facts.namespaces.map((n) => n.name);
	const metadata = manifest.metadata as Record<string, unknown> | undefined;
	const checkNamespace = (ns: unknown, path: (string | number)[]) => {
		if (typeof ns !== 'string' || isPlaceholder(ns) || namespaces.includes(ns)) return;
		const hint = closest(ns, namespaces);
		report('facts-namespace', 'error', locate(path), `Unexpected namespace \`${ns}\`, expected one from src/data/facts.yaml${hint ? ` (did you mean \`${hint}\`?)` : `: ${namespaces.map((n) => `\`${n}\``).join(', ')}`}`);
	};
	if (metadata && typeof metadata === 'object') {
		checkNamespace(metadata.namespace, ['metadata', 'namespace']);
		if (manifest.kind === 'Namespace' && manifest.apiVersion === 'v1') checkNamespace(metadata.name, ['metadata', 'name']);
	}
	const walk = (value: unknown, path: (string | number)[]) => {
		if (!value || typeof value !== 'object') return;
		if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, i]));
		const object = value as Record<string, unknown>;
		const { repository, tag } = object;
		if (typeof repository === 'string' && (typeof tag === 'string' || typeof tag === 'number') && !isPlaceholder(tag)) {
			const component = facts.components.find((c) => repositoryOf(c.image) === repository || repository.endsWith(`/${repositoryOf(c.image)}`));
			if (component && String(tag) !== tagOf(component.image)) {
				report('facts-image', 'error', locate([...path, 'tag']), `Unexpected tag \`${String(tag)}\` for ${component.name} (\`${repository}\`), expected \`${tagOf(component.image)}\` as in src/data/facts.yaml (or a placeholder such as \`<TAG>\`)`);
			}
		}
		for (const [key, inner] of Object.entries(object)) walk(inner, [...path, key]);
	};
	walk(manifest.spec, ['spec']);
}

export function checkFacts(root: Root, source: string, facts: Facts, report: Report): void {
	if (!source.includes('kubectl') && !source.includes(':latest')) return;
	const position = lineIndex(source);
	const namespaces = facts.namespaces.map((n) => n.name);
	const scan = (text: string, offset: number) => {
		// Most code has neither; a regex scan of every block costs more than these two lookups.
		const kubectl = text.includes('kubectl');
		const latest = text.includes(':latest');
		if (!kubectl && !latest) return;
		for (const command of kubectl ? text.matchAll(KUBECTL) : []) {
			// Stop at ` -- `: what follows is the command run inside the container, with its own flags.
			const body = command[0].split(/\s--(?:\s|$)/)[0]!;
			for (const flag of body.matchAll(NAMESPACE_FLAG)) {
				const ns = flag[2]!;
				if (isPlaceholder(ns) || namespaces.includes(ns)) continue;
				const at = position(offset + command.index! + flag.index! + flag[0].lastIndexOf(ns));
				const hint = closest(ns, namespaces);
				report('facts-namespace', 'error', at, `Unexpected namespace \`${ns}\`, expected one from src/data/facts.yaml${hint ? ` (did you mean \`${hint}\`?)` : `: ${namespaces.map((n) => `\`${n}\``).join(', ')}`}`);
			}
		}
		for (const match of latest ? text.matchAll(LATEST) : []) {
			const repository = match[1]!;
			const pinned = facts.components.find((c) => c.image.split(':')[0] === repository || c.image.split(':')[0]!.split('/').pop() === repository.split('/').pop());
			report('facts-latest', 'warning', position(offset + match.index!), `Unexpected floating tag \`${match[0]}\`, expected a pinned version${pinned ? ` such as \`${pinned.image}\` (src/data/facts.yaml)` : ' (see ADR 0003)'}`);
		}
	};
	visit(root, (node) => {
		if (node.type !== 'code' && node.type !== 'inlineCode') return;
		const { value, position: place } = node as Code | InlineCode;
		if ((node as Code).lang === 'mermaid' || place?.start.offset === undefined) return;
		// Scan the file's own text (indentation kept) so columns are exact; a fence's first line is the fence.
		const fenced = node.type === 'code' && /^(?:`{3,}|~{3,})/.test(source.slice(place.start.offset, place.start.offset + 3));
		const start = node.type === 'inlineCode' ? source.indexOf(value, place.start.offset) : fenced ? source.indexOf('\n', place.start.offset) + 1 : place.start.offset;
		const raw = source.slice(start, node.type === 'inlineCode' ? start + value.length : place.end.offset!);
		scan(raw, start);
	});
}
