import PDFDocument from 'pdfkit';
import { fontFace, type FontStyle, type Script } from './pdf-fonts';
import { scriptRuns, wrapText } from './text-runs';

/** US Letter, in points (1/72 inch). */
export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;

export interface TextStyle {
  readonly size: number;
  readonly style: FontStyle;
  /** Distance from one line's top to the next. */
  readonly leading: number;
  /** Grey level 0 (black) to 1, for small print. */
  readonly grey?: number | undefined;
}

export interface DocumentSetup {
  readonly title: string;
  /** The case the document belongs to: in the document's metadata (subject, keywords) and on every page. */
  readonly caseId: string;
  readonly subject: string;
  /** The line at the foot of each page; "page i of n" follows it. */
  readonly footer: string;
  /** Margin on every side, in points. */
  readonly margin: number;
  readonly createdAt?: Date | undefined;
}

/**
 * The OpenType features a run is laid out with. Asking for any keeps a run whole (without, pdfkit lays a run out
 * word by word, which sets the words of an Arabic name left to right). Latin text is set without glyph
 * (de)composition: Noto Sans decomposes "ị" into "i" and a dot, and pdfkit's text map would then read every "i" of
 * the document as "ị"; its precomposed glyphs cover every Vietnamese letter. Arabic needs its composition features.
 */
function featuresFor(script: Script): PDFKit.Mixins.OpenTypeFeatures[] | Record<string, boolean> {
  return script === 'latin' ? { kern: true, ccmp: false } : ['kern'];
}

/**
 * A document that flows text down US Letter pages: paragraphs wrapped to the margins in the right font for each
 * script, blocks kept whole on a page, and at the end every page footed with the case and "page i of n". PDF
 * building is CPU work: it runs in activities (letters) and in the packet route, never in workflow code.
 */
export class FlowDocument {
  private readonly doc: PDFKit.PDFDocument;
  private readonly registered = new Set<string>();
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;
  /** Where the next line's top goes on the current page. */
  private y: number;

  constructor(private readonly setup: DocumentSetup) {
    const createdAt = setup.createdAt ?? new Date();
    this.doc = new PDFDocument({
      size: 'LETTER',
      margin: setup.margin,
      bufferPages: true,
      autoFirstPage: true,
      lang: 'en-US',
      displayTitle: true,
      info: {
        Title: setup.title,
        Subject: setup.subject,
        Keywords: `case ${setup.caseId}`,
        Author: 'case-deadlines',
        Creator: 'case-deadlines',
        CreationDate: createdAt,
        ModDate: createdAt,
      },
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.y = setup.margin;
  }

  /** The width between the margins. */
  get width(): number {
    return PAGE_WIDTH - 2 * this.setup.margin;
  }

  get left(): number {
    return this.setup.margin;
  }

  private get bottom(): number {
    return PAGE_HEIGHT - this.setup.margin;
  }

  /** Space below the current line, to the bottom margin. */
  get room(): number {
    return this.bottom - this.y;
  }

  /** Sets the font of a script and style, embedding it (as a subset of the glyphs used) the first time. */
  private use(script: Parameters<typeof fontFace>[0], style: FontStyle, size: number): void {
    const face = fontFace(script, style);
    if (!this.registered.has(face.name)) {
      this.doc.registerFont(face.name, face.bytes);
      this.registered.add(face.name);
    }
    this.doc.font(face.name).fontSize(size);
  }

  /** The width of a text set in a style, each script in its own font. */
  measure(text: string, style: TextStyle): number {
    let width = 0;
    for (const run of scriptRuns(text)) {
      this.use(run.script, style.style, style.size);
      width += this.doc.widthOfString(run.text, { features: featuresFor(run.script) } as PDFKit.Mixins.TextOptions);
    }
    return width;
  }

  /** Draws one line of text with its top at `y`, run by run, without wrapping. */
  textAt(text: string, x: number, y: number, style: TextStyle, color?: string): number {
    let at = x;
    // Every script on the Latin baseline: the Arabic and CJK fonts are taller and would sit lower from the top.
    const baseline = y + fontFace('latin', style.style).ascent * style.size;
    this.doc.fillColor(color ?? greyColor(style.grey));
    for (const run of scriptRuns(text)) {
      this.use(run.script, style.style, style.size);
      const options = { lineBreak: false, baseline: 'alphabetic', features: featuresFor(run.script) } as PDFKit.Mixins.TextOptions;
      // The Arabic font draws some letters as a shared dotless shape and a dot: the glyphs alone cannot say which
      // letter was written (ج or ح). ActualText gives readers that honour it (Acrobat, poppler) the text itself.
      if (run.script === 'arabic') this.doc.markContent('Span', { actual: run.text, lang: 'ar' });
      this.doc.text(run.text, at, baseline, options);
      if (run.script === 'arabic') this.doc.endMarkedContent();
      at += this.doc.widthOfString(run.text, options);
    }
    this.doc.fillColor('black');
    return at - x;
  }

  /** Starts a new page. */
  newPage(): void {
    this.doc.addPage();
    this.y = this.setup.margin;
  }

  /** Moves down; at the bottom of a page, nothing (a page starts at its top). */
  space(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  /** Starts a new page unless `height` points fit below. */
  keep(height: number): void {
    if (height > this.room && this.y > this.setup.margin) this.newPage();
  }

  /**
   * A paragraph: each line of `text` wrapped to the width (less `indent`), flowing onto new pages; `keepWith`
   * points of what follows stay on the page of its first line (a heading with its first lines).
   */
  paragraph(text: string, style: TextStyle, options: { before?: number; indent?: number; keepWith?: number } = {}): void {
    if (options.before) this.space(options.before);
    const indent = options.indent ?? 0;
    const lines = text.split('\n').flatMap((source) => wrapText(source, this.width - indent, (t) => this.measure(t, style)));
    this.keep(Math.min(lines.length, 2) * style.leading + (options.keepWith ?? 0));
    for (const line of lines) {
      this.keep(style.leading);
      if (line !== '') this.textAt(line, this.left + indent, this.y, style);
      this.y += style.leading;
    }
  }

  /** A thin horizontal rule across the text width. */
  rule(gap = 6): void {
    this.space(gap);
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.5).strokeColor('#555555').stroke();
    this.space(gap);
  }

  /** Reserves `height` points (on a new page if need be) and lets `draw` paint them; its top-left corner is given. */
  block(height: number, draw: (canvas: Canvas, x: number, y: number) => void): void {
    this.keep(height);
    draw(this.canvas, this.left, this.y);
    this.y += height;
  }

  /** Drawing primitives for figures, in page coordinates (y downward). */
  private readonly canvas: Canvas = {
    box: (x, y, width, height, fill, stroke) => {
      this.doc.rect(x, y, width, height);
      if (fill && stroke) this.doc.lineWidth(0.6).fillAndStroke(fill, stroke);
      else if (fill) this.doc.fill(fill);
      else if (stroke) this.doc.lineWidth(0.6).stroke(stroke);
    },
    line: (x1, y1, x2, y2, color, width = 0.6) => {
      this.doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(color).stroke();
    },
    text: (text, x, y, style, color) => this.textAt(text, x, y, style, color),
    centred: (text, x, y, width, style, color) => {
      this.textAt(text, x + (width - this.measure(text, style)) / 2, y, style, color);
    },
    measure: (text, style) => this.measure(text, style),
  };

  /** Foots every page with the case and "page i of n", and answers the PDF file. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    const footer: TextStyle = { size: 8, style: 'regular', leading: 10, grey: 0.35 };
    for (let i = 0; i < range.count; i += 1) {
      this.doc.switchToPage(range.start + i);
      const text = `${this.setup.footer} \u00b7 page ${i + 1} of ${range.count}`;
      // Below the bottom margin: pdfkit adds no page for text placed there with lineBreak off.
      const lines = wrapText(text, this.width, (t) => this.measure(t, footer));
      lines.forEach((line, n) => this.textAt(line, this.left, PAGE_HEIGHT - this.setup.margin + 14 + n * footer.leading, footer));
    }
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}

/** What a figure may draw with. */
export interface Canvas {
  box(x: number, y: number, width: number, height: number, fill?: string, stroke?: string): void;
  line(x1: number, y1: number, x2: number, y2: number, color: string, width?: number): void;
  /** Draws a line of text with its top-left at (x, y); answers its width. */
  text(text: string, x: number, y: number, style: TextStyle, color?: string): number;
  centred(text: string, x: number, y: number, width: number, style: TextStyle, color?: string): void;
  measure(text: string, style: TextStyle): number;
}

function greyColor(grey: number | undefined): string {
  const level = Math.round((grey ?? 0) * 255).toString(16).padStart(2, '0');
  return `#${level}${level}${level}`;
}
