import type { Actor } from '../actor';
import type { CalendarDate, RunningDeadline } from '../calendar';
import type { CaseDeadline } from '../calendar/case-clock-types';
import type { Notice, NoticeAudience, NoticeChannel, NoticeKind, NoticeRecipient } from '../notices/notice';
import { countingText, dueText, longDate, nextDeadlineText, withDisplayNames, words } from '../notices/notice-wording';
import type { ReminderPolicy, ScheduledReminder } from '../notices/reminder-policy';
import type { ObservationCycle, ObservationEvent, ProcessViolation } from './observation-cycle';
import { observationRelation } from './observation-parties';

/**
 * The notices of an observation cycle, built from its facts (pure). Sides: the educator's ('grievant-side') and the
 * district's ('district-side': the evaluators and HR). A process violation is told to the educator with the
 * grievance it offers (OBS-FEEDBACK-7, GRV-DEF, GRV-FILE-40) and to HR.
 */
export interface ObservationNoticeContext {
  readonly cycle: ObservationCycle;
  readonly workflowId: string;
  readonly today: CalendarDate;
  readonly deadlines?: readonly CaseDeadline[] | undefined;
}

/** [design] The evaluators hear 2 school days before a feedback week ends and on its last day; HR a month before the year ends. */
export const OBSERVATION_REMINDER_POLICY: ReminderPolicy = {
  rules: [
    { deadline: 'feedback', schoolDaysBefore: [2, 0], to: ['district-side'] },
    { deadline: 'year-end', schoolDaysBefore: [20], to: ['district-side'] },
  ],
  overdueTo: ['grievant-side', 'district-side'],
  sendAt: { hour: 7, minute: 0 },
};

export const cycleUrl = (cycle: Pick<ObservationCycle, 'id'>) => `/v1/observations/${cycle.id}`;

function recipients(cycle: ObservationCycle, audiences: readonly NoticeAudience[]): NoticeRecipient[] {
  const list: NoticeRecipient[] = [];
  if (audiences.includes('grievant-side')) list.push({ name: cycle.contacts.educator?.name ?? 'the educator', role: 'educator', audience: 'grievant-side', email: cycle.contacts.educator?.email });
  if (audiences.includes('district-side')) {
    for (const e of cycle.evaluators) if (e.email) list.push({ name: e.name ?? 'the evaluator', role: 'evaluator', audience: 'district-side', email: e.email });
    list.push({ name: cycle.contacts.hr?.name ?? 'Human Resources', role: 'hr', audience: 'district-side', email: cycle.contacts.hr?.email });
  }
  return list;
}

/** The cycle's evaluators by login id, for texts of the rules that name them by it (OBS-POSTCONF's facts). */
function evaluatorNames(cycle: ObservationCycle): Record<string, string> {
  return Object.fromEntries(cycle.evaluators.flatMap((e) => (e.name ? [[e.id, e.name] as const] : [])));
}

/** A person as the cycle names them, else by their part in it; never by the login of their token. */
function personName(cycle: ObservationCycle, actor: Actor): string {
  const relation = observationRelation(cycle, actor);
  switch (relation) {
    case 'educator':
      return cycle.contacts.educator?.name ?? 'the educator';
    case 'evaluator':
      return cycle.evaluators.find((e) => e.id === actor.id || e.id === actor.employeeId)?.name ?? 'the evaluator';
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

function notice(ctx: ObservationNoticeContext, occasion: string, kind: NoticeKind, facts: Record<string, string>, to: readonly NoticeAudience[], channels: readonly NoticeChannel[]): Notice {
  const { cycle } = ctx;
  return {
    deliveryId: `${ctx.workflowId}:${occasion}`,
    kind,
    caseType: 'observation-cycle',
    caseId: cycle.id,
    workflowId: ctx.workflowId,
    district: cycle.district,
    template: `observation-cycle/${kind}`,
    facts: {
      caseId: cycle.id,
      district: cycle.district,
      schoolYear: cycle.schoolYear,
      educator: cycle.contacts.educator?.name ?? 'the educator',
      track: `${cycle.track.label} (${cycle.track.observations} formal observation(s)${cycle.track.walkthroughs ? ` and ${cycle.track.walkthroughs} walkthrough(s)` : ''})`,
      status: words(cycle.status),
      today: ctx.today,
      caseUrl: cycleUrl(cycle),
      nextDeadline: nextDeadlineText(ctx.deadlines),
      ...facts,
    },
    recipients: recipients(cycle, to),
    channels,
  };
}

export function cycleReceipt(ctx: ObservationNoticeContext, openedBy: Actor): Notice {
  const { cycle } = ctx;
  return notice(
    ctx,
    'receipt',
    'filing-receipt',
    {
      receivedOn: longDate(cycle.openedOn),
      openedBy: personName(cycle, openedBy),
      coaching: cycle.coachingRequired ? 'An initial coaching conversation comes before the first observation (OBS-COACHING).' : '',
      announcement: cycle.track.announcement === 'all-announced' ? 'Every observation is announced (OBS-UNANNOUNCED).' : 'At least half of the observations are unannounced (OBS-UNANNOUNCED).',
    },
    ['grievant-side', 'district-side'],
    ['email', 'webhook'],
  );
}

export function cycleReminder(ctx: ObservationNoticeContext, reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }): Notice {
  return notice(
    ctx,
    reminder.id,
    'deadline-reminder',
    { deadlineLabel: deadline.label, dueOn: longDate(reminder.due), due: dueText(deadline.current), rule: deadline.current.rule, schoolDaysLeft: String(reminder.schoolDaysBefore), explanation: countingText(deadline.current) },
    reminder.to,
    ['email', 'webhook'],
  );
}

/** OBS-FEEDBACK-7, GRV-DEF, GRV-FILE-40: a process violation, with the grievance it offers and its last filing day. */
export function violationNotice(ctx: ObservationNoticeContext, violation: ProcessViolation): Notice {
  return notice(
    ctx,
    `violation:${violation.id}`,
    'process-violation',
    {
      violation: violation.id,
      rule: violation.rule,
      facts: withDisplayNames(violation.facts, evaluatorNames(ctx.cycle)),
      missedOn: longDate(violation.missedOn),
      grievance:
        `The evaluation process is grievable (GRV-DEF). A grievance about it is presented within 40 school days after ${longDate(violation.missedOn)} ` +
        `(GRV-FILE-40); Human Resources files it from this violation with POST /v1/grievances {"fromViolation": {"cycle": "${ctx.cycle.id}", "violation": "${violation.id}"}}.`,
    },
    ['grievant-side', 'district-side'],
    ['email', 'webhook'],
  );
}

/** The notices an accepted event sends: new process violations, recorded steps to the educator, the year-end report. */
export function cycleNoticesForEvent(ctx: ObservationNoticeContext, event: ObservationEvent, before: ObservationCycle, notes: readonly string[], actor: Actor, sequence: number): Notice[] {
  const after = ctx.cycle;
  const list: Notice[] = [];
  if (event.type !== 'deadline-passed' && event.type !== 'record-grievance' && event.type !== 'end-cycle') {
    list.push(notice(ctx, `${sequence}:${event.type}`, 'action-recorded', { action: event.type, actionText: words(event.type), actor: personName(before, actor), at: longDate(ctx.today), notes: withDisplayNames(notes.join('; '), evaluatorNames(ctx.cycle)) }, ['grievant-side'], ['email']));
  }
  for (const violation of after.violations.slice(before.violations.length)) list.push(violationNotice(ctx, violation));
  if (after.closed && !before.closed) {
    const report = after.report!;
    list.push(
      notice(
        ctx,
        `${sequence}:case-closed`,
        'case-closed',
        {
          outcome: words(after.closed.reason),
          rule: after.closed.rule,
          closedOn: longDate(after.closed.on),
          report: report.rules.map((r) => `${r.rule}: ${r.met ? 'met' : 'not met'} (${r.detail})`).join('\n'),
          violations: String(after.violations.length),
        },
        ['grievant-side', 'district-side'],
        ['email', 'webhook'],
      ),
    );
  }
  return list;
}
