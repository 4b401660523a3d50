import { expect } from 'vitest';

/** Decodes a PDF literal string body (between the parentheses): escapes, octal bytes, WinAnsi to Unicode. */
function decodeLiteral(literal: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < literal.length; i += 1) {
    const c = literal[i]!;
    if (c !== '\\') {
      bytes.push(c.charCodeAt(0));
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(literal.slice(i + 1))?.[0];
    if (octal) {
      bytes.push(parseInt(octal, 8));
      i += octal.length;
    } else {
      const next = literal[i + 1]!;
      bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return bytes.map((b) => WIN_ANSI_80_9F[b - 0x80] ?? String.fromCharCode(b)).join('');
}

// WinAnsiEncoding (Windows-1252) 0x80-0x9F, where it differs from Latin-1 (PDF 1.4, appendix D).
const WIN_ANSI_80_9F: readonly (string | undefined)[] = [
  '€', undefined, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', undefined, 'Ž', undefined,
  undefined, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', undefined, 'ž', 'Ÿ',
];

export interface ParsedPdf {
  readonly pageCount: number;
  /** Per page, the text runs of its content stream in order. */
  readonly pages: string[][];
  readonly objectCount: number;
}

/**
 * Reads a PDF written by our writer back the way a reader would start: the header, `startxref`, the xref table
 * (every in-use entry must point at `<n> 0 obj`), the page tree, each page's content stream (its /Length must be
 * its byte length) and the `(...) Tj` strings in it. Fails the test on any inconsistency.
 */
export function parsePdf(pdf: Buffer): ParsedPdf {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);

  const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
  expect(first).toBe('0');
  const entriesAt = startxref + `xref\n0 ${count}\n`.length;
  const objects = new Map<number, string>();
  for (let id = 0; id < Number(count); id += 1) {
    const entry = text.slice(entriesAt + 20 * id, entriesAt + 20 * (id + 1));
    expect(entry).toMatch(/^\d{10} \d{5} [nf] \n$/);
    if (entry[17] !== 'n') continue;
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${id} 0 obj`.length)).toBe(`${id} 0 obj`);
    objects.set(id, text.slice(offset, text.indexOf('\nendobj\n', offset)));
  }
  expect(text).toContain(`trailer\n<< /Size ${count} /Root 1 0 R`);

  const root = objects.get(1)!;
  const pagesRef = Number(/\/Pages (\d+) 0 R/.exec(root)?.[1]);
  const tree = objects.get(pagesRef)!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(tree)![1]!.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  expect(Number(/\/Count (\d+)/.exec(tree)?.[1])).toBe(kids.length);

  const pages = kids.map((kid) => {
    const page = objects.get(kid)!;
    expect(page).toContain('/Type /Page ');
    const stream = objects.get(Number(/\/Contents (\d+) 0 R/.exec(page)?.[1]))!;
    const length = Number(/\/Length (\d+)/.exec(stream)?.[1]);
    const start = stream.indexOf('stream\n') + 'stream\n'.length;
    expect(stream.slice(start + length)).toBe('endstream');
    const content = stream.slice(start, start + length);
    return [...content.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((m) => decodeLiteral(m[1]!));
  });
  return { pageCount: kids.length, pages, objectCount: Number(count) };
}
