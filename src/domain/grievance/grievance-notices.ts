import type { Actor } from '../actor';
import type { CalendarDate, RunningDeadline } from '../calendar';
import type { Notice, NoticeAudience, NoticeChannel, NoticeKind, NoticeRecipient } from '../notices/notice';
import type { ScheduledReminder } from '../notices/reminder-policy';
import type { GrievanceCaseFile } from './grievance-case';
import type { DeadlineKey, GrievanceEvent, GrievanceProcess } from './grievance-process';

/**
 * The notices of a grievance, built from its facts: receipt, reminders, missed deadlines, decisions, closing.
 * Pure: the workflow decides them, activities render and deliver them. Every delivery id is unique per occasion and
 * stable across replays and retries.
 */
export interface NoticeContext {
  readonly grievance: GrievanceCaseFile;
  readonly process: GrievanceProcess;
  readonly workflowId: string;
  readonly today: CalendarDate;
}

const LEVEL_NAMES = ['the informal step', 'level 1', 'level 2', 'level 3'] as const;

/** Everyone on a side of the case: grievants and representative; the level's decider and HR. */
export function recipientsOf(grievance: GrievanceCaseFile, level: number, audiences: readonly NoticeAudience[]): NoticeRecipient[] {
  const recipients: NoticeRecipient[] = [];
  if (audiences.includes('grievant-side')) {
    for (const g of grievance.filing.grievants) recipients.push({ name: g.name, role: 'grievant', audience: 'grievant-side', email: g.email, postalAddress: g.postalAddress });
    for (const c of grievance.filing.contacts ?? []) {
      if (c.role === 'representative') recipients.push({ name: c.name, role: c.role, audience: 'grievant-side', email: c.email, postalAddress: c.postalAddress });
    }
  }
  if (audiences.includes('district-side')) {
    for (const c of grievance.filing.contacts ?? []) {
      const decidesHere = c.role === 'decider' && (c.level === undefined || c.level === level);
      if (decidesHere || c.role === 'hr') recipients.push({ name: c.name, role: c.role, audience: 'district-side', email: c.email, postalAddress: c.postalAddress });
    }
  }
  return recipients;
}

function commonFacts(ctx: NoticeContext): Record<string, string> {
  const { grievance, process } = ctx;
  return {
    caseId: grievance.id,
    district: grievance.district,
    grievants: grievance.filing.grievants.map((g) => g.name).join(', '),
    school: grievance.filing.school ?? '',
    level: String(process.level),
    levelName: LEVEL_NAMES[process.level],
    status: process.closed ? `closed (${process.closed.reason})` : process.status,
    today: ctx.today,
    caseUrl: `/v1/grievances/${encodeURIComponent(grievance.id)}`,
  };
}

function notice(ctx: NoticeContext, occasion: string, kind: NoticeKind, facts: Record<string, string>, to: readonly NoticeAudience[], channels: readonly NoticeChannel[]): Notice {
  return {
    deliveryId: `${ctx.workflowId}:${occasion}`,
    kind,
    caseType: 'grievance',
    caseId: ctx.grievance.id,
    workflowId: ctx.workflowId,
    district: ctx.grievance.district,
    template: `grievance/${kind}`,
    facts: { ...commonFacts(ctx), ...facts },
    recipients: recipientsOf(ctx.grievance, ctx.process.level, to),
    channels,
  };
}

/** The acknowledgement of receipt, to both sides and the HR system. */
export function filingReceipt(ctx: NoticeContext): Notice {
  const { grievance } = ctx;
  return notice(
    ctx,
    'filing-receipt',
    'filing-receipt',
    { receivedOn: grievance.filing.receivedOn ?? grievance.filedAt.slice(0, 10), filedBy: grievance.filedBy.id, statement: grievance.filing.statement },
    ['grievant-side', 'district-side'],
    ['email', 'webhook'],
  );
}

/** A reminder of a running deadline, by email and to the HR system. */
export function deadlineReminder(ctx: NoticeContext, reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }): Notice {
  const explanation = deadline.current.skipped.map((s) => `${s.from}${s.to !== s.from ? ` to ${s.to}` : ''} (${s.reason})`).join('; ');
  return notice(
    ctx,
    `${reminder.id}`,
    'deadline-reminder',
    {
      deadlineLabel: deadline.label,
      due: reminder.due,
      rule: deadline.current.rule,
      schoolDaysLeft: String(reminder.schoolDaysBefore),
      explanation: `${deadline.current.count} ${deadline.current.unit}s after ${deadline.current.trigger}${explanation ? `; not counted: ${explanation}` : ''}`,
    },
    reminder.to,
    ['email', 'webhook'],
  );
}

/**
 * The notices an accepted event sends. `before` and `after` are the process around it; `notes` what the transition
 * said; `sequence` numbers the case's actions so each occasion has its own delivery id.
 */
export function noticesForEvent(
  ctx: NoticeContext,
  event: GrievanceEvent,
  before: GrievanceProcess,
  notes: readonly string[],
  actor: Actor,
  sequence: number,
  missed?: { readonly key: string; readonly label: string; readonly due: CalendarDate; readonly overdueTo: readonly NoticeAudience[] },
): Notice[] {
  const after = ctx.process;
  const both: NoticeAudience[] = ['grievant-side', 'district-side'];
  const closing = after.closed && !before.closed ? after.closed : undefined;
  const closedNotice = () =>
    notice(
      ctx,
      `${sequence}:case-closed`,
      'case-closed',
      { outcome: closing!.reason, rule: closing!.rule, closedOn: closing!.on, reason: notes.join('; ') },
      both,
      ['email', 'webhook', 'letter'],
    );
  switch (event.type) {
    case 'decide': {
      const decision = after.decisions.at(-1)!;
      const appeal = after.status === 'appeal-window' ? 'within 5 school days (GRV-APPEAL-5); see the case deadlines' : 'no appeal: this decision is final (GRV-FINAL)';
      return [
        notice(
          { ...ctx, process: { ...after, level: before.level } },
          `${sequence}:decision`,
          'decision',
          { outcome: event.outcome, decisionText: event.text, decidedBy: actor.id, decidedOn: decision.on, appealBy: appeal },
          both,
          ['email', 'webhook', 'letter'],
        ),
      ];
    }
    case 'deadline-passed': {
      const key: DeadlineKey = event.deadline;
      const list: Notice[] = [];
      if (missed) {
        list.push(
          notice(
            { ...ctx, process: { ...after, level: before.level } },
            `${missed.key}:${missed.due}:missed`,
            'deadline-missed',
            { deadlineLabel: missed.label, due: missed.due, rule: ruleOf(key), consequence: notes.join('; ') },
            missed.overdueTo,
            // A missed decision is told in writing: the grievant's appeal rights run from it (GRV-DECISION-LATE).
            key === 'decision' ? ['email', 'webhook', 'letter'] : ['email', 'webhook'],
          ),
        );
      }
      if (closing) list.push(closedNotice());
      return list;
    }
    case 'withdraw':
    case 'resolve-informally':
      return closing ? [closedNotice()] : [];
    case 'declare-formal':
    case 'schedule-conference':
    case 'representative-unavailable':
    case 'appeal':
    case 'propose-extension':
    case 'accept-extension':
      return [
        notice(ctx, `${sequence}:${event.type}`, 'action-recorded', { action: event.type, actor: actor.id, at: ctx.today, notes: notes.join('; ') }, both, ['email', 'webhook']),
      ];
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function ruleOf(key: DeadlineKey): string {
  switch (key) {
    case 'filing':
      return 'GRV-FILE-40';
    case 'conference':
      return 'GRV-CONF-5';
    case 'decision':
      return 'GRV-DECIDE-10';
    case 'appeal':
      return 'GRV-APPEAL-5';
    default: {
      const unknown: never = key;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}
