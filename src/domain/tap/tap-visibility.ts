import type { Actor } from '../actor';
import type { CalendarDate } from '../calendar';
import type { LongText } from '../case/stored-text';
import { currentPlan, type TapCase, type TapLevel, type TapMeeting, type TapPlan, type TapReview } from './tap-case';
import { TAP_ACCESS, TAP_PARTS, tapRelation, type TapPart, type TapRelation } from './tap-parties';

/** One plan of the case as a reader may see it: its level and dates always, what it documents and its review by the access table. */
export interface TapPlanView {
  readonly n: number;
  readonly level: TapLevel;
  readonly startedOn: CalendarDate;
  readonly acknowledgedOn?: CalendarDate | undefined;
  readonly revisedOn?: CalendarDate | undefined;
  readonly reviewMissedOn?: CalendarDate | undefined;
  readonly plan?: TapPlan | undefined;
  readonly revisionReason?: LongText | undefined;
  readonly review?: TapReview | undefined;
}

export interface TapCaseView {
  readonly id: string;
  readonly district: string;
  readonly school?: string | undefined;
  /** How the reader stands to the plan. */
  readonly relation: TapRelation;
  readonly teacher: { readonly name: string };
  readonly administrator: { readonly name: string };
  readonly level: TapLevel;
  readonly status: TapCase['status'];
  readonly openedOn: CalendarDate;
  readonly closed?: TapCase['closed'];
  readonly plans: readonly TapPlanView[];
  readonly meetings?: readonly TapMeeting[] | undefined;
  readonly withheld: readonly TapPart[];
}

/**
 * The plan as `actor` may see it (TAP_ACCESS), or undefined when for them it does not exist (404, never 403).
 * People are shown by name; their addresses stay in the case for its notices.
 */
export function tapVisibleView(state: TapCase, actor: Actor): TapCaseView | undefined {
  const relation = tapRelation(state, actor);
  const access = TAP_ACCESS[relation];
  if (!access.summary) return undefined;
  return {
    id: state.id,
    district: state.district,
    school: state.school,
    relation,
    teacher: { name: state.teacher.name },
    administrator: { name: state.administrator.name },
    level: currentPlan(state).level,
    status: state.status,
    openedOn: state.openedOn,
    closed: state.closed,
    plans: state.plans.map((p) => ({
      n: p.n,
      level: p.level,
      startedOn: p.startedOn,
      acknowledgedOn: p.acknowledgedOn,
      revisedOn: p.revisedOn,
      reviewMissedOn: p.reviewMissedOn,
      ...(access.plan ? { plan: p.plan, revisionReason: p.revisionReason } : {}),
      ...(access.reviews && p.review ? { review: p.review } : {}),
    })),
    ...(access.meetings ? { meetings: state.meetings } : {}),
    withheld: TAP_PARTS.filter((part) => part !== 'record' && !access[part]),
  };
}
