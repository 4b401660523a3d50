import { ApplicationFailure, condition, patched, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import {
  CalendarNotLoadedError,
  DistrictCalendars,
  addDays,
  computeDeadline,
  dateInZone,
  shiftDate,
  type Deadline,
  type DeadlineSpec,
  type DistrictCalendar,
} from '../../src/domain/calendar';
import type {
  CalendarAnnouncement,
  CaseClockView,
  CaseDeadline,
  DeadlineChange,
  DeadlineStatus,
  PauseRecord,
} from '../../src/domain/calendar/case-clock-types';
import { calendarAmendedSignal, pauseClocksUpdate, resumeClocksUpdate } from './case-clock-messages';

/**
 * CAL-1: a pause that ends the day it began stops that day (the day it began does not count, as the pause said),
 * recorded `from` = `to`. Before this patch it stopped no day and showed its end (`to` = the day before) before its
 * start; pauses recorded so replay as they were.
 */
export const SAME_DAY_PAUSE = 'same-day-pause-stops-its-day';

export interface CaseClockState {
  readonly district: string;
  readonly calendars: readonly DistrictCalendar[];
  readonly pauses: readonly PauseRecord[];
  readonly deadlines: readonly CaseDeadline[];
}

/**
 * A case's deadlines as durable timers on the district calendar. Deadlines are time budgets plus the case's pause
 * log, recomputed whenever the calendar is amended (CAL-2) or the clocks pause or resume; a wait wakes on every
 * such change, so a timer set for an old date is cancelled and never fires at it.
 */
export class CaseClock {
  private calendars: Map<string, DistrictCalendar>;
  private pauses: PauseRecord[];
  private deadlines = new Map<string, CaseDeadline>();
  private compiled: DistrictCalendars;
  /** Bumped on every change that can move a deadline; waits compare it. */
  private revision = 0;

  constructor(state: Pick<CaseClockState, 'district' | 'calendars'> & Partial<CaseClockState>) {
    this.district = state.district;
    this.calendars = new Map(state.calendars.map((c) => [c.schoolYear, c]));
    this.pauses = [...(state.pauses ?? [])];
    for (const d of state.deadlines ?? []) this.deadlines.set(d.key, d);
    this.compiled = new DistrictCalendars(this.district, [...this.calendars.values()]);
  }

  readonly district: string;

  /** The whole state, for queries and continue-as-new. */
  snapshot(): CaseClockState {
    return {
      district: this.district,
      calendars: [...this.calendars.values()],
      pauses: [...this.pauses],
      deadlines: [...this.deadlines.values()],
    };
  }

  /** What the case shows of its clocks (queries). */
  view(): CaseClockView {
    return {
      calendars: [...this.calendars.values()].map((c) => ({ schoolYear: c.schoolYear, version: c.version ?? 1 })),
      paused: this.paused,
      pauses: [...this.pauses],
      deadlines: [...this.deadlines.values()],
    };
  }

  /** Takes the calendars loaded when the case opens; an announcement that arrived meanwhile is newer and stays. */
  adoptCalendars(calendars: readonly DistrictCalendar[]): void {
    let changed = false;
    for (const calendar of calendars) {
      const known = this.calendars.get(calendar.schoolYear);
      if (calendar.district !== this.district || (known && (known.version ?? 0) >= (calendar.version ?? 0))) continue;
      this.calendars.set(calendar.schoolYear, calendar);
      changed = true;
    }
    if (!changed) return;
    this.compiled = new DistrictCalendars(this.district, [...this.calendars.values()]);
    this.recompute('district calendars loaded');
  }

  /** The district calendars the clock counts on, as it holds them (rebuilt only when a calendar arrives). */
  get districtCalendars(): DistrictCalendars {
    return this.compiled;
  }

  get paused(): boolean {
    return this.pauses.some((p) => p.to === undefined);
  }

  /** The district's date today, in the time zone of its calendar. */
  today(): string {
    const anyCalendar = this.calendars.values().next().value as DistrictCalendar | undefined;
    return dateInZone(new Date(), anyCalendar?.timeZone ?? 'UTC');
  }

  /** A date shifted by school or work days on the case's calendars (GRV-REP: one work day later). */
  shift(date: string, unit: 'school-day' | 'work-day', count: number): string {
    try {
      return shiftDate(this.compiled, date, unit, count);
    } catch (error) {
      if (error instanceof CalendarNotLoadedError) return addDays(date, count);
      throw error;
    }
  }

  /** Starts counting a deadline; returns it as computed now. */
  set(key: string, label: string, spec: DeadlineSpec): CaseDeadline {
    const { current, note } = this.compute(spec);
    const deadline: CaseDeadline = {
      key,
      label,
      spec,
      status: 'pending',
      current,
      changes: [change(current ? 'set' : 'waiting-for-calendar', current, undefined, note ?? `${spec.rule}: ${spec.count} ${spec.unit}(s) after ${spec.trigger}`)],
    };
    this.deadlines.set(key, deadline);
    this.revision += 1;
    return deadline;
  }

  get(key: string): CaseDeadline | undefined {
    return this.deadlines.get(key);
  }

  /** Changes what a pending deadline counts (an extension agreed, a conference moved) and records why. */
  respec(key: string, spec: DeadlineSpec, cause: string): void {
    const deadline = this.deadlines.get(key);
    if (!deadline || deadline.status !== 'pending') return;
    const { current, note } = this.compute(spec);
    this.deadlines.set(key, {
      ...deadline,
      spec,
      current,
      changes: [...deadline.changes, change(current ? 'moved' : 'waiting-for-calendar', current, dueOf(deadline.current), note ?? cause)],
    });
    this.revision += 1;
  }

  /** Pending deadlines that are running, earliest first. */
  running(): CaseDeadline[] {
    return [...this.deadlines.values()]
      .filter((d) => d.status === 'pending' && d.current?.state === 'running')
      .sort((a, b) => Date.parse(dueAt(a)) - Date.parse(dueAt(b)));
  }

  /**
   * Waits for the earliest pending deadline to pass (CAL-3: at once if already past) and returns its key, or
   * returns undefined as soon as anything changes (an action, an amendment, a pause) or at `wakeAtMs`, so the
   * caller re-evaluates.
   */
  async nextDue(wakeAtMs?: number): Promise<string | undefined> {
    const seen = this.revision;
    const changed = () => this.revision !== seen;
    const earliest = this.running()[0];
    const wakeMs = wakeAtMs === undefined ? undefined : Math.max(0, wakeAtMs - Date.now());
    if (!earliest) {
      if (wakeMs === undefined) await condition(changed);
      else await condition(changed, wakeMs);
      return undefined;
    }
    const ms = Date.parse(dueAt(earliest)) - Date.now();
    if (ms <= 0) return earliest.key;
    // Woken early (a reminder's time, see `wakeAtMs`), the caller looks again and waits anew.
    if (wakeMs !== undefined && wakeMs < ms) {
      await condition(changed, wakeMs);
      return undefined;
    }
    return (await condition(changed, ms)) ? undefined : earliest.key;
  }

  /** Wakes a waiting nextDue() after a change the clock cannot see itself. */
  touch(): void {
    this.revision += 1;
  }

  /** Ends a pending deadline: met (the action came in time), missed, or cancelled (no longer applies). */
  settle(key: string, status: Exclude<DeadlineStatus, 'pending'>, cause: string): void {
    const deadline = this.deadlines.get(key);
    if (!deadline || deadline.status !== 'pending') return;
    this.deadlines.set(key, { ...deadline, status, changes: [...deadline.changes, change(status, deadline.current, undefined, cause)] });
    this.revision += 1;
  }

  /** CAL-2: takes a published or amended calendar (newer versions only) and recomputes every pending deadline. */
  applyCalendar(announcement: CalendarAnnouncement): boolean {
    if (announcement.district !== this.district) return false;
    const known = this.calendars.get(announcement.schoolYear);
    if (known && (known.version ?? 0) >= announcement.version) return false;
    this.calendars.set(announcement.schoolYear, { ...announcement.calendar, version: announcement.version });
    this.compiled = new DistrictCalendars(this.district, [...this.calendars.values()]);
    this.recompute(`calendar ${announcement.schoolYear} v${announcement.version} (${announcement.reason}): ${announcement.summary}`);
    return true;
  }

  /** Why the clocks cannot be paused now, or undefined. */
  cannotPause(): string | undefined {
    return this.paused ? 'the clocks are already paused' : undefined;
  }

  /** Why the clocks cannot be resumed now, or undefined. */
  cannotResume(): string | undefined {
    return this.paused ? undefined : 'the clocks are not paused';
  }

  /** Stops the clocks from today; today itself does not count. */
  pause(reason: string, by: Actor): PauseRecord {
    const refusal = this.cannotPause();
    if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'ClockStateConflict');
    const record: PauseRecord = { from: this.today(), reason, pausedBy: by, pausedAt: new Date().toISOString() };
    this.pauses.push(record);
    this.recompute(`clocks paused by ${by.id}: ${reason}`, 'paused');
    return record;
  }

  /**
   * Starts the clocks again from today: counting resumes where it stopped, today counting; a pause that began
   * today keeps today stopped (SAME_DAY_PAUSE), so its record ends where it starts, never before.
   */
  resume(by: Actor): PauseRecord {
    const index = this.pauses.findIndex((p) => p.to === undefined);
    if (index < 0) throw ApplicationFailure.nonRetryable(this.cannotResume()!, 'ClockStateConflict');
    const open = this.pauses[index]!;
    const today = this.today();
    const to = today <= open.from && patched(SAME_DAY_PAUSE) ? open.from : addDays(today, -1);
    const record: PauseRecord = { ...open, to, resumedBy: by, resumedAt: new Date().toISOString() };
    this.pauses[index] = record;
    this.recompute(`clocks resumed by ${by.id} after: ${open.reason}`, 'resumed');
    return record;
  }

  /**
   * Waits until the deadline's end instant, following every move. Resolves 'due' when it passes while still
   * pending (CAL-3: at once if already past), or 'settled' when something else ended it first.
   */
  async waitUntilDue(key: string): Promise<'due' | 'settled'> {
    for (;;) {
      const deadline = this.deadlines.get(key);
      if (!deadline || deadline.status !== 'pending') return 'settled';
      const seen = this.revision;
      const woke = () => this.revision !== seen;
      if (deadline.current?.state === 'running') {
        const ms = Date.parse(deadline.current.dueAt) - Date.now();
        if (ms <= 0) return 'due';
        const changed = await condition(woke, ms);
        if (!changed) return 'due';
      } else {
        await condition(woke);
      }
    }
  }

  private compute(spec: DeadlineSpec): { current: Deadline | undefined; note?: string } {
    try {
      return { current: computeDeadline(this.compiled, spec, this.pauses.map((p) => ({ from: p.from, to: p.to, reason: p.reason }))) };
    } catch (error) {
      if (error instanceof CalendarNotLoadedError) return { current: undefined, note: error.message };
      throw error;
    }
  }

  private recompute(cause: string, kind: 'moved' | 'paused' | 'resumed' = 'moved'): void {
    for (const [key, deadline] of this.deadlines) {
      if (deadline.status !== 'pending') continue;
      const { current, note } = this.compute(deadline.spec);
      const before = dueOf(deadline.current);
      const after = dueOf(current);
      const stateChanged = deadline.current?.state !== current?.state;
      if (before === after && !stateChanged) continue;
      const what: DeadlineChange['change'] = current === undefined ? 'waiting-for-calendar' : current.state === 'paused' ? 'paused' : kind === 'paused' ? 'moved' : kind;
      this.deadlines.set(key, {
        ...deadline,
        current,
        changes: [...deadline.changes, change(what, current, before, note ?? cause)],
      });
    }
    this.revision += 1;
  }
}

/**
 * Registers the clock's messages on the current workflow: calendar announcements (CAL-2) and validated pause and
 * resume updates. A refused update never reaches the history. `then` hears of each change the clock took, so the
 * case can recompute and publish its status.
 */
export function registerClockHandlers(
  clock: CaseClock,
  then: { readonly calendarApplied?: (announcement: CalendarAnnouncement) => void; readonly pausedOrResumed?: () => void } = {},
): void {
  setHandler(calendarAmendedSignal, (announcement) => {
    if (clock.applyCalendar(announcement)) then.calendarApplied?.(announcement);
  });
  setHandler(
    pauseClocksUpdate,
    (request) => {
      const record = clock.pause(request.reason, request.by);
      then.pausedOrResumed?.();
      return record;
    },
    { validator: (_request) => refuseWith(clock.cannotPause()) },
  );
  setHandler(
    resumeClocksUpdate,
    (request) => {
      const record = clock.resume(request.by);
      then.pausedOrResumed?.();
      return record;
    },
    { validator: (_request) => refuseWith(clock.cannotResume()) },
  );
}

function refuseWith(refusal: string | undefined): void {
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'ClockStateConflict');
}

function dueAt(deadline: CaseDeadline): string {
  return deadline.current?.state === 'running' ? deadline.current.dueAt : '9999-12-31T00:00:00.000Z';
}

function dueOf(deadline: Deadline | undefined): string | undefined {
  return deadline?.state === 'running' ? deadline.due : undefined;
}

function change(kind: DeadlineChange['change'], current: Deadline | undefined, previousDue: string | undefined, cause: string): DeadlineChange {
  return { at: new Date().toISOString(), change: kind, due: dueOf(current), previousDue, cause };
}
