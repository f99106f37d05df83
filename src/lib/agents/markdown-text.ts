/**
 * Frontmatter text written into Markdown for agents (llms.txt entries, twin titles, section labels).
 * The schema keeps `title` and `description` to one line of plain text; this is the second fence:
 * whatever a value holds, it stays text in the output: serialised by mdast-util-to-markdown, which
 * escapes what Markdown would read as structure (`[x](y)`, `*`, `#`, `<`, …), on one line.
 */
import type { PhrasingContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();
const phrase = (children: PhrasingContent[]) => toMarkdown({ type: 'paragraph', children }).trim();

/** `value` as inline Markdown text that reads back as exactly that text. */
export const markdownText = (value: string): string => phrase([{ type: 'text', value: oneLine(value) }]);

/** A Markdown link whose text is `text`, escaped, to `url`. */
export const markdownLink = (text: string, url: string): string => phrase([{ type: 'link', url, children: [{ type: 'text', value: oneLine(text) }] }]);

/** A heading line (`# …`) of the given depth with `text` escaped. */
export const markdownHeading = (depth: 1 | 2 | 3, text: string): string => toMarkdown({ type: 'heading', depth, children: [{ type: 'text', value: oneLine(text) }] }).trim();
