import { describe, expect, it } from 'vitest';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import { countingText, countText, dateText, dueText, longDate, nextDeadlineText, noticeDeadline, skippedText, spanText, whenText, withDisplayNames, words } from '../../../src/domain/notices/notice-wording';
import { appealWindow, awaitingDecision, clockDeadline } from './notice-fixtures';

describe('how notices word dates', () => {
  it.each([
    ['2026-11-18', 'Wednesday, November 18, 2026'],
    ['2027-01-01', 'Friday, January 1, 2027'],
    ['2028-02-29', 'Tuesday, February 29, 2028'],
  ])('%s is %s', (date, text) => {
    expect(longDate(date)).toBe(text);
    expect(dateText(date)).toBe(text.slice(text.indexOf(' ') + 1));
  });

  it.each([
    ['2026-11-14', '2026-11-14', 'November 14, 2026'],
    ['2026-11-14', '2026-11-15', 'November 14 to 15, 2026'],
    ['2026-10-31', '2026-11-01', 'October 31 to November 1, 2026'],
    ['2026-12-21', '2027-01-01', 'December 21, 2026 to January 1, 2027'],
    // The same month of another year is not the same month.
    ['2026-12-31', '2027-12-02', 'December 31, 2026 to December 2, 2027'],
  ])('a run of days from %s to %s is "%s"', (from, to, text) => {
    expect(spanText(from, to)).toBe(text);
  });

  it.each([
    [1, 'school-day', '1 school day'],
    [5, 'school-day', '5 school days'],
    [10, 'work-day', '10 work days'],
    [2, 'week', '2 weeks'],
    [18, 'month', '18 months'],
    [1, 'work-day', '1 work day'],
    [1, 'calendar-day', '1 calendar day'],
    [7, 'calendar-day', '7 calendar days'],
    [1, 'week', '1 week'],
    [1, 'month', '1 month'],
  ] as const)('%i %s is "%s"', (count, unit, text) => {
    expect(countText(count, unit)).toBe(text);
  });

  it('CAL-1: a due date ends at 23:59 in the district time zone, and its counting names every skipped day with its reason', () => {
    const appeal = noticeDeadline(clockDeadline(appealWindow, 'appeal'))!;
    expect(dueText(appeal)).toBe('Wednesday, November 18, 2026, until 11:59 p.m. (America/Chicago time)');
    expect(skippedText(appeal.skipped)).toBe('November 11, 2026 (holiday: Veterans Day); November 14 to 15, 2026 (weekend)');
    expect(countingText(appeal)).toBe(
      '5 school days after Tuesday, November 10, 2026 (that day not counted); not counted: November 11, 2026 (holiday: Veterans Day); November 14 to 15, 2026 (weekend)',
    );
    expect(countingText({ ...appeal, skipped: [] })).toBe('5 school days after Tuesday, November 10, 2026 (that day not counted)');
  });

  it('a deadline without a date says why: paused, or waiting for the calendar that covers it', () => {
    const appeal = clockDeadline(appealWindow, 'appeal');
    const paused: CaseDeadline = { ...appeal, current: { ...appeal.spec, state: 'paused', pausedSince: '2026-11-13', remaining: 3, skipped: [] } };
    expect(whenText(appeal, appeal.spec)).toBe('Wednesday, November 18, 2026, until 11:59 p.m. (America/Chicago time)');
    expect(whenText(paused, appeal.spec)).toBe('5 school days after Tuesday, November 10, 2026; the count is paused since Friday, November 13, 2026 with 3 school days left');
    expect(whenText(undefined, appeal.spec)).toBe('5 school days after Tuesday, November 10, 2026; the date is set as soon as the district publishes the calendar that covers it');
    expect(noticeDeadline(paused)).toBeUndefined();
  });

  it("the case's next deadline is the earliest one pending, none when nothing runs", () => {
    const decision = clockDeadline(awaitingDecision, 'decision');
    const appeal = clockDeadline(appealWindow, 'appeal');
    expect(nextDeadlineText([appeal, decision])).toBe('level 1 written decision due: Tuesday, November 10, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)');
    expect(nextDeadlineText([{ ...decision, status: 'met' }, appeal])).toContain('appeal to level 2 due: Wednesday, November 18, 2026');
    expect(nextDeadlineText([{ ...decision, status: 'met' }])).toBe('');
    expect(nextDeadlineText(undefined)).toBe('');
  });

  it('a notice carries exactly the fields of the deadline it pictures', () => {
    const decision = clockDeadline(awaitingDecision, 'decision');
    expect(Object.keys(noticeDeadline(decision)!).sort()).toEqual(['count', 'due', 'dueAt', 'label', 'rule', 'skipped', 'timeZone', 'trigger', 'unit']);
    expect(words('partially-granted')).toBe('partially granted');
  });
});

describe('notices name people, never by their login (issue 19)', () => {
  const people = { ann: 'Ann Alder', 'ann.lee': 'Ann Lee', 'a.b': 'Abe Bell' };

  it('each login id the case knows is its display name, the longest id first; ids inside other words, addresses or ids stay', () => {
    expect(withDisplayNames('ann.lee met ann; xann, ann@x.org, .ann, ann-b, by ann.', people)).toBe('Ann Lee met Ann Alder; xann, ann@x.org, .ann, ann-b, by Ann Alder.');
    // An id is matched as written: its dot is a dot.
    expect(withDisplayNames('axb and a.b', people)).toBe('axb and Abe Bell');
  });

  it('without names, or with an empty id, the text stays as it is', () => {
    expect(withDisplayNames('ann met ann.lee', undefined)).toBe('ann met ann.lee');
    expect(withDisplayNames('ann met ann.lee', {})).toBe('ann met ann.lee');
    expect(withDisplayNames('ann met ann.lee', { '': 'Nobody' })).toBe('ann met ann.lee');
    // An empty id would match between two separators: it is never a person.
    expect(withDisplayNames('ann,  met', { '': 'Nobody' })).toBe('ann,  met');
    expect(withDisplayNames('', { '': 'Nobody' })).toBe('');
  });
});
