import { describe, expect, it } from 'vitest';
import { RECURRENCE_WATCH_CELLS, recurrenceWatch, stuckRecurrence } from '../../src/calendar-import/recurrence-watch';

describe('recurrence watch between the import worker and its runner (CAL-4)', () => {
  const cells = () => new Int32Array(new SharedArrayBuffer(RECURRENCE_WATCH_CELLS * Int32Array.BYTES_PER_ELEMENT));

  it('CAL-4: a recurrence expanded for longer than the budget is reported with its line; a finished one never is', () => {
    const shared = cells();
    const watch = recurrenceWatch(shared);
    const stuck = stuckRecurrence(shared, 100);
    expect(stuck(0)).toBeUndefined();
    watch.expanding(42);
    expect(stuck(10)).toBeUndefined(); // first seen now
    expect(stuck(100)).toBeUndefined();
    expect(stuck(111)).toEqual({ line: 42 });
    watch.done();
    expect(stuck(500)).toBeUndefined();
  });

  it('CAL-4: the next recurrence, even on the same line, starts its own budget; an unknown line is reported as such', () => {
    const shared = cells();
    const watch = recurrenceWatch(shared);
    const stuck = stuckRecurrence(shared, 100);
    watch.expanding(7);
    expect(stuck(0)).toBeUndefined();
    watch.done();
    watch.expanding(7);
    expect(stuck(150)).toBeUndefined(); // another expansion: seen for the first time
    expect(stuck(200)).toBeUndefined();
    watch.done();
    watch.expanding(undefined);
    expect(stuck(300)).toBeUndefined();
    expect(stuck(401)).toEqual({ line: undefined });
  });
});
