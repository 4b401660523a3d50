import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CalendarImportError, importIcs } from '../../src/calendar-import/ics-import';
import { IcsImportRunner, ImportUnavailableError, type IcsImportRunnerOptions } from '../../src/calendar-import/ics-import-runner';
import { districtFeed, icsFile, lineOf, vevent } from '../helpers/generated-ics';

const ics = readFileSync(path.join(__dirname, '../fixtures/calendars/lakeview-2026-2027.ics'), 'utf8');
const year = { schoolYear: '2026-2027' };

describe('.ics imports in worker threads (CAL-4)', () => {
  const runners: IcsImportRunner[] = [];
  const runner = (options: Partial<IcsImportRunnerOptions> = {}) => {
    const created = new IcsImportRunner(options);
    runners.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
  });

  it('CAL-4: a worker thread reads the file as importIcs does, and lists the report within `listed`', async () => {
    const answer = await runner({ listed: 3 }).run(ics, year);
    const direct = importIcs(ics, year);
    expect(answer.calendar).toEqual(direct.calendar);
    expect(answer.report).toEqual({
      imported: direct.report.imported.slice(0, 3),
      ignored: direct.report.ignored.slice(0, 3),
      counts: { imported: direct.report.imported.length, ignored: direct.report.ignored.length, looksLikeDayOff: 0 },
    });
  });

  it("CAL-4: the file's problems come back as a CalendarImportError naming the line", async () => {
    const text = icsFile([vevent('labor-day', '20260907', 'Labor Day', 'RRULE:FREQ=SECONDLY')]);
    const refused = await runner().run(text, year).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CalendarImportError);
    expect((refused as CalendarImportError).problems).toEqual([{ field: `/line/${lineOf(text, 'RRULE:FREQ=SECONDLY')}`, message: expect.stringContaining('SECONDLY') }]);
  });

  it('CAL-4: a recurrence ical.js searches forever is stopped after the recurrence budget and refused naming its line', async () => {
    const rule = 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'; // February 30th never comes
    const text = icsFile([vevent('never', '20260902', 'Holiday', rule)]);
    const refused = await runner({ recurrenceBudgetMs: 300 }).run(text, year).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CalendarImportError);
    expect((refused as CalendarImportError).problems).toEqual([
      { field: `/line/${lineOf(text, rule)}`, message: expect.stringContaining('the recurrence finds no next occurrence within 300 ms') },
    ]);
  });

  it('CAL-4: past the time budget the worker is stopped and the import is unavailable (try later), not refused', async () => {
    // No worker starts, loads ical.js and reads 22,000 events within 1 ms.
    const late = await runner({ timeBudgetMs: 1 }).run(districtFeed(22_000), year).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(ImportUnavailableError);
    expect((late as ImportUnavailableError).retryAfterSeconds).toBe(1);
  });

  it('CAL-4: imports past the concurrency wait their turn; past the queue one is turned away at once', async () => {
    const busy = runner({ concurrency: 1, queueLimit: 1 });
    const first = busy.run(ics, year);
    const second = busy.run(ics, year);
    await expect(busy.run(ics, year)).rejects.toThrow(ImportUnavailableError);
    expect((await first).calendar.timeZone).toBe('America/Chicago');
    expect((await second).calendar.timeZone).toBe('America/Chicago');
    expect((await busy.run(ics, year)).calendar.timeZone).toBe('America/Chicago'); // the turns were given back
  });

  it('CAL-4: closing stops the imports under way and waiting: they are unavailable, and so is any later one', async () => {
    const closing = runner({ concurrency: 1, queueLimit: 1 });
    const running = closing.run(districtFeed(22_000), year).catch((error: unknown) => error);
    const waiting = closing.run(ics, year).catch((error: unknown) => error);
    await closing.close();
    expect(await running).toBeInstanceOf(ImportUnavailableError);
    expect(await waiting).toBeInstanceOf(ImportUnavailableError);
    await expect(closing.run(ics, year)).rejects.toThrow(ImportUnavailableError);
  });

  it('CAL-4: a file that needs more memory than an import may use is refused as the file’s problem', async () => {
    const refused = await runner({ memoryLimitMb: 16 }).run(districtFeed(22_000), year).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CalendarImportError);
    expect((refused as CalendarImportError).problems).toEqual([{ field: '/', message: 'reading the file needs more than the 16 MB an import may use' }]);
  });
});
