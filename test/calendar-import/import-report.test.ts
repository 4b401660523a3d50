import { describe, expect, it } from 'vitest';
import { listReport } from '../../src/calendar-import/import-report';

describe('import report as a response lists it (CAL-4)', () => {
  it('CAL-4: lists the first entries of each list in file order and counts them all', () => {
    const ignored = Array.from({ length: 7 }, (_, i) => ({ uid: `e${i}`, summary: 'Picture Day', reason: 'no rule maps this event' }));
    const imported = [{ uid: 'first', summary: 'First Day of School', as: 'first-day' as const, start: '2026-08-19' }];
    expect(listReport({ imported, ignored }, 3)).toEqual({ imported, ignored: ignored.slice(0, 3), counts: { imported: 1, ignored: 7, looksLikeDayOff: 0 } });
  });

  it('CAL-4: counts the events left out that look like days off, listed or not', () => {
    const lookalike = { uid: 'na', summary: 'Non-Attendance Day', reason: 'no rule maps this event', looksLikeDayOff: true as const };
    const ignored = [lookalike, { ...lookalike, uid: 'na2' }, { uid: 'p', summary: 'Picture Day', reason: 'no rule maps this event' }];
    expect(listReport({ imported: [], ignored }, 1)).toEqual({ imported: [], ignored: [lookalike], counts: { imported: 0, ignored: 3, looksLikeDayOff: 2 } });
  });
});
