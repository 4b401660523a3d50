import type { Actor } from '../actor';
import type { CalendarDate } from './calendar-date';
import type { Deadline, DeadlineSpec } from './deadlines';
import type { DistrictCalendar } from './district-calendar';

/** What a district calendar workflow sends every open case when a calendar is published or amended (CAL-2). */
export interface CalendarAnnouncement {
  readonly district: string;
  readonly schoolYear: string;
  readonly version: number;
  readonly calendar: DistrictCalendar;
  /** e.g. "added closure Snow day (2026-12-01)". */
  readonly summary: string;
  readonly reason: string;
  readonly by: Actor;
  readonly at: string;
}

export interface ClockPauseRequest {
  readonly reason: string;
  readonly by: Actor;
}

export interface ClockResumeRequest {
  readonly by: Actor;
}

/** One entry of a case's pause log: who stopped the clocks, why, and who started them again. */
export interface PauseRecord {
  /** First day that does not count. */
  readonly from: CalendarDate;
  /** Last day that does not count, never before `from` (a pause ended the day it began stops that day); absent while the clocks are stopped. */
  readonly to?: CalendarDate | undefined;
  readonly reason: string;
  readonly pausedBy: Actor;
  readonly pausedAt: string;
  readonly resumedBy?: Actor | undefined;
  readonly resumedAt?: string | undefined;
}

export type DeadlineStatus = 'pending' | 'met' | 'missed' | 'cancelled';

/** A change to a deadline, as the case history shows it (CAL-2: old and new due dates and why). */
export interface DeadlineChange {
  readonly at: string;
  readonly change: 'set' | 'moved' | 'paused' | 'resumed' | 'waiting-for-calendar' | 'met' | 'missed' | 'cancelled';
  readonly due?: CalendarDate | undefined;
  readonly previousDue?: CalendarDate | undefined;
  readonly cause: string;
}

/** A deadline of a case: what it counts, where it stands now, and every change it went through. */
export interface CaseDeadline {
  readonly key: string;
  readonly label: string;
  readonly spec: DeadlineSpec;
  readonly status: DeadlineStatus;
  /** Undefined while no loaded calendar covers the count (the case waits for the next year's calendar). */
  readonly current: Deadline | undefined;
  readonly changes: readonly DeadlineChange[];
}

/** What a case shows of its clocks: the calendar versions it counts on, its pause log and its deadlines. */
export interface CaseClockView {
  readonly calendars: readonly { readonly schoolYear: string; readonly version: number }[];
  readonly paused: boolean;
  readonly pauses: readonly PauseRecord[];
  readonly deadlines: readonly CaseDeadline[];
}
