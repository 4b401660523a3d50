import { splitFacts } from '../notices/notice-facts';
import type { LongText } from '../case/stored-text';
import { identitiesOf, hasAnyRole, type Actor } from '../actor';
import type { CalendarDate, RunningDeadline } from '../calendar';
import type { CaseDeadline } from '../calendar/case-clock-types';
import type { Notice, NoticeAudience, NoticeChannel, NoticeDeadline, NoticeKind, NoticeRecipient } from '../notices/notice';
import { countingText, longDate, nextDeadlineText, noticeDeadline, whenText, words, reminderFacts } from '../notices/notice-wording';
import type { ScheduledReminder } from '../notices/reminder-policy';
import type { GrievanceCaseFile } from './grievance-case';
import { lastLevelOf, levelOf, type GrievancePolicy } from './grievance-policy';
import { pendingDeadlines, policyOf, type DeadlineKey, type GrievanceEvent, type GrievanceProcess } from './grievance-process';

/**
 * The notices of a grievance, built from its facts: receipt, reminders, missed deadlines, decisions, closing.
 * Pure: the workflow decides them, activities render and deliver them. Every delivery id is unique per occasion and
 * stable across replays and retries. Every date a notice states comes from the case clock, counted on the district
 * calendar; people are named as the case file names them, never by their login.
 */
export interface NoticeContext {
  readonly grievance: GrievanceCaseFile;
  readonly process: GrievanceProcess;
  readonly workflowId: string;
  readonly today: CalendarDate;
  /** The case clock's deadlines (after the change the notice tells of), each with its due date and explanation. */
  readonly deadlines?: readonly CaseDeadline[] | undefined;
  /** The clock's deadline of a level, when the case runs or ran it. */
  readonly deadlineOf?: ((deadline: DeadlineKey, level: number) => CaseDeadline | undefined) | undefined;
}

const LEVEL_NAMES = ['the informal step', 'level 1', 'level 2', 'level 3'] as const;

/** GRV-INFORMAL: who the teacher first discusses the matter with, when the case names no one. */
const INFORMAL_DECIDER = 'the principal';

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

/**
 * Who decides `level`: the decider the case names for it, else the office the district's procedure gives it
 * (GRV-DECIDE-10; a case without a pinned procedure: the offices of RULES.md).
 */
export function deciderName(grievance: GrievanceCaseFile, level: number, policy?: GrievancePolicy): string {
  const contacts = (grievance.filing.contacts ?? []).filter((c) => c.role === 'decider');
  const named = contacts.find((c) => c.level === level) ?? contacts.find((c) => c.level === undefined);
  if (named) return named.name;
  if (level === 0) return INFORMAL_DECIDER;
  return levelOf(policy ?? policyOf({}), level)?.decider.title ?? `the level ${level} decider`;
}

/** A person as the case file names them (a grievant, a contact), else by what they are to the case (at `level`). */
export function personName(grievance: GrievanceCaseFile, actor: Actor, level?: number, policy?: GrievancePolicy): string {
  const ids = identitiesOf(actor);
  const is = (subject: string | undefined) => subject !== undefined && ids.includes(subject);
  const named = grievance.filing.grievants.find((g) => is(g.subject)) ?? (grievance.filing.contacts ?? []).find((c) => is(c.subject));
  if (named) return named.name;
  if (actor.id.startsWith('system:')) return 'the case clock';
  const decides = level ?? (actor.levels?.length === 1 ? actor.levels[0] : undefined);
  if (hasAnyRole(actor, ['decider'])) return decides === undefined ? 'the district' : deciderName(grievance, decides, policy);
  if (hasAnyRole(actor, ['hr'])) return 'Human Resources';
  return 'the district';
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
    status: process.closed ? `closed (${words(process.closed.reason)})` : words(process.status),
    today: ctx.today,
    caseUrl: `/v1/grievances/${encodeURIComponent(grievance.id)}`,
    nextDeadline: nextDeadlineText(ctx.deadlines),
  };
}

function notice(
  ctx: NoticeContext,
  occasion: string,
  kind: NoticeKind,
  facts: Record<string, LongText>,
  to: readonly NoticeAudience[],
  channels: readonly NoticeChannel[],
  deadline?: NoticeDeadline,
): Notice {
  const { written, documents } = splitFacts(facts);
  return {
    deliveryId: `${ctx.workflowId}:${occasion}`,
    kind,
    caseType: 'grievance',
    caseId: ctx.grievance.id,
    workflowId: ctx.workflowId,
    district: ctx.grievance.district,
    template: `grievance/${kind}`,
    facts: { ...commonFacts(ctx), ...written },
    ...(documents ? { documents } : {}),
    recipients: recipientsOf(ctx.grievance, ctx.process.level, to),
    channels,
    ...(deadline ? { deadline } : {}),
  };
}

/** The acknowledgement of receipt, to both sides and the HR system. */
export function filingReceipt(ctx: NoticeContext, openedBy?: Actor): Notice {
  const { grievance } = ctx;
  return notice(
    ctx,
    'filing-receipt',
    'filing-receipt',
    {
      // The date the case counts from (the district's date of receipt, GRV-DECIDE-10), not the timestamp's UTC date.
      receivedOn: longDate(ctx.process.receivedOn ?? grievance.filing.receivedOn ?? grievance.filedAt.slice(0, 10)),
      filedBy: personName(grievance, openedBy ?? grievance.filedBy),
      statement: grievance.filing.statement,
    },
    ['grievant-side', 'district-side'],
    ['email', 'webhook'],
  );
}

/** What follows when a deadline passes unmet (RULES.md, under the case's procedure), said before it passes. */
function ifMissed(key: DeadlineKey, level: number, policy: GrievancePolicy): string {
  switch (key) {
    case 'filing':
      return 'the grievance is waived (GRV-FILE-40).';
    case 'conference':
      return policy.conferenceNeverScheduled === 'from-receipt'
        ? 'the decision clock runs from receipt without a conference (GRV-CONF-5).'
        : 'the decision clock runs from this deadline without a conference (GRV-CONF-5).';
    case 'decision':
      if (level < lastLevelOf(policy)) return `both sides are told, and the grievant may appeal to level ${level + 1} as if the grievance had been denied (GRV-DECISION-LATE).`;
      return policy.lastLevel.kind === 'arbitration-demand'
        ? 'both sides are told, and the grievant may demand arbitration as if the grievance had been denied (GRV-DECISION-LATE).'
        : 'both sides are told, and the final decision is still awaited (GRV-DECISION-LATE).';
    case 'appeal':
    case 'arbitration':
      return `the level ${level} decision is accepted and the grievance closes (GRV-ACCEPT).`;
    default: {
      const unknown: never = key;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}

/** A reminder of a running deadline, by email and to the HR system. */
export function deadlineReminder(ctx: NoticeContext, reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }, key?: DeadlineKey): Notice {
  return notice(
    ctx,
    `${reminder.id}`,
    'deadline-reminder',
    {
      ...reminderFacts(reminder, deadline),
      ifMissed: key ? ifMissed(key, ctx.process.level, policyOf(ctx.process)) : '',
    },
    reminder.to,
    ['email', 'webhook'],
  );
}

/** The appeal facts of a notice when no appeal is open: each renders empty, so its template line is left out. */
const NO_APPEAL: Readonly<Record<string, string>> = { appealBy: '', appealRule: '', appealCounting: '', nextLevelName: '', nextDecider: '', ifNoAppeal: '', finality: '' };

/**
 * What a grievant may do after a level's decision (given or missed): the appeal-by date the case clock counted
 * (GRV-APPEAL-5), to whom, and what follows if nothing is done (GRV-ACCEPT); or that the decision is final.
 */
function appealFacts(ctx: NoticeContext, level: number): { facts: Record<string, string>; deadline?: NoticeDeadline } {
  const { process } = ctx;
  const policy = policyOf(process);
  if (process.status !== 'appeal-window') {
    const finality = process.closed?.reason === 'final' ? `the level ${level} decision is final: the grievance procedure has no further step (GRV-FINAL).` : '';
    return { facts: { ...NO_APPEAL, finality } };
  }
  // After the last level of a procedure that ends in arbitration, the window is the demand for arbitration (GRV-FINAL).
  const key: DeadlineKey = level < lastLevelOf(policy) ? 'appeal' : 'arbitration';
  const spec = pendingDeadlines(process)[key]!;
  const clocked = ctx.deadlineOf?.(key, level);
  const deadline = noticeDeadline(clocked);
  return {
    facts: {
      appealBy: whenText(clocked, spec),
      appealRule: spec.rule,
      appealCounting: deadline ? countingText(deadline) : '',
      nextLevelName: key === 'appeal' ? (LEVEL_NAMES[level + 1] ?? `level ${level + 1}`) : 'arbitration',
      nextDecider: key === 'appeal' ? deciderName(ctx.grievance, level + 1, policy) : 'an arbitrator, on a demand for arbitration',
      ifNoAppeal: ifMissed(key, level, policy),
      finality: '',
    },
    ...(deadline ? { deadline } : {}),
  };
}

const ACTION_TEXT: Readonly<Record<string, string>> = {
  'declare-formal': 'declared the grievance formal',
  'schedule-conference': 'scheduled the conference',
  'representative-unavailable': 'reported that the representative is not available',
  appeal: 'appealed',
  'demand-arbitration': 'demanded arbitration',
  'policy-migrated': "applied a correction of the district's grievance procedure",
  'propose-extension': 'proposed an extension',
  'accept-extension': 'accepted the proposed extension',
};

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
  const closedNotice = (deadline?: NoticeDeadline) =>
    notice(
      ctx,
      `${sequence}:case-closed`,
      'case-closed',
      { outcome: words(closing!.reason), rule: closing!.rule, closedOn: longDate(closing!.on), reason: notes.join('; ') },
      both,
      ['email', 'webhook', 'letter'],
      deadline,
    );
  switch (event.type) {
    case 'decide': {
      const decision = after.decisions.at(-1)!;
      const atLevel = { ...ctx, process: { ...after, level: before.level } };
      const appeal = appealFacts(atLevel, before.level);
      // A final decision has no appeal window: its letter pictures the decision deadline it met.
      const pictured = appeal.deadline ?? noticeDeadline(ctx.deadlineOf?.('decision', before.level));
      return [
        notice(
          atLevel,
          `${sequence}:decision`,
          'decision',
          { outcome: words(event.outcome), decisionText: event.text, decidedBy: personName(ctx.grievance, actor, before.level, policyOf(after)), decidedOn: longDate(decision.on), ...appeal.facts, nextDeadline: '' },
          both,
          ['email', 'webhook', 'letter'],
          pictured,
        ),
      ];
    }
    case 'deadline-passed': {
      const key: DeadlineKey = event.deadline;
      const list: Notice[] = [];
      if (missed) {
        const atLevel = { ...ctx, process: { ...after, level: before.level } };
        // A missed decision opens the appeal window (GRV-DECISION-LATE): the notice says until when.
        const appeal = key === 'decision' ? appealFacts(atLevel, before.level) : undefined;
        list.push(
          notice(
            atLevel,
            `${missed.key}:${missed.due}:missed`,
            'deadline-missed',
            {
              deadlineLabel: missed.label,
              due: longDate(missed.due),
              rule: ruleOf(key),
              consequence: notes.join('; '),
              ...(appeal?.facts ?? NO_APPEAL),
              // The appeal lines state the deadline that runs next; otherwise the case's next deadline does.
              ...(appeal?.deadline ? { nextDeadline: '' } : {}),
            },
            missed.overdueTo,
            // A missed decision is told in writing: the grievant's appeal rights run from it (GRV-DECISION-LATE).
            key === 'decision' ? ['email', 'webhook', 'letter'] : ['email', 'webhook'],
            appeal?.deadline ?? noticeDeadline(ctx.deadlineOf?.(key, before.level)),
          ),
        );
      }
      if (closing) list.push(closedNotice(noticeDeadline(ctx.deadlineOf?.(key, before.level))));
      return list;
    }
    case 'withdraw':
    case 'resolve-informally':
    case 'demand-arbitration':
      return closing ? [closedNotice()] : [];
    case 'declare-formal':
    case 'schedule-conference':
    case 'representative-unavailable':
    case 'appeal':
    case 'propose-extension':
    case 'accept-extension':
    case 'policy-migrated':
      return [
        notice(
          ctx,
          `${sequence}:${event.type}`,
          'action-recorded',
          // `action` stays the action's type: the packet shows a reader only the notices of actions they may see.
          { action: event.type, actionText: ACTION_TEXT[event.type] ?? event.type, actor: personName(ctx.grievance, actor), at: longDate(ctx.today), notes: notes.join('; ') },
          both,
          ['email', 'webhook'],
        ),
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
    case 'arbitration':
      return 'GRV-FINAL';
    default: {
      const unknown: never = key;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}
