import type { CalendarDate } from '../calendar';
import type { WantedDeadline } from '../case/case-family';
import type { RuleId } from '../case/rule-ids';
import type { PipState } from './pip-case';

/**
 * The deadlines a case runs: for each open action step its anticipated completion and its next check-in with the
 * evaluator (PIP-STEPS), and for each plan its end-of-year status on the last instructional day (PIP-STATUS). The
 * dates are the plan's own, so each is "0 calendar days after" its date: due at the end of that day. Each
 * deadline's clock key names its occurrence, `check-in:P1:S2:2027-01-15`: a new date is a new deadline (the old
 * one is cancelled), and several steps' check-ins run at once.
 */
export type PipDeadlineKind = 'completion' | 'check-in' | 'year-end-status';

export const PIP_DEADLINE_RULES: Record<PipDeadlineKind, RuleId> = { completion: 'PIP-STEPS', 'check-in': 'PIP-STEPS', 'year-end-status': 'PIP-STATUS' };

export interface PipDeadlineKey {
  readonly kind: PipDeadlineKind;
  readonly plan: string;
  readonly step?: string | undefined;
  readonly on: CalendarDate;
}

export function deadlineKey(key: PipDeadlineKey): string {
  return key.step === undefined ? `${key.kind}:${key.plan}:${key.on}` : `${key.kind}:${key.plan}:${key.step}:${key.on}`;
}

export function parseDeadlineKey(key: string): PipDeadlineKey | undefined {
  const parts = key.split(':');
  const kind = parts[0] as PipDeadlineKind;
  // Own keys only: `in` would take `toString:P1:S1:...` for a kind (the prototype's), and `meets` would then throw.
  if (!Object.hasOwn(PIP_DEADLINE_RULES, kind)) return undefined;
  if (kind === 'year-end-status' && parts.length === 3) return { kind, plan: parts[1]!, on: parts[2]! };
  if (kind !== 'year-end-status' && parts.length === 4) return { kind, plan: parts[1]!, step: parts[2]!, on: parts[3]! };
  return undefined;
}

/** The kind of deadline a clock key counts (the reminder policy's name for it). */
export const deadlineKindOf = (key: string): string => key.split(':')[0]!;

const onDate = (rule: RuleId, on: CalendarDate) => ({ rule, trigger: on, unit: 'calendar-day' as const, count: 0 });

export function pendingDeadlines(state: PipState): WantedDeadline[] {
  if (state.status === 'closed') return [];
  const wanted: WantedDeadline[] = [];
  for (const plan of state.plans) {
    if (plan.status) continue;
    for (const step of plan.steps) {
      if (step.completedOn) continue;
      if (!step.missed.includes(`completion ${step.completeBy}`)) {
        wanted.push({
          key: deadlineKey({ kind: 'completion', plan: plan.id, step: step.id, on: step.completeBy }),
          label: `Plan ${plan.id}, action step ${step.id}: anticipated completion`,
          spec: onDate('PIP-STEPS', step.completeBy),
        });
      }
      if (step.nextCheckIn !== undefined) {
        wanted.push({
          key: deadlineKey({ kind: 'check-in', plan: plan.id, step: step.id, on: step.nextCheckIn }),
          label: `Plan ${plan.id}, action step ${step.id}: check-in with the evaluator`,
          spec: onDate('PIP-STEPS', step.nextCheckIn),
        });
      }
    }
    if (state.yearEndsOn !== undefined && !plan.statusOverdue) {
      wanted.push({
        key: deadlineKey({ kind: 'year-end-status', plan: plan.id, on: state.yearEndsOn }),
        label: `Plan ${plan.id}: end-of-year goal status`,
        spec: onDate('PIP-STATUS', state.yearEndsOn),
      });
    }
  }
  return wanted;
}

/** Whether an accepted action meets the deadline under `key` (the others it ends are cancelled). */
export function meets(event: { readonly type: string; readonly plan?: string; readonly step?: string }, key: string): boolean {
  const deadline = parseDeadlineKey(key);
  if (!deadline || event.plan !== deadline.plan) return false;
  switch (deadline.kind) {
    case 'check-in':
      return event.type === 'check-in' && event.step === deadline.step;
    case 'completion':
      return event.type === 'complete-step' && event.step === deadline.step;
    case 'year-end-status':
      return event.type === 'record-status';
    default: {
      const unknown: never = deadline.kind;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}
