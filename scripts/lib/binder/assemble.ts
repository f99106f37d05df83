/**
 * Joins the printed table of contents and pages into one PDF with pdf-lib: numbers every page of
 * the whole binder (Chromium numbers each printed page from 1; only the joined file knows the total)
 * and writes metadata from the build stamp, never the clock, so one commit gives one file.
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

export interface BinderPart {
	title: string;
	pdf: Uint8Array;
}

export const pageCount = async (pdf: Uint8Array): Promise<number> => (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();

/** `Page 3 of 41`: drawn in the bottom right corner, inside the margin Chromium's footer leaves free. */
export const pageLabel = (n: number, total: number) => `Page ${n} of ${total}`;

export async function assembleBinder({ parts, builtAt, title }: { parts: readonly BinderPart[]; builtAt: string; title: string }): Promise<Uint8Array> {
	const binder = await PDFDocument.create({ updateMetadata: false });
	for (const part of parts) {
		const source = await PDFDocument.load(part.pdf, { updateMetadata: false });
		const pages = await binder.copyPages(source, source.getPageIndices());
		for (const page of pages) binder.addPage(page);
	}
	const font = await binder.embedFont(StandardFonts.Helvetica);
	const pages = binder.getPages();
	pages.forEach((page, i) => {
		const label = pageLabel(i + 1, pages.length);
		const size = 8;
		const { width } = page.getSize();
		// 12 mm from the right edge, 5 mm from the bottom: the footer band (see FOOTER_TEMPLATE).
		page.drawText(label, { x: width - 34 - font.widthOfTextAtSize(label, size), y: 14, size, font, color: rgb(0.2, 0.2, 0.2) });
	});
	const date = new Date(builtAt);
	binder.setTitle(title, { showInWindowTitleBar: true });
	binder.setAuthor('NeoTool SRE Team');
	binder.setSubject('Runbooks for when the docs site, the cluster or the network is down');
	binder.setKeywords(['disaster recovery', 'runbook', 'NeoTool']);
	binder.setCreator('NeoTool docs build (scripts/lib/dr-binder.ts)');
	binder.setProducer('Chromium (playwright-core) and pdf-lib');
	binder.setLanguage('en');
	binder.setCreationDate(date);
	binder.setModificationDate(date);
	return binder.save({ useObjectStreams: false });
}
