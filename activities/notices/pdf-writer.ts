/**
 * A minimal PDF 1.4 writer for printed letters: US Letter pages of text in the standard Helvetica and
 * Helvetica-Bold fonts (every reader has them, nothing is embedded), WinAnsi-encoded, with thin rules; content
 * streams uncompressed, a cross-reference table with exact byte offsets. Deterministic: the same pages give the
 * same bytes. No dependency.
 */

export type PdfFont = 'Helvetica' | 'Helvetica-Bold';

export interface PdfTextRun {
  readonly x: number;
  /** Baseline, from the bottom of the page (PDF user space, 1/72 inch). */
  readonly y: number;
  readonly text: string;
  readonly font: PdfFont;
  readonly size: number;
}

export interface PdfRule {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface PdfPage {
  readonly texts: readonly PdfTextRun[];
  readonly rules?: readonly PdfRule[];
}

/** US Letter, in points. */
export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;

// Unicode → WinAnsiEncoding for the code points 0x80-0x9F that differ from Latin-1.
const WIN_ANSI_EXTRA: Readonly<Record<number, number>> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The WinAnsi byte of a character; `?` for what the encoding lacks, a space for tabs and other controls. */
export function winAnsiByte(char: string): number {
  const code = char.codePointAt(0) ?? 0x3f;
  if (code < 0x20 || code === 0x7f) return 0x20;
  if (code < 0x7f || (code >= 0xa0 && code <= 0xff)) return code;
  return WIN_ANSI_EXTRA[code] ?? 0x3f;
}

/**
 * A PDF literal string `( ... )` of the text in WinAnsi: `(`, `)` and `\` escaped with a backslash, bytes above
 * 0x7E as octal escapes, so the file stays 7-bit and every byte offset is a character offset.
 */
export function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const byte = winAnsiByte(char);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

// Advance widths (1/1000 em) of WinAnsi 0x20-0x7E, from Adobe's Helvetica and Helvetica-Bold AFM files.
const ASCII_WIDTHS: Readonly<Record<PdfFont, readonly number[]>> = {
  Helvetica: [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
  ],
  'Helvetica-Bold': [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
  ],
};
// Beyond ASCII: the widest (ellipsis, per mille, em dash, trademark, OE, oe, AE) at a full em, the others no
// narrower than a lowercase letter or a capital of their range, so wrapping never runs past the margin.
const WIDE = new Set([0x85, 0x89, 0x97, 0x99, 0x8c, 0x9c, 0xc6]);

function byteWidth(byte: number, font: PdfFont): number {
  if (byte >= 0x20 && byte <= 0x7e) return ASCII_WIDTHS[font][byte - 0x20] ?? 556;
  if (WIDE.has(byte)) return 1000;
  if (byte >= 0xc0 && byte <= 0xdf) return 778;
  return font === 'Helvetica' ? 556 : 611;
}

/** The width of `text` in points at `size`. */
export function textWidth(text: string, font: PdfFont, size: number): number {
  let units = 0;
  for (const char of text) units += byteWidth(winAnsiByte(char), font);
  return (units * size) / 1000;
}

/**
 * Breaks one line of text into lines no wider than `maxWidth`: at spaces, and inside a word only when the word
 * alone is wider. Leading indentation is kept on the first line.
 */
export function wrapText(text: string, font: PdfFont, size: number, maxWidth: number): string[] {
  const fits = (s: string) => textWidth(s, font, size) <= maxWidth;
  const lines: string[] = [];
  let current = '';
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  for (const word of text.slice(indent.length).split(/\s+/).filter((w) => w !== '')) {
    const candidate = current === '' ? `${lines.length === 0 ? indent : ''}${word}` : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = 1;
      while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut += 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

const FONT_RESOURCE: Readonly<Record<PdfFont, string>> = { Helvetica: 'F1', 'Helvetica-Bold': 'F2' };

function num(n: number): string {
  return Number(n.toFixed(2)).toString();
}

function contentStream(page: PdfPage): string {
  const ops: string[] = [];
  for (const rule of page.rules ?? []) {
    ops.push(`0.5 w ${num(rule.x1)} ${num(rule.y1)} m ${num(rule.x2)} ${num(rule.y2)} l S`);
  }
  for (const run of page.texts) {
    ops.push(`BT /${FONT_RESOURCE[run.font]} ${num(run.size)} Tf ${num(run.x)} ${num(run.y)} Td ${pdfString(run.text)} Tj ET`);
  }
  return `${ops.join('\n')}\n`;
}

/** Writes the pages as a PDF 1.4 file. */
export function writePdf(pages: readonly PdfPage[], info: { title?: string } = {}): Buffer {
  if (pages.length === 0) throw new Error('a PDF needs at least one page');
  // Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content stream per page.
  const objects: string[] = [];
  const pageRef = (i: number) => 6 + 2 * i;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageRef(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Producer (case-deadlines)${info.title !== undefined ? ` /Title ${pdfString(info.title)}` : ''} >>`;
  pages.forEach((page, i) => {
    const stream = contentStream(page);
    objects[pageRef(i)] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageRef(i) + 1} 0 R >>`;
    objects[pageRef(i) + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`;
  });

  // The binary comment marks the file as binary for transfer programs (PDF 1.4, 7.5.2).
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = offset;
    const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    offset += chunk.length;
  }
  // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, n/f, and a two-byte end of line.
  const xref = [
    'xref',
    `0 ${objects.length}`,
    '0000000000 65535 f ',
    ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n `),
  ].join('\n');
  chunks.push(
    Buffer.from(`${xref}\ntrailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'),
  );
  return Buffer.concat(chunks);
}
