import type { CalendarDate } from '../calendar';
import type { RuleId } from '../case/rule-ids';
import { blankText, type LongText } from '../case/stored-text';
import type { ClosedReason, Motion, ParCase, ParContext, ParDeadlineKey, ParTransition } from './par-case';

/** Small steps every PAR transition shares (par-process, par-outcome, par-volunteer). */

export const done = (state: ParCase, ...notes: string[]): ParTransition => ({ ok: true, state, notes });
export const blank = (text: LongText | undefined) => blankText(text);

/** Assistance has started: a consulting teacher is assigned and the outcome is not yet reported. */
export const isAssisted = (state: ParCase) => state.status === 'in-assistance' || state.status === 'awaiting-outcome';

export function motionRule(motion: Motion): RuleId {
  return motion.kind === 'approve-volunteer' ? 'PAR-VOL-ELIG' : 'PAR-OUTCOME';
}

/** A due date already past today (the deadline timer may not have fired yet). */
export function pastDue(ctx: ParContext, key: ParDeadlineKey): CalendarDate | undefined {
  const due = ctx.dueOf(key);
  return due !== undefined && ctx.today > due ? due : undefined;
}

export function close(state: ParCase, reason: ClosedReason, on: CalendarDate, rule: RuleId): ParCase {
  return { ...state, status: 'closed', closed: { reason, on, rule } };
}
