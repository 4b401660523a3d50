import { expect } from 'vitest';

/** What a PDF says, read back as a reader would: its pages' lines of text and its metadata. */
export interface ParsedPdf {
  readonly pageCount: number;
  /** Per page, its lines top to bottom, each the text of its runs left to right. */
  readonly pages: string[][];
  readonly info: { readonly Title?: string; readonly Subject?: string; readonly Keywords?: string; readonly Producer?: string };
}

interface TextItem {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
}

/**
 * Reads a PDF with Mozilla's pdf.js (the PDF reader of Firefox), not with our own code: each page's text items are
 * gathered into lines by their baseline and ordered by x, with a space where two items stand apart. A file pdf.js
 * cannot open fails the test; so does a file whose text it cannot map back to Unicode (a `?` or an empty glyph
 * where a name was).
 */
export async function parsePdf(pdf: Uint8Array): Promise<ParsedPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const metadata = await document.getMetadata();
    const pages: string[][] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items.filter((item): item is TextItem & typeof item => 'str' in item)));
    }
    expect(document.numPages).toBeGreaterThan(0);
    return { pageCount: document.numPages, pages, info: metadata.info as ParsedPdf['info'] };
  } finally {
    await document.destroy();
  }
}

function linesOf(items: readonly TextItem[]): string[] {
  const rows = new Map<number, TextItem[]>();
  for (const item of items) {
    if (item.str === '') continue;
    const baseline = Math.round(item.transform[5]!);
    const row = [...rows.keys()].find((y) => Math.abs(y - baseline) <= 1) ?? baseline;
    rows.set(row, [...(rows.get(row) ?? []), item]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, row]) => {
      const sorted = row.sort((a, b) => a.transform[4]! - b.transform[4]!);
      let line = '';
      let end: number | undefined;
      for (const item of sorted) {
        const x = item.transform[4]!;
        if (end !== undefined && x - end > 1 && !line.endsWith(' ')) line += ' ';
        line += item.str;
        end = x + item.width;
      }
      return line.trimEnd();
    });
}
