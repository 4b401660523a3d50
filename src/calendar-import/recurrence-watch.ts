/**
 * CAL-4: some recurrences make ical.js search forever inside one step (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30` has no
 * next occurrence, and ical.js never says so). No cap counted between steps can stop that, so the worker says which
 * recurrence it is expanding in memory it shares with the runner, and the runner stops a worker that stays on one
 * recurrence too long and names its line: the file is the problem (422), not the server (503).
 *
 * Cells (Int32Array over a SharedArrayBuffer): [0] the line of the recurrence being expanded (0: none, -1: line
 * unknown), [1] how many expansions have begun, so two expansions of the same line are told apart.
 */
export interface RecurrenceWatch {
  expanding(line: number | undefined): void;
  done(): void;
}

export const RECURRENCE_WATCH_CELLS = 2;

export function recurrenceWatch(cells: Int32Array): RecurrenceWatch {
  return {
    expanding(line) {
      Atomics.store(cells, 0, line ?? -1);
      Atomics.add(cells, 1, 1);
    },
    done() {
      Atomics.store(cells, 0, 0);
    },
  };
}

/** The runner's side: called now and then, answers the line of a recurrence expanded for more than `budgetMs`. */
export function stuckRecurrence(cells: Int32Array, budgetMs: number): (now: number) => { line: number | undefined } | undefined {
  let seen = { line: 0, expansion: -1, since: 0 };
  return (now) => {
    const line = Atomics.load(cells, 0);
    const expansion = Atomics.load(cells, 1);
    if (line === 0) return undefined;
    if (line !== seen.line || expansion !== seen.expansion) {
      seen = { line, expansion, since: now };
      return undefined;
    }
    return now - seen.since > budgetMs ? { line: line > 0 ? line : undefined } : undefined;
  };
}
