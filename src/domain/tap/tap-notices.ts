import type { Actor } from '../actor';
import type { CalendarDate, RunningDeadline } from '../calendar';
import type { CaseDeadline } from '../calendar/case-clock-types';
import type { Notice, NoticeAudience, NoticeChannel, NoticeDeadline, NoticeKind, NoticeRecipient } from '../notices/notice';
import { countingText, longDate, nextDeadlineText, noticeDeadline, whenText, words, reminderFacts } from '../notices/notice-wording';
import type { ReminderPolicy, ScheduledReminder } from '../notices/reminder-policy';
import { currentPlan, TAP_LEVEL_NAMES, type TapCase, type TapEvent, type TapPerson } from './tap-case';
import { tapRelation } from './tap-parties';
import { pendingDeadlines, resolutionWords } from './tap-process';

/**
 * The notices of a Teacher Assistance Plan: the plan opened, reminders of its review date, a review date passed
 * without a review, each review's outcome, other steps, the close. Built from the case and its clock (every date
 * from the clock); [design] they never carry what a plan documents or what a meeting said: that stays in the case,
 * where the access table decides who reads it (tap-parties.ts). The teacher's side (the teacher and the association
 * staff taking part) is addressed as `grievant-side`, the district's (administrator, district personnel, HR) as
 * `district-side`.
 */
export interface TapNoticeContext {
  readonly state: TapCase;
  readonly workflowId: string;
  readonly today: CalendarDate;
  readonly hr?: TapPerson | undefined;
  readonly deadlines?: readonly CaseDeadline[] | undefined;
}

/** TAP-TIMELINE: reminders of the review 5 school days before and on the day, to both sides; both hear of a missed one. */
export const TAP_REMINDER_POLICY: ReminderPolicy = {
  rules: [{ deadline: 'review', schoolDaysBefore: [5, 0], to: ['district-side', 'grievant-side'] }],
  overdueTo: ['district-side', 'grievant-side'],
  sendAt: { hour: 7, minute: 0 },
};

export function tapRecipients(ctx: TapNoticeContext, audiences: readonly NoticeAudience[]): NoticeRecipient[] {
  const { state } = ctx;
  const { plan } = currentPlan(state);
  const of = (p: TapPerson, role: string, audience: NoticeAudience): NoticeRecipient => ({ name: p.name, role, audience, email: p.email, postalAddress: p.postalAddress });
  const recipients: NoticeRecipient[] = [];
  if (audiences.includes('grievant-side')) {
    recipients.push(of(state.teacher, 'teacher', 'grievant-side'));
    for (const p of plan.associationStaff ?? []) recipients.push(of(p, 'association', 'grievant-side'));
  }
  if (audiences.includes('district-side')) {
    recipients.push(of(state.administrator, 'administrator', 'district-side'));
    for (const p of plan.districtPersonnel ?? []) recipients.push(of(p, 'district', 'district-side'));
    if (ctx.hr) recipients.push(of(ctx.hr, 'hr', 'district-side'));
  }
  return recipients;
}

/** A person as the case names them, else by their part in it; never by the login of their token. */
export function tapPersonName(state: TapCase, actor: Actor): string {
  const relation = tapRelation(state, actor);
  const { plan } = currentPlan(state);
  const named = (people: readonly TapPerson[] | undefined) => people?.find((p) => p.id !== undefined && (p.id === actor.id || p.id === actor.employeeId))?.name;
  switch (relation) {
    case 'teacher':
      return state.teacher.name;
    case 'administrator':
      return state.administrator.name;
    case 'association':
      return named(plan.associationStaff) ?? 'the association';
    case 'district':
      return named(plan.districtPersonnel) ?? 'the district';
    case 'hr':
      return 'Human Resources';
    case 'auditor':
    case 'other':
      return actor.id.startsWith('system:') ? 'the case clock' : 'the district';
    default: {
      const unknown: never = relation;
      throw new Error(`unknown relation ${String(unknown)}`);
    }
  }
}

function notice(ctx: TapNoticeContext, occasion: string, kind: NoticeKind, facts: Record<string, string>, to: readonly NoticeAudience[], channels: readonly NoticeChannel[], deadline?: NoticeDeadline): Notice {
  const { state } = ctx;
  const level = currentPlan(state).level;
  return {
    deliveryId: `${ctx.workflowId}:${occasion}`,
    kind,
    caseType: 'tap',
    caseId: state.id,
    workflowId: ctx.workflowId,
    district: state.district,
    template: `tap/${kind}`,
    facts: {
      caseId: state.id,
      district: state.district,
      teacher: state.teacher.name,
      administrator: state.administrator.name,
      school: state.school ?? '',
      level: String(level),
      levelName: TAP_LEVEL_NAMES[level],
      status: state.closed ? `closed (${resolutionWords(state.closed.outcome)})` : words(state.status),
      today: ctx.today,
      caseUrl: `/v1/tap/${encodeURIComponent(state.id)}`,
      nextDeadline: nextDeadlineText(ctx.deadlines),
      ...facts,
    },
    recipients: tapRecipients(ctx, to),
    channels,
    ...(deadline ? { deadline } : {}),
  };
}

/** The review of the current plan as the clock counted it, in words (or why there is no date yet). */
function reviewFacts(ctx: TapNoticeContext): { reviewBy: string; reviewCounting: string; deadline?: NoticeDeadline } {
  const spec = pendingDeadlines(ctx.state)[0];
  if (!spec) return { reviewBy: '', reviewCounting: '' };
  const clocked = ctx.deadlines?.find((d) => d.key === spec.key);
  const deadline = noticeDeadline(clocked);
  return { reviewBy: whenText(clocked, spec), reviewCounting: deadline ? countingText(deadline) : '', ...(deadline ? { deadline } : {}) };
}

const BOTH: readonly NoticeAudience[] = ['grievant-side', 'district-side'];

/** The plan opened: to both sides, in writing (TAP-DOC: the documented plan is the teacher's). */
export function tapOpened(ctx: TapNoticeContext, openedBy: Actor): Notice {
  const { deadline, ...review } = reviewFacts(ctx);
  return notice(ctx, 'opened', 'filing-receipt', { openedOn: longDate(ctx.state.openedOn), openedBy: tapPersonName(ctx.state, openedBy), ...review, nextDeadline: '' }, BOTH, ['email', 'webhook', 'letter'], deadline);
}

export function tapReminder(ctx: TapNoticeContext, reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }): Notice {
  return notice(ctx, reminder.id, 'deadline-reminder', reminderFacts(reminder, deadline), reminder.to, ['email', 'webhook']);
}

const ACTION_TEXT: Readonly<Record<string, string>> = {
  acknowledge: 'acknowledged the plan and the resource sheet',
  'revise-plan': 'documented the plan anew',
  'record-meeting': 'recorded a meeting',
};

/** The notices an accepted event sends. `sequence` numbers the case's actions so each occasion has its own delivery id. */
export function tapNoticesForEvent(
  ctx: TapNoticeContext,
  event: TapEvent,
  before: TapCase,
  notes: readonly string[],
  actor: Actor,
  sequence: number,
  missed?: { readonly key: string; readonly label: string; readonly due: CalendarDate },
): Notice[] {
  const after = ctx.state;
  const by = tapPersonName(before, actor);
  const list: Notice[] = [];
  switch (event.type) {
    case 'deadline-passed':
      if (missed) {
        list.push(notice(ctx, `${missed.key}:${missed.due}:missed`, 'deadline-missed', { deadlineLabel: missed.label, due: longDate(missed.due), rule: 'TAP-TIMELINE', consequence: notes.join('; ') }, TAP_REMINDER_POLICY.overdueTo, ['email', 'webhook']));
      }
      break;
    case 'review': {
      const reviewed = after.plans.find((p) => p.n === currentPlan(before).n)!.review!;
      const { deadline, ...review } = reviewFacts(ctx);
      const outcome = reviewed.toLevel ? `${words(reviewed.outcome)} to ${TAP_LEVEL_NAMES[reviewed.toLevel]}` : reviewed.outcome === 'exit' ? 'exit from the plan' : `resolved by ${resolutionWords(after.closed?.outcome ?? 'exited')}`;
      list.push(
        notice(
          ctx,
          `${sequence}:review`,
          'decision',
          {
            reviewedLevel: TAP_LEVEL_NAMES[currentPlan(before).level],
            outcome,
            decidedBy: by,
            decidedOn: longDate(reviewed.on),
            rule: 'TAP-TIMELINE',
            // The plan of the level moved to runs to its own review; a plan that ended has none.
            nextReview: after.closed ? '' : `the ${TAP_LEVEL_NAMES[currentPlan(after).level]} plan is reviewed by ${review.reviewBy}`,
            reviewCounting: review.reviewCounting,
            ...(deadline ? { nextDeadline: '' } : {}),
          },
          BOTH,
          ['email', 'webhook', 'letter'],
          deadline,
        ),
      );
      break;
    }
    case 'acknowledge':
    case 'revise-plan':
    case 'record-meeting':
      // `action` stays the action's type: the packet shows a reader only the notices of actions they may see.
      list.push(notice(ctx, `${sequence}:${event.type}`, 'action-recorded', { action: event.type, actionText: ACTION_TEXT[event.type]!, actor: by, at: longDate(ctx.today), notes: notes.join('; ') }, BOTH, ['email', 'webhook']));
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
  if (after.closed && !before.closed) {
    list.push(notice(ctx, `${sequence}:case-closed`, 'case-closed', { outcome: resolutionWords(after.closed.outcome), rule: after.closed.rule, closedOn: longDate(after.closed.on), reason: notes.join('; ') }, BOTH, ['email', 'webhook', 'letter']));
  }
  return list;
}
