import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNoticeActivities } from '../../../activities/notices';
import { layoutLetter, letterDate } from '../../../activities/notices/letter';
import { grievanceNotice, silentLogger, tempDir } from './notice-fixtures';
import { parsePdf } from './pdf-reader';

async function printer() {
  const dataDir = await tempDir('data');
  const lettersDir = path.join(dataDir, 'letters');
  const activities = createNoticeActivities({ outboxDir: path.join(dataDir, 'outbox'), logger: silentLogger, notices: { lettersDir } });
  return { lettersDir, dataDir, ...activities };
}

describe('notice letter (PDF for registered mail)', () => {
  it('prints the letterhead, date, every recipient with their postal address, the subject and the filled-in body', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const notice = grievanceNotice('decision');

    const receipt = await printNoticeLetter(notice);

    const deliveryId = `${notice.deliveryId}:letter`;
    const file = path.join(lettersDir, `${encodeURIComponent(deliveryId)}.pdf`);
    expect(receipt).toEqual({ channel: 'letter', deliveryId, duplicate: false, destination: [file] });
    const pdf = parsePdf(await readFile(file));
    expect(pdf.pageCount).toBe(1);
    const lines = pdf.pages[0]!;
    expect(lines.slice(0, 3)).toEqual(['Lakeview Unified', 'October 20, 2026', 'Dana Reyes']);
    expect(lines).toEqual(
      expect.arrayContaining([
        '12 Elm St',
        'Lakeview, MN 55001',
        'Sam Ortiz',
        'Pat Lee',
        'PO Box 9',
        'Lakeview, MN 55002',
        'Re: Decision on grievance G-2026-001 at level 1: denied',
        'Outcome: denied',
        'The observation conference was held within the handbook timeline.',
        `Grievance G-2026-001 \u00b7 ${deliveryId} \u00b7 page 1 of 1`,
      ]),
    );
    expect(lines.indexOf('Lakeview, MN 55001')).toBeLessThan(lines.indexOf('Sam Ortiz'));
    expect(lines.join('\n')).toContain('A grievant who is not satisfied with this decision may appeal it to the next step by');
    expect(lines.join(' ')).toContain('2026-10-28');
    expect(lines.join('\n')).not.toContain('{{');
  });

  it('prints nothing again for a delivery id it already printed', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const notice = grievanceNotice('deadline-missed');
    const first = await printNoticeLetter(notice);
    const printedAt = (await stat(first.destination[0]!)).mtimeMs;

    const retried = await printNoticeLetter(notice);

    expect(retried).toEqual({ ...first, duplicate: true });
    expect(await readdir(lettersDir)).toHaveLength(1);
    expect((await stat(first.destination[0]!)).mtimeMs).toBe(printedAt);
  });

  it('continues a long body on further pages, each footed with its page number', async () => {
    const { printNoticeLetter } = await printer();
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}: the grievant states that ${'the observation report was not shared '.repeat(4)}in time.`);
    const notice = grievanceNotice('filing-receipt');
    const long = { ...notice, facts: { ...notice.facts, statement: paragraphs.join('\n\n') } };

    const receipt = await printNoticeLetter(long);

    const pdf = parsePdf(await readFile(receipt.destination[0]!));
    expect(pdf.pageCount).toBeGreaterThan(2);
    const all = pdf.pages.flat().join(' ');
    for (const n of [1, 20, 40]) expect(all).toContain(`Paragraph ${n}:`);
    pdf.pages.forEach((lines, i) => expect(lines.at(-1)).toMatch(new RegExp(`page ${i + 1} of ${pdf.pageCount}$`)));
    expect(all).toContain('Sent on 2026-10-20.');
  });

  it('writes letters into the outbox folder when no letters folder is configured', async () => {
    const outboxDir = await tempDir('outbox');
    const { printNoticeLetter } = createNoticeActivities({ outboxDir, logger: silentLogger });
    const receipt = await printNoticeLetter(grievanceNotice('case-closed'));
    expect(path.dirname(receipt.destination[0]!)).toBe(path.join(outboxDir, 'letters'));
  });

  it('prints nothing when the notice has no recipient', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const notice = grievanceNotice('action-recorded', { recipients: [] });
    expect(await printNoticeLetter(notice)).toEqual({
      channel: 'letter',
      deliveryId: `${notice.deliveryId}:letter`,
      duplicate: false,
      destination: [],
    });
    await expect(readdir(lettersDir)).rejects.toThrow(/ENOENT/);
  });
});

describe('letter layout', () => {
  const content = { letterhead: 'District', date: 'today', recipients: [{ name: 'A', address: [] }], subject: 'S', footer: 'F' };

  it('keeps every line between the margins of the page', () => {
    const pages = layoutLetter({ ...content, body: Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n') });
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      for (const run of page.texts.slice(0, -1)) {
        expect(run.y).toBeGreaterThanOrEqual(72);
        expect(run.y).toBeLessThanOrEqual(720);
      }
    }
    expect(pages.flatMap((p) => p.texts.map((t) => t.text)).filter((t) => t.startsWith('line '))).toHaveLength(200);
  });

  it.each([
    ['2026-12-07', 'December 7, 2026'],
    ['2027-02-28', 'February 28, 2027'],
    ['next week', 'next week'],
  ])('dates %s as %s', (iso, expected) => {
    expect(letterDate(iso)).toBe(expected);
  });
});
