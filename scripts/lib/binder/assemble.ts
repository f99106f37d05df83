/**
 * Joins the printed table of contents and pages into one PDF with pdf-lib: numbers every page of
 * the whole binder (Chromium numbers each printed page from 1; only the joined file knows the total)
 * and writes metadata from the build stamp, never the clock, so one commit gives one file.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFString, rgb, StandardFonts, type PDFPage, type PDFRef } from 'pdf-lib';
import { PART_LINK } from './toc.ts';

export interface BinderPart {
	title: string;
	/** The printed part, as bytes or already read (each page's PDF is read once: counted, then joined). */
	pdf: Uint8Array | PDFDocument;
}

/** A printed PDF read by pdf-lib, as it is joined. */
export const readPdf = (pdf: Uint8Array): Promise<PDFDocument> => PDFDocument.load(pdf, { updateMetadata: false });

export const pageCount = async (pdf: Uint8Array): Promise<number> => (await readPdf(pdf)).getPageCount();

/** `Page 3 of 41`: drawn in the bottom right corner, inside the margin Chromium's footer leaves free. */
export const pageLabel = (n: number, total: number) => `Page ${n} of ${total}`;

/**
 * One bookmark per part, to its first page: a PDF viewer's sidebar (on a phone, its only way to jump)
 * lists the binder's pages. pdf-lib has no API for outlines; this is the PDF 1.7 structure (§12.3.3):
 * an /Outlines dictionary and a flat, doubly linked list of items, each with a /Dest to a page.
 */
function addOutline(doc: PDFDocument, entries: ReadonlyArray<{ title: string; ref: PDFRef }>): void {
	if (entries.length === 0) return;
	const root = doc.context.nextRef();
	const items = entries.map(() => doc.context.nextRef());
	entries.forEach((entry, i) => {
		const item = doc.context.obj({});
		item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
		item.set(PDFName.of('Parent'), root);
		item.set(PDFName.of('Dest'), doc.context.obj([entry.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
		if (i > 0) item.set(PDFName.of('Prev'), items[i - 1]!);
		if (i < items.length - 1) item.set(PDFName.of('Next'), items[i + 1]!);
		doc.context.assign(items[i]!, item);
	});
	const outlines = doc.context.obj({});
	outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
	outlines.set(PDFName.of('First'), items[0]!);
	outlines.set(PDFName.of('Last'), items.at(-1)!);
	outlines.set(PDFName.of('Count'), PDFNumber.of(items.length));
	doc.context.assign(root, outlines);
	doc.catalog.set(PDFName.of('Outlines'), root);
	// Open with the bookmarks shown.
	doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * The contents' links (PART_LINK + index, printed by Chromium as web links over each title) turned
 * into jumps to the first page of the part they name: tapping an entry works on a phone too.
 */
function linkContents(doc: PDFDocument, tocPages: readonly PDFPage[], targets: readonly PDFRef[]): number {
	let linked = 0;
	for (const page of tocPages) {
		const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
		for (let i = 0; annots && i < annots.size(); i++) {
			const annot = annots.lookup(i, PDFDict);
			const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
			const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
			if (!uri?.startsWith(PART_LINK)) continue;
			const target = targets[Number(uri.slice(PART_LINK.length))];
			if (!target) throw new Error(`contents link ${uri} names no part`);
			annot.delete(PDFName.of('A'));
			annot.set(PDFName.of('Dest'), doc.context.obj([target, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
			linked++;
		}
	}
	return linked;
}

/** `parts[0]` is the contents, whose entries link to `parts[1…]` in order. */
export async function assembleBinder({ parts, builtAt, title }: { parts: readonly BinderPart[]; builtAt: string; title: string }): Promise<Uint8Array> {
	const binder = await PDFDocument.create({ updateMetadata: false });
	const starts: Array<{ title: string; ref: PDFRef }> = [];
	let tocPageCount = 0;
	for (const part of parts) {
		const source = part.pdf instanceof PDFDocument ? part.pdf : await readPdf(part.pdf);
		const pages = await binder.copyPages(source, source.getPageIndices());
		for (const page of pages) binder.addPage(page);
		starts.push({ title: part.title, ref: pages[0]!.ref });
		tocPageCount ||= pages.length;
	}
	addOutline(binder, starts);
	// Part 0 is the contents; its entries are the parts after it, in order.
	const linked = linkContents(binder, binder.getPages().slice(0, tocPageCount), starts.slice(1).map((s) => s.ref));
	if (linked !== parts.length - 1) throw new Error(`the contents link ${linked} of ${parts.length - 1} parts`);
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
