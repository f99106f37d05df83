/**
 * Splits a page's clean tree into retrieval chunks: one per h2/h3 section (plus the lead before the
 * first one), each with its plain text, its code blocks and a token estimate. A section longer than
 * MAX_CHUNK_TOKENS is split between blocks (list items and table rows count as blocks), never
 * inside a code block.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

export const MAX_CHUNK_TOKENS = 800;
/** The id Starlight gives the page's H1; the lead chunk's URL points at it. */
export const LEAD_ANCHOR = '_top';

/** About four characters per token for English prose and shell: good enough to budget a context window. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);
export const countWords = (text: string) => text.match(/\S+/g)?.length ?? 0;

export interface CodeBlock {
	lang: string | null;
	value: string;
}

export interface DocChunk {
	id: string;
	docId: string;
	url: string;
	anchor: string;
	part: number;
	headingPath: string[];
	text: string;
	code: CodeBlock[];
	tokens: number;
	prev: string | null;
	next: string | null;
}

type Node = any;

/** Plain text of a block: prose without markup, lists as `- item`, tables as `a | b` rows, code verbatim. */
export function plainText(node: Node): string {
	switch (node.type) {
		case 'code':
			return node.value;
		case 'thematicBreak':
		case 'definition':
			return '';
		case 'html':
			return node.value.replace(/<[^>]+>/g, '').trim();
		case 'table':
			return node.children.map((row: Node) => row.children.map((c: Node) => toString(c)).join(' | ')).join('\n');
		case 'list':
			return node.children
				.map((item: Node, i: number) => {
					const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
					const body = blocksText(item.children);
					return marker + body.replace(/\n/g, '\n' + ' '.repeat(marker.length));
				})
				.join('\n');
		case 'blockquote':
		case 'listItem':
		case 'footnoteDefinition':
			return blocksText(node.children);
		default:
			return toString(node);
	}
}

const blocksText = (nodes: Node[]) => nodes.map(plainText).filter((t) => t !== '').join('\n');

function codeBlocks(node: Node, out: CodeBlock[] = []): CodeBlock[] {
	if (node.type === 'code') out.push({ lang: node.lang ?? null, value: node.value });
	for (const child of node.children ?? []) codeBlocks(child, out);
	return out;
}

interface Unit {
	text: string;
	code: CodeBlock[];
	/** Units of one block join with a newline, blocks with a blank line. */
	block: number;
}

function unitsOf(nodes: RootContent[]): Unit[] {
	const units: Unit[] = [];
	nodes.forEach((node: Node, block) => {
		const whole = plainText(node);
		if (whole === '') return;
		if (estimateTokens(whole) > MAX_CHUNK_TOKENS && (node.type === 'list' || node.type === 'table')) {
			// A long list or table may be cut between items or rows; each stays whole.
			const parts = node.type === 'list' ? node.children.map((item: Node, i: number) => ({ ...node, start: (node.start ?? 1) + i, children: [item] })) : node.children.map((row: Node) => ({ ...node, children: [row] }));
			for (const part of parts) units.push({ text: plainText(part), code: codeBlocks(part), block });
			return;
		}
		units.push({ text: whole, code: codeBlocks(node), block });
	});
	return units;
}

const joinUnits = (units: Unit[]) => units.map((u, i) => (i === 0 ? '' : u.block === units[i - 1]!.block ? '\n' : '\n\n') + u.text).join('');

function pack(units: Unit[]): Unit[][] {
	const parts: Unit[][] = [];
	let current: Unit[] = [];
	for (const unit of units) {
		if (current.length > 0 && estimateTokens(joinUnits([...current, unit])) > MAX_CHUNK_TOKENS) {
			parts.push(current);
			current = [];
		}
		current.push(unit);
	}
	if (current.length > 0) parts.push(current);
	return parts;
}

/**
 * Chunks of one page, in reading order, linked by prev/next. `pageUrl` is the page's absolute URL
 * (ending in `/`); headings must carry `data.anchor` (see clean-tree.ts).
 */
export function chunkDoc(docId: string, title: string, pageUrl: string, tree: Root): DocChunk[] {
	const sections: { anchor: string; path: string[]; nodes: RootContent[] }[] = [{ anchor: LEAD_ANCHOR, path: [title], nodes: [] }];
	let h2: string | undefined;
	for (const node of tree.children) {
		if (node.type === 'heading' && (node.depth === 2 || node.depth === 3)) {
			const text = toString(node);
			if (node.depth === 2) h2 = text;
			const anchor = (node as Heading).data && ((node as Heading).data as { anchor?: string }).anchor;
			if (!anchor) throw new Error(`Heading "${text}" in ${docId} has no anchor; run the tree through cleanTree first`);
			sections.push({ anchor, path: node.depth === 2 || h2 === undefined ? [title, text] : [title, h2, text], nodes: [] });
			continue;
		}
		sections.at(-1)!.nodes.push(node);
	}
	const chunks: DocChunk[] = [];
	for (const section of sections) {
		// A heading with nothing under it before the next (`## Steps` then `### 1. …`) makes no chunk:
		// its text is in the heading path of the chunks below it.
		const parts = pack(unitsOf(section.nodes));
		parts.forEach((units, i) => {
			const text = joinUnits(units);
			chunks.push({
				id: `${docId}#${section.anchor}${i === 0 ? '' : `~${i + 1}`}`,
				docId,
				url: `${pageUrl}#${section.anchor}`,
				anchor: section.anchor,
				part: i + 1,
				headingPath: section.path,
				text,
				code: units.flatMap((u) => u.code),
				tokens: estimateTokens(text),
				prev: null,
				next: null,
			});
		});
	}
	chunks.forEach((c, i) => {
		c.prev = chunks[i - 1]?.id ?? null;
		c.next = chunks[i + 1]?.id ?? null;
	});
	return chunks;
}
