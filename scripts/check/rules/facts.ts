/**
 * Commands in the docs must match the platform facts (src/data/facts.yaml):
 * - `facts-namespace`: `kubectl … -n NS` / `--namespace NS` / `--namespace=NS` / `-nNS` names a
 *   namespace that exists, with the closest one suggested;
 * - `facts-latest` (warning): a container image tagged `:latest` is not reproducible; pin it.
 * Both look at code blocks and inline code only; prose is free to talk about namespaces.
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
