import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdfString, textWidth, winAnsiByte, wrapText, writePdf } from '../../../activities/notices/pdf-writer';
import { parsePdf } from './pdf-reader';

describe('the PDF writer', () => {
  it('writes a PDF 1.4 file whose xref offsets point at each object and whose text reads back', () => {
    const pdf = writePdf(
      [
        { texts: [{ x: 72, y: 720, text: 'First page', font: 'Helvetica-Bold', size: 16 }], rules: [{ x1: 72, y1: 710, x2: 540, y2: 710 }] },
        { texts: [{ x: 72, y: 720, text: 'Second (page) \\ done', font: 'Helvetica', size: 11 }] },
      ],
      { title: 'A (title)' },
    );

    const parsed = parsePdf(pdf);

    expect(parsed.pageCount).toBe(2);
    expect(parsed.pages).toEqual([['First page'], ['Second (page) \\ done']]);
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica /Encoding /WinAnsiEncoding');
    expect(pdf.toString('latin1')).toContain('/Title (A \\(title\\))');
  });

  it('writes the same bytes for the same pages', () => {
    const pages = [{ texts: [{ x: 72, y: 700, text: 'Same', font: 'Helvetica' as const, size: 11 }] }];
    expect(writePdf(pages).equals(writePdf(pages))).toBe(true);
  });

  it('refuses to write a document without pages', () => {
    expect(() => writePdf([])).toThrow(/at least one page/);
  });

  it.each([
    ['plain text', 'Hello', '(Hello)'],
    ['parentheses and backslashes', 'a (b) \\c', '(a \\(b\\) \\\\c)'],
    ['Latin-1 letters as octal WinAnsi bytes', 'Zoë Núñez', '(Zo\\353 N\\372\\361ez)'],
    ['typographic punctuation from the WinAnsi extras', '\u2018quoted\u2019 \u2014 \u20ac5', '(\\221quoted\\222 \\227 \\2005)'],
    ['characters WinAnsi lacks as a question mark', 'Ω ✓', '(? ?)'],
    ['tabs and line breaks as spaces', 'a\tb\nc', '(a b c)'],
  ])('escapes %s', (_name, text, literal) => {
    expect(pdfString(text)).toBe(literal);
  });

  it('reads escaped WinAnsi text back as the same text', () => {
    const text = 'Zoë Núñez — “Re: (appeal)” \\ 5 €';
    const parsed = parsePdf(writePdf([{ texts: [{ x: 72, y: 700, text, font: 'Helvetica', size: 11 }] }]));
    expect(parsed.pages[0]).toEqual([text]);
  });

  it('measures text with the Helvetica metrics', () => {
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 units; at 12 pt, 27.336 pt.
    expect(textWidth('Hello', 'Helvetica', 12)).toBeCloseTo(27.336, 6);
    // Bold: H 722 + e 556 + l 278 + l 278 + o 611 = 2445.
    expect(textWidth('Hello', 'Helvetica-Bold', 10)).toBeCloseTo(24.45, 6);
    expect(textWidth('@', 'Helvetica', 1000)).toBe(1015);
    expect(winAnsiByte('\u2014')).toBe(0x97);
  });

  it('wraps at spaces within the width, splitting only words wider than a line', () => {
    expect(wrapText('the quick brown fox jumps', 'Helvetica', 10, 60)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapText('', 'Helvetica', 10, 60)).toEqual(['']);
    expect(wrapText('  indented text', 'Helvetica', 10, 400)).toEqual(['  indented text']);
    const long = wrapText('x'.repeat(50), 'Helvetica', 10, 60);
    expect(long.join('')).toBe('x'.repeat(50));
    expect(long.length).toBeGreaterThan(1);
  });

  it('never wraps a line wider than the width and never loses a word', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }).filter((w) => !/\s/.test(w)), { maxLength: 40 }), fc.integer({ min: 40, max: 468 }), (words, width) => {
        const lines = wrapText(words.join(' '), 'Helvetica', 11, width);
        for (const line of lines) expect(textWidth(line, 'Helvetica', 11)).toBeLessThanOrEqual(width);
        expect(lines.join(' ').split(/\s+/).filter(Boolean).join('')).toBe(words.join(''));
      }),
    );
  });
});
