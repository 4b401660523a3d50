import type { Actor } from '../actor';
import type { CalendarDate, RunningDeadline } from '../calendar';
import type { CaseDeadline } from '../calendar/case-clock-types';
import type { Notice, NoticeAudience, NoticeChannel, NoticeDeadline, NoticeKind, NoticeRecipient } from '../notices/notice';
import { countingText, dueText, longDate, nextDeadlineText, noticeDeadline, words, reminderFacts, withDisplayNames } from '../notices/notice-wording';
import type { ReminderPolicy, ScheduledReminder } from '../notices/reminder-policy';
import type { ParCase, ParDeadlineKey, ParEvent } from './par-case';
import { relationTo } from './par-relation';

/**
 * The notices of a PAR intervention, built from its facts (pure, like grievance-notices.ts). Sides: the
 * participant's ('grievant-side': participant and representative) and the program's ('district-side': the panel
 * and HR). PAR-VOL-CONF: a Volunteer's notices go to the participant side only, by email, never to the HR webhook.
 */
export interface ParNoticeContext {
  readonly state: ParCase;
  readonly workflowId: string;
  readonly today: CalendarDate;
  /** The case clock's deadlines after the change: every date a notice states comes from here. */
  readonly deadlines?: readonly CaseDeadline[] | undefined;
  /** The clock's deadline the case runs now for a key, if any. */
  readonly deadlineOf?: ((key: ParDeadlineKey) => CaseDeadline | undefined) | undefined;
  readonly contacts?: {
    readonly panel?: { readonly name: string; readonly email?: string | undefined } | undefined;
    readonly hr?: { readonly name: string; readonly email?: string | undefined } | undefined;
  } | undefined;
  /** Display names by login id (the program year's consulting teachers): notices name people, not login ids. */
  readonly people?: Readonly<Record<string, string>> | undefined;
}

/** A person named by a login id, by their display name where the case knows it. */
export function displayName(people: ParNoticeContext['people'], id: string): string {
  return people?.[id] ?? id;
}

/** Notes of the rules (kept with login ids in the case record), with each known login id as its display name. */
const namedNotes = (people: ParNoticeContext['people'], notes: readonly string[]) => withDisplayNames(notes.join('; '), people);

/** [design] Reminders 2 school days before and on the due day, to the side that must act. */
export const PAR_REMINDER_POLICY: ReminderPolicy = {
  rules: [
    { deadline: 'acceptance-notice', schoolDaysBefore: [2, 0], to: ['district-side'] },
    { deadline: 'consulting-teacher-request', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
    { deadline: 'consulting-teacher-assignment', schoolDaysBefore: [2, 0], to: ['district-side'] },
    { deadline: 'semester-review', schoolDaysBefore: [2, 0], to: ['district-side'] },
    { deadline: 'final-response', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
    { deadline: 'outcome', schoolDaysBefore: [2, 0], to: ['district-side'] },
  ],
  // PAR-MONTHLY: an overdue log (and every other missed deadline) is the panel's to follow up.
  overdueTo: ['district-side'],
  sendAt: { hour: 7, minute: 0 },
};

const volunteer = (state: ParCase) => state.participation.kind === 'volunteer';

export function parRecipients(ctx: ParNoticeContext, audiences: readonly NoticeAudience[]): NoticeRecipient[] {
  const { state, contacts } = ctx;
  const recipients: NoticeRecipient[] = [];
  if (audiences.includes('grievant-side')) {
    recipients.push({ name: state.participant.name, role: 'participant', audience: 'grievant-side', email: state.participant.email });
    if (state.representative) recipients.push({ name: state.representative.name, role: 'representative', audience: 'grievant-side', email: state.representative.email });
  }
  if (audiences.includes('district-side')) {
    if (contacts?.panel) recipients.push({ name: contacts.panel.name, role: 'panel', audience: 'district-side', email: contacts.panel.email });
    if (contacts?.hr) recipients.push({ name: contacts.hr.name, role: 'hr', audience: 'district-side', email: contacts.hr.email });
  }
  return recipients;
}

/**
 * A person as the case names them (participant, representative, evaluator, principal; a consulting teacher by the
 * program's roster name), else by their part in it: never by a login id.
 */
export function parPersonName(state: ParCase, actor: Actor, people?: ParNoticeContext['people']): string {
  const relation = relationTo(state, actor);
  const rosterName = [actor.id, actor.employeeId].map((id) => (id === undefined ? undefined : people?.[id])).find((name) => name !== undefined);
  switch (relation) {
    case 'participant':
      return state.participant.name;
    case 'representative':
      return state.representative?.name ?? 'the representative';
    case 'evaluator':
      return state.evaluator?.name ?? 'the evaluator';
    case 'principal':
      return state.principal?.name ?? 'the principal';
    case 'consulting-teacher':
      return rosterName ? `${rosterName}, the consulting teacher` : 'the consulting teacher';
    case 'assistant':
      return rosterName ? `${rosterName}, the assistant consulting teacher` : 'the assistant consulting teacher';
    case 'panel':
      return 'the PAR panel';
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

function notice(
  ctx: ParNoticeContext,
  occasion: string,
  kind: NoticeKind,
  facts: Record<string, string>,
  to: readonly NoticeAudience[],
  channels: readonly NoticeChannel[],
  deadline?: NoticeDeadline,
): Notice {
  const { state } = ctx;
  const confidential = volunteer(state);
  return {
    deliveryId: `${ctx.workflowId}:${occasion}`,
    kind,
    caseType: 'par',
    caseId: state.id,
    workflowId: ctx.workflowId,
    district: state.district,
    template: `par/${kind}`,
    facts: {
      caseId: state.id,
      district: state.district,
      participant: state.participant.name,
      participation: state.participation.kind === 'referred' ? 'Referred' : 'Volunteer',
      status: state.closed ? `closed (${words(state.closed.reason)})` : words(state.status),
      today: ctx.today,
      caseUrl: `/v1/par/${encodeURIComponent(state.id)}`,
      nextDeadline: nextDeadlineText(ctx.deadlines),
      ...facts,
    },
    recipients: parRecipients(ctx, confidential ? ['grievant-side'] : to),
    channels: confidential ? channels.filter((c) => c !== 'webhook') : channels,
    ...(deadline ? { deadline } : {}),
  };
}

/** The receipt of a referral or a volunteer's application. */
export function parReceipt(ctx: ParNoticeContext, openedBy: Actor): Notice {
  return notice(ctx, 'receipt', 'filing-receipt', { receivedOn: longDate(ctx.state.startedOn), openedBy: parPersonName(ctx.state, openedBy, ctx.people) }, ['grievant-side', 'district-side'], ['email', 'webhook']);
}

export function parReminder(ctx: ParNoticeContext, reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }): Notice {
  return notice(ctx, reminder.id, 'deadline-reminder', reminderFacts(reminder, deadline), reminder.to, ['email', 'webhook']);
}

/**
 * The notices an accepted event sends: the acceptance notice by registered mail (PAR-ACCEPT-NOTICE), the panel's
 * decisions (PAR-VOL-ELIG, PAR-OUTCOME, to participant, HR for the superintendent and board), the overdue notice
 * to the panel when a deadline passes (PAR-MONTHLY ...), and the closing.
 */
export function parNoticesForEvent(
  ctx: ParNoticeContext,
  event: ParEvent,
  before: ParCase,
  notes: readonly string[],
  actor: Actor,
  sequence: number,
  missed?: { readonly occurrence: string; readonly label: string; readonly due: CalendarDate; readonly rule: string },
): Notice[] {
  const after = ctx.state;
  const list: Notice[] = [];
  const both: NoticeAudience[] = ['grievant-side', 'district-side'];
  const by = parPersonName(before, actor, ctx.people);
  if (event.type === 'deadline-passed' && missed) {
    list.push(
      notice(ctx, `${missed.occurrence}:${missed.due}:missed`, 'deadline-missed', { deadlineLabel: missed.label, due: longDate(missed.due), rule: missed.rule, consequence: namedNotes(ctx.people, notes) }, PAR_REMINDER_POLICY.overdueTo, ['email', 'webhook']),
    );
  } else if (event.type === 'send-acceptance-notice') {
    const sent = after.acceptanceNotice!;
    // PAR-CT-SELECT-10: the request's due date as the clock counted it (10 work days on the district calendar).
    const request = noticeDeadline(ctx.deadlineOf?.('consulting-teacher-request'));
    const requestBy = request
      ? `Request one by ${dueText(request)}: ${countingText(request)} (PAR-CT-SELECT-10). Otherwise the panel designates one.`
      : 'Request one within 10 work days (PAR-CT-SELECT-10); otherwise the panel designates one.';
    list.push(
      notice(
        ctx,
        `${sequence}:acceptance-notice`,
        'decision',
        {
          decision: 'accepted into Peer Assistance and Review',
          details: `Consulting teachers available to you: ${sent.consultingTeachers.map((id) => displayName(ctx.people, id)).join(', ')}. ${requestBy}${sent.trackingNumber ? ` Registered mail ${sent.trackingNumber}.` : ''}`,
          decidedBy: by,
          decidedOn: longDate(sent.sentOn),
          rule: 'PAR-ACCEPT-NOTICE',
          // The details state the deadline that runs next.
          ...(request ? { nextDeadline: '' } : {}),
        },
        both,
        ['email', 'letter'],
        request,
      ),
    );
  } else if (event.type === 'panel-vote' && after.votes.length > before.votes.length) {
    const vote = after.votes.at(-1)!;
    list.push(
      notice(
        ctx,
        `${sequence}:panel-vote`,
        'decision',
        {
          decision: `${vote.motion.kind}: ${vote.carried ? 'carried' : 'not carried'} (${vote.tally.yes} yes, ${vote.tally.no} no, ${vote.tally.abstain} abstaining)`,
          details: namedNotes(ctx.people, notes),
          decidedBy: 'the PAR panel',
          decidedOn: longDate(vote.on),
          rule: vote.motion.kind === 'approve-volunteer' ? 'PAR-VOL-ELIG' : 'PAR-OUTCOME',
        },
        both,
        ['email', 'webhook', 'letter'],
      ),
    );
  } else if (event.type !== 'deadline-passed' && event.type !== 'place-offered' && !after.closed && event.type !== 'record-deliberation') {
    // PAR-PANEL-CONF: a deliberation is never announced; other steps are told to the participant side.
    list.push(notice(ctx, `${sequence}:${event.type}`, 'action-recorded', { action: event.type, actionText: words(event.type), actor: by, at: longDate(ctx.today), notes: namedNotes(ctx.people, notes) }, ['grievant-side'], ['email']));
  }
  if (after.closed && !before.closed) {
    list.push(
      notice(ctx, `${sequence}:case-closed`, 'case-closed', { outcome: words(after.closed.reason), rule: after.closed.rule, closedOn: longDate(after.closed.on), reason: namedNotes(ctx.people, notes) }, both, ['email', 'webhook', 'letter']),
    );
  }
  return list;
}
