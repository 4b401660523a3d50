import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNoticeActivities } from '../../../activities/notices';
import { letterDate, letterPdf } from '../../../activities/notices/letter';
import type { NoticeDeadline } from '../../../src/domain/notices/notice';
import { grievanceNotice, silentLogger, tempDir } from './notice-fixtures';
import { parsePdf } from './pdf-reader';

async function printer() {
  const dataDir = await tempDir('data');
  const lettersDir = path.join(dataDir, 'letters');
  const activities = createNoticeActivities({ outboxDir: path.join(dataDir, 'outbox'), logger: silentLogger, notices: { lettersDir } });
  return { lettersDir, dataDir, ...activities };
}

/** The appeal window of a level 1 decision on Wednesday, October 21, 2026, as the case clock counts it. */
const appealDeadline: NoticeDeadline = {
  label: 'appeal to level 2 due',
  rule: 'GRV-APPEAL-5',
  trigger: '2026-10-21',
  unit: 'school-day',
  count: 5,
  due: '2026-10-28',
  dueAt: '2026-10-29T04:59:59.000Z',
  timeZone: 'America/Chicago',
  skipped: [{ from: '2026-10-24', to: '2026-10-25', reason: 'weekend' }],
};

describe('notice letter (PDF for registered mail)', () => {
  it('prints the letterhead, date, every recipient with their postal address, the subject and the filled-in body', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const notice = grievanceNotice('decision');

    const receipt = await printNoticeLetter(notice);

    const deliveryId = `${notice.deliveryId}:letter`;
    const name = `${encodeURIComponent(deliveryId)}.pdf`;
    // The receipt names the file, not the server's path to it: receipts go into the history and the packet.
    expect(receipt).toEqual({ channel: 'letter', deliveryId, duplicate: false, destination: [name] });
    const pdf = await parsePdf(await readFile(path.join(lettersDir, name)));
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
    expect(lines.join(' ')).toContain('Appeal by: Wednesday, October 28, 2026, until 11:59 p.m. (America/Chicago time)');
    expect(lines.join('\n')).not.toContain('{{');
    // Tagged with the case: in the document's metadata as on every page.
    expect(pdf.info).toMatchObject({ Title: 'Decision on grievance G-2026-001 at level 1: denied', Keywords: 'case G-2026-001' });
  });

  it('prints names and texts in any script as themselves: Latin with diacritics, CJK, Arabic', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const notice = grievanceNotice('decision');
    const names = { vietnamese: 'Nguyễn Thị Minh', chinese: '王小明', arabic: 'محمد عبد الله' };
    const decisionText = `Le grief de ${names.vietnamese} est rejeté. 决定：会议已按时举行。 قرار اللجنة نهائي.`;

    await printNoticeLetter({
      ...notice,
      facts: { ...notice.facts, grievants: Object.values(names).join(', '), decisionText },
      recipients: [
        { name: names.vietnamese, role: 'grievant', audience: 'grievant-side', postalAddress: ['12 Elm St'] },
        { name: names.chinese, role: 'grievant', audience: 'grievant-side', postalAddress: ['北京市朝阳区建国路 88 号'] },
        { name: names.arabic, role: 'grievant', audience: 'grievant-side', postalAddress: ['PO Box 9'] },
      ],
    });

    const pdf = await parsePdf(await readFile(path.join(lettersDir, (await readdir(lettersDir))[0]!)));
    const lines = pdf.pages.flat();
    const text = lines.join('\n');
    expect(lines).toContain(names.vietnamese);
    expect(lines).toContain(names.chinese);
    expect(lines).toContain('北京市朝阳区建国路 88 号');
    expect(text).toContain('Le grief de Nguyễn Thị Minh est rejeté.');
    expect(text).toContain('决定：会议已按时举行。');
    // Arabic is shaped by the font (joined letters, right to left), as glyphs. The font draws some letters as a
    // dotless shape and a dot: pdf.js, which reads glyphs and not the ActualText the letter carries for each Arabic
    // run, reads the dot as a control character and a dotless shape as the first letter it stood for (ج as ح).
    // This name has no such pair: without the control characters it reads back as written.
    const arabicLines = lines.map((line) => line.replace(/\p{Cc}/gu, ''));
    expect(arabicLines).toContain(names.arabic);
    expect(lines.find((line) => line.startsWith('Le grief de'))).toMatch(/\p{Script=Arabic}{4}/u);
    expect(text).not.toMatch(/\?\?|Nguy\?n/);
  });

  it('pictures the deadline it is about as a month calendar: day X, the counted days numbered, the skipped days and why, the due day', async () => {
    const { lettersDir, printNoticeLetter } = await printer();

    await printNoticeLetter(grievanceNotice('decision', { deadline: appealDeadline }));

    const pdf = await parsePdf(await readFile(path.join(lettersDir, (await readdir(lettersDir))[0]!)));
    const lines = pdf.pages.flat();
    expect(lines).toContain('appeal to level 2 due (GRV-APPEAL-5): 5 school days, day by day');
    expect(lines).toContain('October 2026');
    expect(lines).toContain('S M T W T F S');
    // The week of the decision: Sunday 18 to Saturday 24; day X on Wednesday 21, then 1, 2, and the weekend.
    expect(lines).toEqual(expect.arrayContaining(['18 19 20', '21 22 23 24', 'X 1 2 W', '25 26 27 28', 'W 3 4 5']));
    expect(lines.join(' ')).toContain('Counted: 5 school days. Due: Wednesday, October 28, 2026, until 11:59 p.m. (America/Chicago time).');
    expect(lines.join(' ')).toContain('Not counted: October 24 to 25, 2026, weekend (W).');
  });

  it('prints nothing again for a delivery id it already printed', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const notice = grievanceNotice('deadline-missed');
    const first = await printNoticeLetter(notice);
    const file = path.join(lettersDir, first.destination[0]!);
    const printedAt = (await stat(file)).mtimeMs;

    const retried = await printNoticeLetter(notice);

    expect(retried).toEqual({ ...first, duplicate: true });
    expect(await readdir(lettersDir)).toHaveLength(1);
    expect((await stat(file)).mtimeMs).toBe(printedAt);
  });

  it('continues a long body on further pages, each footed with the case and its page number', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}: the grievant states that ${'the observation report was not shared '.repeat(4)}in time.`);
    const notice = grievanceNotice('filing-receipt');
    const long = { ...notice, facts: { ...notice.facts, statement: paragraphs.join('\n\n') } };

    const receipt = await printNoticeLetter(long);

    const pdf = await parsePdf(await readFile(path.join(lettersDir, receipt.destination[0]!)));
    expect(pdf.pageCount).toBeGreaterThan(2);
    const all = pdf.pages.flat().join(' ');
    for (const n of [1, 20, 40]) expect(all).toContain(`Paragraph ${n}:`);
    pdf.pages.forEach((lines, i) => expect(lines.at(-1)).toMatch(new RegExp(`^Grievance G-2026-001 .* page ${i + 1} of ${pdf.pageCount}$`)));
    expect(all).toContain('Sent on 2026-10-20.');
  });

  it('writes letters into the outbox folder when no letters folder is configured', async () => {
    const outboxDir = await tempDir('outbox');
    const { printNoticeLetter } = createNoticeActivities({ outboxDir, logger: silentLogger });
    const receipt = await printNoticeLetter(grievanceNotice('case-closed'));
    expect(await readdir(path.join(outboxDir, 'letters'))).toEqual([receipt.destination[0]]);
  });

  it('prints nothing when the notice has no recipient, and says why', async () => {
    const { lettersDir, printNoticeLetter } = await printer();
    const notice = grievanceNotice('action-recorded', { recipients: [] });
    expect(await printNoticeLetter(notice)).toEqual({
      channel: 'letter',
      deliveryId: `${notice.deliveryId}:letter`,
      duplicate: false,
      destination: [],
      skipped: 'no recipient',
    });
    await expect(readdir(lettersDir)).rejects.toThrow(/ENOENT/);
  });
});

describe('letter layout', () => {
  const content = { letterhead: 'District', date: 'today', recipients: [{ name: 'A', address: [] }], subject: 'S', caseId: 'G-1', footer: 'F' };

  it('keeps every line of a long body, in order, over as many pages as it takes', async () => {
    const pdf = await parsePdf(await letterPdf({ ...content, body: Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n') }));
    expect(pdf.pageCount).toBeGreaterThan(3);
    expect(pdf.pages.flat().filter((t) => t.startsWith('line '))).toEqual(Array.from({ length: 200 }, (_, i) => `line ${i}`));
    pdf.pages.forEach((lines, i) => expect(lines.at(-1)).toBe(`F \u00b7 page ${i + 1} of ${pdf.pageCount}`));
  });

  it('breaks a word longer than the line, and CJK text between its characters', async () => {
    const url = `https://cases.example/v1/grievances/${'G'.repeat(120)}`;
    const cjk = '会议'.repeat(60);
    const pdf = await parsePdf(await letterPdf({ ...content, body: `${url}\n${cjk}` }));
    const lines = pdf.pages.flat();
    expect(lines.filter((l) => /^[Gh]/.test(l) && !l.startsWith('F ')).join('')).toBe(url);
    expect(lines.filter((l) => l.startsWith('会') || l.startsWith('议')).join('')).toBe(cjk);
  });

  it.each([
    ['2026-12-07', 'December 7, 2026'],
    ['2027-02-28', 'February 28, 2027'],
    ['next week', 'next week'],
  ])('dates %s as %s', (iso, expected) => {
    expect(letterDate(iso)).toBe(expected);
  });
});
