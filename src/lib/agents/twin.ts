/**
 * A page's Markdown twin: a YAML header an agent can read without the index (title, url, type,
 * status, …), the title as H1, then the clean tree serialised with mdast-util-to-markdown.
 */
import type { Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { stringify } from 'yaml';
import { markdownHeading } from './markdown-text.ts';

export interface TwinHeader {
	title: string;
	description: string;
	url: string;
	type: string;
	category: string;
	kind: string;
	status: string;
	version: string;
	last_updated: string;
	tags: string[];
	related: string[];
}

const SERIALISE: Options = {
	// Unpadded tables: column padding costs agents tokens and carries no meaning.
	extensions: [gfmToMarkdown({ tablePipeAlign: false })],
	bullet: '-',
	emphasis: '_',
	strong: '*',
	fence: '`',
	fences: true,
	rule: '-',
	listItemIndent: 'one',
	incrementListMarker: true,
};

/** Markdown of a tree (or a part of one), as the twin writes it. */
export const markdownOf = (tree: Root) => toMarkdown(tree, SERIALISE);

export function renderTwin(header: TwinHeader, body: Root): string {
	// lineWidth 0: never fold a long description, so a header line is always one field.
	const yaml = stringify(header, { lineWidth: 0 }).trimEnd();
	const markdown = markdownOf(body).trim();
	return `---\n${yaml}\n---\n\n${markdownHeading(1, header.title)}\n${markdown ? `\n${markdown}\n` : ''}`;
}
