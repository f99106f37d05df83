/**
 * Runbooks share one shape so an on-call engineer finds the same parts in the same place:
 * RUNBOOK_SECTIONS as H2s, in order (other H2s may sit between). `runbook-sections`.
 * Scaffold lines left by `npm run new` mean a section was never written. `runbook-scaffold`.
 */
import type { Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { distance } from 'fastest-levenshtein';
import { visit } from 'unist-util-visit';
import { RUNBOOK_SECTIONS } from '../../../schemas/kind.ts';
import type { FrontmatterResult } from '../../../src/lib/frontmatter.ts';
import type { HeadingInfo } from '../../../src/lib/markdown.ts';
import { SCAFFOLD_MARKER } from '../../new/marker.ts';
import type { Report } from '../types.ts';

const norm = (text: string) => text.trim().replace(/[:.]$/, '').toLowerCase();
/** Letters and digits only: `Roll back`, `roll-back` and `Rollback` are one name. */
const compact = (text: string) => norm(text).replace(/[^a-z0-9]/g, '');
/** A heading meant as `section`: the same name but for spaces, hyphens and case, or at most two letters apart (`Prerequisite`, `Troubleshoting`). */
const nearMiss = (text: string, section: string) => {
	const a = compact(text);
	const b = compact(section);
	return a === b || (b.length >= 5 && distance(a, b) <= 2);
};

/**
 * `kindAt` is where the frontmatter `kind` key is, so a missing section is reported on the line that
 * makes the page a runbook.
 */
export function checkRunbookSections(headings: HeadingInfo[], kindAt: { line: number; column: number }, report: Report): void {
	const h2 = headings.filter((h) => h.depth === 2);
	const wanted = RUNBOOK_SECTIONS.map(norm);
	const found = h2.map((h) => ({ heading: h, index: wanted.indexOf(norm(h.text)) })).filter((x) => x.index !== -1);
	const order = RUNBOOK_SECTIONS.map((s) => `\`${s}\``).join(', ');
	const others = h2.filter((h) => wanted.indexOf(norm(h.text)) === -1);
	for (const [index, section] of RUNBOOK_SECTIONS.entries()) {
		if (!found.some((f) => f.index === index)) {
			const meant = others.find((h) => nearMiss(h.text, section));
			if (meant) {
				report('runbook-sections', 'error', meant, `Unexpected \`## ${meant.text}\`, expected the runbook section \`## ${section}\` (did you mean \`${section}\`?)`);
				continue;
			}
			report('runbook-sections', 'error', kindAt, `Unexpected runbook without a \`## ${section}\` section, expected the H2 sections ${order}`);
		}
	}
	// First occurrence of each section; a section whose position breaks the order is reported at its heading.
	const firsts = found.filter((f, i) => found.findIndex((g) => g.index === f.index) === i);
	let last: (typeof firsts)[number] | undefined;
	for (const entry of firsts) {
		if (last && entry.index < last.index) {
			report('runbook-sections', 'error', entry.heading, `Unexpected \`## ${entry.heading.text}\` after \`## ${last.heading.text}\`, expected the runbook order ${order}`);
			continue;
		}
		last = entry;
	}
}

/** Paragraphs (and a `description`) that are still the scaffold's placeholder, in any kind of page. */
export function checkScaffold(root: Root, source: string, fm: FrontmatterResult, report: Report): void {
	const description = fm.raw?.description;
	if (typeof description === 'string' && description.startsWith(SCAFFOLD_MARKER)) {
		report('runbook-scaffold', 'error', fm.locate(['description']), `Unexpected scaffold placeholder in \`description\`, expected one sentence saying what the page is for`);
	}
	// A placeholder paragraph has the marker's word in the file (escaped or not); most pages have none.
	if (!source.includes(SCAFFOLD_MARKER.replace(/\W+$/, ''))) return;
	visit(root, 'paragraph', (node: Paragraph) => {
		const text = toString(node).trim();
		if (!text.startsWith(SCAFFOLD_MARKER)) return;
		const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
		const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
		report('runbook-scaffold', 'error', at, `Unexpected scaffold placeholder \`${shown}\`, expected the section's real content (replace the ${SCAFFOLD_MARKER} line)`);
	});
}
