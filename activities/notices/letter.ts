import path from 'node:path';
import type { Notice, NoticeDeadline, NoticeReceipt } from '../../src/domain/notices/notice';
import type { Logger } from '../../src/logger';
import { channelDeliveryId, createExclusive, deliveryFileName, receipt } from './delivery';
import { drawDeadlineFigure } from './pdf/deadline-figure';
import { FlowDocument, type TextStyle } from './pdf/flow-document';
import type { RenderedNotice } from './render-template';

export interface LetterContent {
  /** The district, at the top of the first page. */
  readonly letterhead: string;
  readonly date: string;
  readonly recipients: readonly { readonly name: string; readonly address: readonly string[] }[];
  readonly subject: string;
  readonly body: string;
  /** The case, in the document's metadata and at the foot of every page with "page i of n". */
  readonly caseId: string;
  readonly footer: string;
  /** The deadline the letter is about: pictured after the body as a month calendar of its count. */
  readonly deadline?: NoticeDeadline | undefined;
}

const MARGIN = 72;

const STYLES = {
  letterhead: { size: 16, style: 'bold', leading: 20 },
  text: { size: 11, style: 'regular', leading: 15 },
  subject: { size: 11, style: 'bold', leading: 15 },
} as const satisfies Record<string, TextStyle>;

/**
 * A letter on US Letter pages: letterhead and rule, date, the recipients' names and postal addresses, the subject
 * in bold, the body wrapped to the margins over as many pages as it takes, the deadline it is about pictured day by
 * day, every page footed with the case, the delivery and "page i of n". Every name and text prints in its own
 * script (Noto Sans, Arabic, SC).
 */
export async function letterPdf(content: LetterContent): Promise<Buffer> {
  const doc = new FlowDocument({ title: content.subject, subject: content.footer, caseId: content.caseId, footer: content.footer, margin: MARGIN });
  doc.paragraph(content.letterhead, STYLES.letterhead);
  doc.rule(4);
  doc.space(12);
  doc.paragraph(content.date, STYLES.text);
  doc.space(STYLES.text.leading);
  content.recipients.forEach((r, i) => {
    doc.paragraph([r.name, ...r.address].join('\n'), STYLES.text, { before: i > 0 ? STYLES.text.leading : 0 });
  });
  doc.space(2 * STYLES.text.leading);
  doc.paragraph(`Re: ${content.subject}`, STYLES.subject);
  doc.space(STYLES.text.leading);
  doc.paragraph(content.body.replace(/\n+$/, ''), STYLES.text);
  if (content.deadline) drawDeadlineFigure(doc, content.deadline);
  return doc.finish();
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
  tap: 'Teacher Assistance Plan',
  'assistance-plan': 'Assistance plan',
  'improvement-plan': 'Improvement plan',
  'observation-cycle': 'Observation cycle',
};

/**
 * Letter: the notice as a printable PDF for registered mail, written to the letters folder as
 * `<encodeURIComponent(deliveryId)>.pdf`, created exclusively: a retried attempt finds it (`duplicate: true`).
 * The receipt names the file, not the server's path to it: receipts go into the case history and its packet.
 */
export function createLetterPrinter(options: { lettersDir: string; logger: Logger }) {
  const { lettersDir, logger } = options;

  return async function printLetter(notice: Notice, rendered: RenderedNotice): Promise<NoticeReceipt> {
    const deliveryId = channelDeliveryId(notice, 'letter');
    if (notice.recipients.length === 0) {
      logger.debug({ deliveryId }, 'notice has no recipient: no letter printed');
      return receipt('letter', deliveryId, false, [], 'no recipient');
    }
    const name = deliveryFileName(deliveryId, '.pdf');
    const file = path.join(lettersDir, name);
    const pdf = await letterPdf({
      letterhead: notice.facts.district || notice.district,
      date: letterDate(notice.facts.today || new Date().toISOString().slice(0, 10)),
      recipients: notice.recipients.map((r) => ({ name: r.name, address: r.postalAddress ?? [] })),
      subject: rendered.subject,
      body: rendered.text,
      caseId: notice.caseId,
      footer: `${CASE_TYPE_LABEL[notice.caseType]} ${notice.caseId} \u00b7 ${deliveryId}`,
      deadline: notice.deadline,
    });
    const created = await createExclusive(file, pdf);
    if (created) logger.info({ deliveryId, caseId: notice.caseId, file }, 'notice letter printed');
    else logger.info({ deliveryId, file }, 'notice letter already printed');
    return receipt('letter', deliveryId, !created, [name]);
  };
}
