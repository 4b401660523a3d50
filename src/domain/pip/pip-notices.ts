import { identitiesOf, type Actor } from '../actor';
import type { CalendarDate, RunningDeadline } from '../calendar';
import type { CaseDeadline } from '../calendar/case-clock-types';
import type { Notice, NoticeAudience, NoticeChannel, NoticeKind, NoticeRecipient } from '../notices/notice';
import { countingText, dueText, longDate, nextDeadlineText, noticeDeadline, words } from '../notices/notice-wording';
import type { ReminderPolicy, ScheduledReminder } from '../notices/reminder-policy';
import { pipRelation } from './pip-access';
import type { PipEvent, PipState } from './pip-case';
import { PIP_DEADLINE_RULES, parseDeadlineKey } from './pip-deadlines';

/**
 * The notices of an improvement plan, built from its facts (pure). Sides: the employee ('grievant-side') and the
 * primary evaluator ('district-side'); every notice also goes to the HR system's webhook. Notes name steps and
 * rules, never what a plan, a comment or a piece of evidence says: team members and HR read that in the case.
 */
export interface PipNoticeContext {
  readonly state: PipState;
  readonly workflowId: string;
  readonly today: CalendarDate;
  readonly deadlines?: readonly CaseDeadline[] | undefined;
}

/** PIP-STEPS: check-ins and completions are reminded 2 school days before and on the day, to the evaluator and the employee. */
export const PIP_REMINDER_POLICY: ReminderPolicy = {
  rules: [
    { deadline: 'check-in', schoolDaysBefore: [2, 0], to: ['district-side', 'grievant-side'] },
    { deadline: 'completion', schoolDaysBefore: [2, 0], to: ['district-side', 'grievant-side'] },
    // PIP-STATUS [design]: the evaluator records the end-of-year status; reminded a week of school before the year ends.
    { deadline: 'year-end-status', schoolDaysBefore: [5, 0], to: ['district-side'] },
  ],
  overdueTo: ['district-side', 'grievant-side'],
  sendAt: { hour: 7, minute: 0 },
};

export function pipRecipients(state: PipState, audiences: readonly NoticeAudience[]): NoticeRecipient[] {
  return [
    ...(audiences.includes('grievant-side') ? [{ name: state.employee.name, role: 'employee', audience: 'grievant-side' as const, email: state.employee.email }] : []),
    ...(audiences.includes('district-side') ? [{ name: state.evaluator.name, role: 'evaluator', audience: 'district-side' as const, email: state.evaluator.email }] : []),
  ];
}

/** A person as the case names them, else by their part in it (never by the login of their token). */
export function pipPersonName(state: PipState, actor: Actor): string {
  const relation = pipRelation(state, actor);
  switch (relation) {
    case 'employee':
      return state.employee.name;
    case 'evaluator':
      return state.evaluator.name;
    case 'team-member': {
      // PIP-TEAM: the member the relation found (a member listed without an account is nobody's token).
      const ids = identitiesOf(actor);
      return state.team.find((m) => m.id !== undefined && ids.includes(m.id))?.name ?? 'a team member';
    }
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

function notice(ctx: PipNoticeContext, occasion: string, kind: NoticeKind, facts: Record<string, string>, to: readonly NoticeAudience[], channels: readonly NoticeChannel[], deadline?: CaseDeadline): Notice {
  const { state } = ctx;
  const pictured = noticeDeadline(deadline);
  return {
    deliveryId: `${ctx.workflowId}:${occasion}`,
    kind,
    caseType: 'improvement-plan',
    caseId: state.id,
    workflowId: ctx.workflowId,
    district: state.district,
    template: `pip/${kind}`,
    facts: {
      caseId: state.id,
      district: state.district,
      employee: state.employee.name,
      evaluator: state.evaluator.name,
      schoolYear: state.schoolYear,
      plans: String(state.plans.length),
      status: state.closed ? `closed (${words(state.closed.reason)})` : words(state.status),
      today: ctx.today,
      caseUrl: `/v1/pip/${encodeURIComponent(state.id)}`,
      nextDeadline: nextDeadlineText(ctx.deadlines),
      ...facts,
    },
    recipients: pipRecipients(state, to),
    channels,
    ...(pictured ? { deadline: pictured } : {}),
  };
}

const BOTH: readonly NoticeAudience[] = ['grievant-side', 'district-side'];

/** The plan as opened: to the employee and the evaluator, and by registered mail (a formal placement on a plan). */
export function pipReceipt(ctx: PipNoticeContext, openedBy: Actor): Notice {
  return notice(ctx, 'receipt', 'filing-receipt', { openedOn: longDate(ctx.state.openedOn), openedBy: pipPersonName(ctx.state, openedBy) }, BOTH, ['email', 'webhook', 'letter']);
}

export function pipReminder(ctx: PipNoticeContext, reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }): Notice {
  return notice(
    ctx,
    reminder.id,
    'deadline-reminder',
    { deadlineLabel: deadline.label, dueOn: longDate(reminder.due), due: dueText(deadline.current), rule: deadline.current.rule, schoolDaysLeft: String(reminder.schoolDaysBefore), explanation: countingText(deadline.current) },
    reminder.to,
    ['email', 'webhook'],
    ctx.deadlines?.find((d) => d.key === reminder.deadlineKey),
  );
}

/** The notices of an accepted event: a missed deadline to both, each step recorded to both, the close by letter too. */
export function pipNoticesForEvent(ctx: PipNoticeContext, event: PipEvent, before: PipState, notes: readonly string[], actor: Actor, sequence: number, missed?: { readonly key: string; readonly label: string; readonly due: CalendarDate }): Notice[] {
  const after = ctx.state;
  const list: Notice[] = [];
  if (event.type === 'deadline-passed') {
    if (missed) {
      const kind = parseDeadlineKey(missed.key)?.kind;
      list.push(
        notice(
          ctx,
          `${missed.key}:missed`,
          'deadline-missed',
          { deadlineLabel: missed.label, due: longDate(missed.due), rule: kind ? PIP_DEADLINE_RULES[kind] : 'PIP-STEPS', consequence: notes.join('; ') },
          PIP_REMINDER_POLICY.overdueTo,
          ['email', 'webhook'],
        ),
      );
    }
  } else if (!after.closed) {
    list.push(notice(ctx, `${sequence}:${event.type}`, 'action-recorded', { action: event.type, actionText: words(event.type), actor: pipPersonName(before, actor), at: longDate(ctx.today), notes: notes.join('; ') }, BOTH, ['email', 'webhook']));
  }
  if (after.closed && !before.closed) {
    const statuses = after.plans.map((p) => `plan ${p.id}: ${p.status ? words(p.status.status) : 'no status'}`).join('; ');
    list.push(
      notice(ctx, `${sequence}:case-closed`, 'case-closed', { outcome: words(after.closed.reason), statuses, rule: after.closed.rule, closedOn: longDate(after.closed.on), reason: notes.join('; ') }, BOTH, ['email', 'webhook', 'letter']),
    );
  }
  return list;
}
