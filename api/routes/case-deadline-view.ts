import type { CaseDeadline } from '../../src/domain/calendar/case-clock-types';

/** One deadline as the case view shows it: every deadline the case ran, with its status and how it was counted. */
export interface CaseDeadlineView {
  readonly key: string;
  readonly label: string;
  readonly rule: string;
  readonly status: CaseDeadline['status'];
  /** The last day, and the instant it ends (23:59:59 in the district's time zone). */
  readonly due?: string | undefined;
  readonly dueAt?: string | undefined;
  /** How it was counted: trigger, unit and count, the days that did not count and why, a move off a day not worked. */
  readonly explanation: {
    readonly trigger: string;
    readonly unit: string;
    readonly count: number;
    readonly state: 'running' | 'paused' | 'waiting-for-calendar';
    readonly skipped: readonly { readonly from: string; readonly to: string; readonly reason: string }[];
    readonly movedFrom?: { readonly due: string; readonly reason: string } | undefined;
  };
}

/** A clock deadline as a case view shows it (any family). */
export function deadlineView(deadline: CaseDeadline): CaseDeadlineView {
  const current = deadline.current;
  const running = current?.state === 'running' ? current : undefined;
  return {
    key: deadline.key,
    label: deadline.label,
    rule: deadline.spec.rule,
    status: deadline.status,
    due: running?.due,
    dueAt: running?.dueAt,
    explanation: {
      trigger: deadline.spec.trigger,
      unit: deadline.spec.unit,
      count: deadline.spec.count,
      state: current?.state ?? 'waiting-for-calendar',
      skipped: current?.skipped ?? [],
      ...(running?.movedFrom ? { movedFrom: running.movedFrom } : {}),
    },
  };
}
