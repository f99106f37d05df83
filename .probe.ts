import { readFileSync, readdirSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
const files: string[] = [];
for (const d of readdirSync('/tmp/corp')) for (const f of readdirSync(`/tmp/corp/${d}`)) files.push(readFileSync(`/tmp/corp/${d}/${f}`, 'utf8'));
const v: Record<string, any> = {
  none: {},
  table: { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] },
  autolinkMicromarkOnly: { extensions: [gfmAutolinkLiteral()], mdastExtensions: [] },
  autolink: { extensions: [gfmAutolinkLiteral()], mdastExtensions: [gfmAutolinkLiteralFromMarkdown()] },
  gfm: { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] },
};
for (const round of [1, 2]) for (const [name, o] of Object.entries(v)) {
  const s = performance.now();
  for (const f of files) fromMarkdown(f, o);
  console.log(round, name, ((performance.now() - s)).toFixed(0));
}
