import path from 'node:path';
import type { Notice, NoticeReceipt } from '../../src/domain/notices/notice';
import type { Logger } from '../../src/logger';
import { channelDeliveryId, createExclusive, deliveryFileName, receipt } from './delivery';
import { PAGE_HEIGHT, PAGE_WIDTH, wrapText, writePdf, type PdfFont, type PdfPage, type PdfTextRun } from './pdf-writer';
import type { RenderedNotice } from './render-template';

export interface LetterContent {
  /** The district, at the top of the first page. */
  readonly letterhead: string;
  readonly date: string;
  readonly recipients: readonly { readonly name: string; readonly address: readonly string[] }[];
  readonly subject: string;
  readonly body: string;
  /** At the foot of every page, followed by "page i of n". */
  readonly footer: string;
}

const MARGIN = 72;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const TOP = PAGE_HEIGHT - MARGIN;
const BOTTOM = MARGIN;
const FOOTER_Y = 40;

interface Line {
  readonly text: string;
  readonly font: PdfFont;
  readonly size: number;
  /** Distance to the next baseline. */
  readonly leading: number;
}

function paragraph(text: string, font: PdfFont, size: number, leading: number): Line[] {
  return text.split('\n').flatMap((source) => wrapText(source, font, size, TEXT_WIDTH).map((t) => ({ text: t, font, size, leading })));
}

const BLANK: Line = { text: '', font: 'Helvetica', size: 11, leading: 14 };

/**
 * Lays a letter out on US Letter pages: letterhead and rule, date, the recipients' names and postal addresses,
 * the subject in bold, the body wrapped to the margins, continuing on as many pages as it takes, each page footed
 * with the delivery and "page i of n".
 */
export function layoutLetter(content: LetterContent): PdfPage[] {
  const flow: Line[] = [
    ...paragraph(content.date, 'Helvetica', 11, 14),
    BLANK,
    ...content.recipients.flatMap((r, i) => [
      ...(i > 0 ? [BLANK] : []),
      ...paragraph(r.name, 'Helvetica', 11, 14),
      ...r.address.flatMap((line) => paragraph(line, 'Helvetica', 11, 14)),
    ]),
    BLANK,
    BLANK,
    ...paragraph(`Re: ${content.subject}`, 'Helvetica-Bold', 11, 14),
    BLANK,
    ...paragraph(content.body.replace(/\n+$/, ''), 'Helvetica', 11, 15),
  ];

  const letterhead = paragraph(content.letterhead, 'Helvetica-Bold', 16, 20);
  const pages: { texts: PdfTextRun[]; rules: PdfPage['rules'] }[] = [];
  let texts: PdfTextRun[] = [];
  let y = TOP;
  for (const line of letterhead) {
    texts.push({ x: MARGIN, y, ...line });
    y -= line.leading;
  }
  const ruleY = y + 12;
  pages.push({ texts, rules: [{ x1: MARGIN, y1: ruleY, x2: PAGE_WIDTH - MARGIN, y2: ruleY }] });
  y = ruleY - 24;

  for (const line of flow) {
    if (y < BOTTOM) {
      if (line.text === '') continue; // no blank line at the top of a page
      texts = [];
      pages.push({ texts, rules: [] });
      y = TOP;
    }
    if (line.text !== '') texts.push({ x: MARGIN, y, text: line.text, font: line.font, size: line.size });
    y -= line.leading;
  }

  return pages.map((page, i) => ({
    rules: page.rules,
    texts: [
      ...page.texts,
      { x: MARGIN, y: FOOTER_Y, text: `${content.footer} \u00b7 page ${i + 1} of ${pages.length}`, font: 'Helvetica', size: 8 },
    ],
  }));
}

/** `2026-12-07` as "December 7, 2026"; anything else as it is. */
export function letterDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  const date = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : date.toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
}

const CASE_TYPE_LABEL: Readonly<Record<Notice['caseType'], string>> = {
  grievance: 'Grievance',
  par: 'PAR case',
  'assistance-plan': 'Assistance plan',
  'improvement-plan': 'Improvement plan',
};

/**
 * Letter: the notice as a printable PDF for registered mail, written to the letters folder as
 * `<encodeURIComponent(deliveryId)>.pdf`, created exclusively: a retried attempt finds it (`duplicate: true`).
 */
export function createLetterPrinter(options: { lettersDir: string; logger: Logger }) {
  const { lettersDir, logger } = options;

  return async function printLetter(notice: Notice, rendered: RenderedNotice): Promise<NoticeReceipt> {
    const deliveryId = channelDeliveryId(notice, 'letter');
    if (notice.recipients.length === 0) {
      logger.debug({ deliveryId }, 'notice has no recipient: no letter printed');
      return receipt('letter', deliveryId, false, []);
    }
    const pages = layoutLetter({
      letterhead: notice.facts.district || notice.district,
      date: letterDate(notice.facts.today || new Date().toISOString().slice(0, 10)),
      recipients: notice.recipients.map((r) => ({ name: r.name, address: r.postalAddress ?? [] })),
      subject: rendered.subject,
      body: rendered.text,
      footer: `${CASE_TYPE_LABEL[notice.caseType]} ${notice.caseId} \u00b7 ${deliveryId}`,
    });
    const file = path.join(lettersDir, deliveryFileName(deliveryId, '.pdf'));
    const created = await createExclusive(file, writePdf(pages, { title: rendered.subject }));
    if (created) logger.info({ deliveryId, caseId: notice.caseId, file, pages: pages.length }, 'notice letter printed');
    else logger.info({ deliveryId, file }, 'notice letter already printed');
    return receipt('letter', deliveryId, !created, [file]);
  };
}
