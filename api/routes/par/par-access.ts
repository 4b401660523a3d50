import type { Actor } from '../../../src/domain/actor';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import { viewerOf, visibleView, type ParCaseView } from '../../../src/domain/par/par-visibility';
import type { ParInterventionView } from '../../../workflows/par/par-intervention-messages';

/** One deadline as the case view shows it: every deadline the case ran, with its status and how it was counted. */
export interface ParDeadlineView {
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

/** What the API shows: the viewer's part of the case (par-visibility.ts) and every deadline it ran. */
// A mapped type, not the interface itself: the response schema is a loose object and needs an index signature.
export type ParApiView = { readonly [K in keyof ParCaseView]: ParCaseView[K] } & { readonly deadlines: readonly ParDeadlineView[] };

/** The case as `actor` may see it, or undefined when for them it does not exist (PAR-VOL-CONF: 404, never 403). */
export function apiView(intervention: ParInterventionView, actor: Actor): ParApiView | undefined {
  const view = visibleView(intervention.case, viewerOf(intervention.case, actor));
  if (!view) return undefined;
  return { ...view, deadlines: intervention.clock.deadlines.map(deadlineView) };
}

function deadlineView(deadline: CaseDeadline): ParDeadlineView {
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
