import { defaultPayloadConverter } from '@temporalio/common';
import { temporal, type google } from '@temporalio/proto';
import type { Actor } from '../domain/actor';
import { timestampToIso } from '../temporal/proto-time';
import type { CaseDeadline, PauseRecord } from '../domain/calendar/case-clock-types';
import type { CaseAction } from '../domain/case/case-action';
import type { Notice, NoticeReceipt } from '../domain/notices/notice';

const { EventType } = temporal.api.enums.v1;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** One line of a case's story, in the district's words, with the history event it comes from. */
export interface TimelineEntry {
  readonly at: string;
  readonly kind: 'filed' | 'action' | 'deadline-passed' | 'deadline' | 'calendar' | 'clock' | 'notice' | 'closed';
  readonly summary: string;
  /** The event of the Temporal history this entry reads (absent for what the workflow derived in a task). */
  readonly eventId?: number | undefined;
  readonly runId?: string | undefined;
  readonly actor?: Actor | undefined;
  /** For actions and passed deadlines: the step (`decide`, `record-deliberation`, `decision-deadline-passed`). */
  readonly action?: string | undefined;
  /** For actions: what the rules said (the cause their deadline changes carry). */
  readonly notes?: readonly string[] | undefined;
  /** Where the case stood after it. */
  readonly stage?: { readonly status: string; readonly level: number } | undefined;
  /** Rule IDs applied. */
  readonly rules: readonly string[];
  readonly deadline?: { readonly key: string; readonly label: string; readonly change: string; readonly due?: string | undefined; readonly previousDue?: string | undefined; readonly cause: string } | undefined;
  readonly notice?: { readonly deliveryId: string; readonly kind: string; readonly channel: string; readonly destination: readonly string[]; readonly failure?: string | undefined } | undefined;
}

/** The case kernel's common record, as every family's view carries it: the action log and the clock. */
export interface CaseStateForTimeline {
  readonly actions: readonly CaseAction[];
  readonly clock: { readonly deadlines: readonly CaseDeadline[]; readonly pauses: readonly PauseRecord[] };
}

/** A view a case recorded (an update's or the run's result), as the common record; PAR runs before the kernel kept `log`. */
export function commonRecordOf(value: unknown): CaseStateForTimeline | undefined {
  const view = value as { actions?: unknown; log?: unknown; clock?: CaseStateForTimeline['clock']; case?: { district?: string } } | undefined;
  if (!view?.clock || !Array.isArray(view.clock.deadlines)) return undefined;
  if (Array.isArray(view.actions)) return view as CaseStateForTimeline;
  if (Array.isArray(view.log)) {
    const district = view.case?.district ?? '';
    const actions = (view.log as { action: string; by: string; at: string; notes?: string[] }[]).map((e) => ({ action: e.action, actor: { id: e.by, roles: [], district }, at: e.at, notes: e.notes }));
    return { actions, clock: view.clock };
  }
  return undefined;
}

const RULE_ID = /\b[A-Z]{3}-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g;
const NOTICE_ACTIVITIES = new Set(['sendNoticeEmail', 'postNoticeWebhook', 'printNoticeLetter']);
const CHANNEL: Record<string, string> = { sendNoticeEmail: 'email', postNoticeWebhook: 'webhook', printNoticeLetter: 'letter' };

/**
 * A case's timeline, read from its Temporal history (every run, in order): the filing, each action with its actor,
 * rules and resulting stage, the calendar amendments received, each notice delivered with its delivery id, and the
 * close. The case's own state as recorded in the history (the last update result or the completion result, or a
 * live query for a running case, `latest`) adds what the workflow derived inside its tasks: deadlines set, moved,
 * met or missed, with the old and new due dates and why, and deadlines that passed.
 */
export function caseTimeline(runs: readonly { readonly runId: string; readonly history: temporal.api.history.v1.IHistory }[], latest?: CaseStateForTimeline): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let recorded: CaseStateForTimeline | undefined;
  let opened: number | undefined;
  for (const { runId, history } of runs) {
    const scheduled = new Map<number, { type: string; notice?: Notice }>();
    const updates = new Map<string, number>();
    for (const event of history.events ?? []) {
      const eventId = Number(event.eventId);
      const at = instant(event.eventTime);
      switch (event.eventType) {
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
          const attributes = event.workflowExecutionStartedEventAttributes!;
          if (attributes.continuedExecutionRunId) break;
          // Refined below from the case's own opening entry (its first action), where the history records it.
          const start = first<{ filedBy?: Actor; filing?: { id?: string; level?: number }; opening?: { openedBy?: Actor } }>(attributes.input);
          const actor = start?.filedBy ?? start?.opening?.openedBy;
          opened = entries.length;
          entries.push(
            start?.filing
              ? { at, kind: 'filed', eventId, runId, actor, rules: ['GRV-CONTENT'], summary: `filed${start.filing.level === 0 ? ' for the informal step' : ` at level ${start.filing.level ?? 1}`} by ${actor?.id ?? 'unknown'}` }
              : { at, kind: 'filed', eventId, runId, actor, rules: [], summary: `opened by ${actor?.id ?? 'unknown'}` },
          );
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
          const request = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
          const args = first<{ action?: { type: string }; by?: Actor; reason?: string }>(request?.args);
          if (args?.action && typeof args.action.type === 'string') {
            updates.set(event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId ?? '', entries.length);
            entries.push({ at, kind: 'action', eventId, runId, actor: args.by, action: args.action.type, rules: [], summary: `${args.action.type} by ${args.by?.id ?? 'unknown'}` });
          } else if (request?.name === 'pauseClocks' || request?.name === 'resumeClocks') {
            entries.push({ at, kind: 'clock', eventId, runId, actor: args?.by, rules: [], summary: request.name === 'pauseClocks' ? `clocks paused by ${args?.by?.id}: ${args?.reason}` : `clocks resumed by ${args?.by?.id}` });
          }
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
          const result = commonRecordOf(first<unknown>(event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success));
          if (result) {
            recorded = result;
            // The update's entry learns from its result the rules applied and where the case then stood.
            const action = result.actions.at(-1);
            const index = updates.get(event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? '');
            // Its time is the workflow's clock when it applied the action, the same clock its deadline changes carry.
            if (action && index !== undefined) entries[index] = { ...entries[index]!, at: action.at, rules: rulesOf(action.notes), stage: action.stage, notes: action.notes, summary: describeAction(action) };
          }
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED: {
          const attributes = event.workflowExecutionSignaledEventAttributes!;
          if (attributes.signalName === 'calendarAmended') {
            const announcement = first<{ schoolYear: string; version: number; summary: string; reason: string; by?: Actor }>(attributes.input);
            entries.push({ at, kind: 'calendar', eventId, runId, actor: announcement?.by, rules: ['CAL-2'], summary: `calendar ${announcement?.schoolYear} v${announcement?.version} (${announcement?.reason}): ${announcement?.summary}` });
          }
          break;
        }
        case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
          const attributes = event.activityTaskScheduledEventAttributes!;
          const type = attributes.activityType?.name ?? '';
          if (NOTICE_ACTIVITIES.has(type)) scheduled.set(eventId, { type, notice: first<Notice>(attributes.input) });
          break;
        }
        case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
        case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
        case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
          const attributes = event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
          const origin = scheduled.get(Number(attributes?.scheduledEventId));
          if (!origin?.notice) break;
          const channel = CHANNEL[origin.type]!;
          const receipt = event.activityTaskCompletedEventAttributes ? first<NoticeReceipt>(event.activityTaskCompletedEventAttributes.result) : undefined;
          // A receipt with no destination delivered nothing (no webhook configured, no address): not a delivery.
          if (receipt && receipt.destination.length === 0) break;
          const failure = receipt ? undefined : (event.activityTaskFailedEventAttributes?.failure?.message ?? 'timed out');
          // A letter is named by its file, never by the server's path to it (receipts recorded before said the path).
          const destination = (receipt?.destination ?? []).map((d) => (channel === 'letter' ? (d.split(/[\\/]/).at(-1) ?? d) : d));
          entries.push({
            at,
            kind: 'notice',
            eventId,
            runId,
            rules: [],
            summary: `${origin.notice.kind} ${failure ? 'not delivered' : 'delivered'} by ${channel}${destination.length > 0 ? ` to ${destination.join(', ')}` : ''}`,
            notice: { deliveryId: receipt?.deliveryId ?? `${origin.notice.deliveryId}:${channel}`, kind: origin.notice.kind, channel, destination, failure },
          });
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: {
          const result = first<ClosedView>(event.workflowExecutionCompletedEventAttributes?.result);
          recorded = commonRecordOf(result) ?? recorded;
          const closing = closingOfView(result);
          entries.push({ at, kind: 'closed', eventId, runId, rules: closing ? [closing.rule] : [], summary: `case closed: ${closing?.reason ?? closing?.outcome ?? 'completed'}${closing ? ` on ${closing.on}` : ''}` });
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
          entries.push({ at, kind: 'closed', eventId, runId, rules: [], summary: `terminated by an operator: ${event.workflowExecutionTerminatedEventAttributes?.reason ?? ''}` });
          break;
        default:
          break;
      }
    }
  }

  const state = latest ?? recorded;
  if (state) {
    // The kernel's opening entry names the filing, referral or application and its rule.
    const opening = state.actions[0];
    if (opened !== undefined && opening && (opening.notes?.length ?? 0) > 0) {
      entries[opened] = { ...entries[opened]!, actor: opening.actor, action: opening.action, stage: opening.stage, rules: rulesOf(opening.notes), summary: describeAction(opening) };
    }
    for (const action of state.actions) {
      if (!action.action.endsWith('-deadline-passed')) continue;
      entries.push({ at: action.at, kind: 'deadline-passed', actor: action.actor, action: action.action, stage: action.stage, rules: rulesOf(action.notes), summary: describeAction(action) });
    }
    for (const deadline of state.clock.deadlines) {
      for (const change of deadline.changes) {
        entries.push({
          at: change.at,
          kind: 'deadline',
          rules: [...new Set([deadline.spec.rule, ...rulesOf([change.cause])])],
          summary: `${deadline.label}: ${change.change}${change.due ? ` (due ${change.due}${change.previousDue && change.previousDue !== change.due ? `, was ${change.previousDue}` : ''})` : ''}`,
          deadline: { key: deadline.key, label: deadline.label, change: change.change, due: change.due, previousDue: change.previousDue, cause: change.cause },
        });
      }
    }
  }
  // Stable by time: within one workflow task, history order (actions before what they caused).
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index).map(({ entry }) => entry);
}

type ClosedView = { process?: { closed?: Closing }; case?: { closed?: Closing } };
const closingOfView = (view: ClosedView | undefined) => view?.process?.closed ?? view?.case?.closed;

/**
 * How a case's last run closed (issue 15 item 5: what retention counts from): the day on the district calendar and
 * why (`withdrawn`, `final`, a plan's `exited` ...), read from the completed run's view, `history` decoded. Undefined
 * when the run did not complete (continued as new, failed, terminated) or names no closing.
 */
export function caseClosingOf(history: temporal.api.history.v1.IHistory): { readonly on: string; readonly as: string } | undefined {
  const last = history.events?.at(-1);
  if (last?.eventType !== EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) return undefined;
  const closing = closingOfView(first<ClosedView>(last.workflowExecutionCompletedEventAttributes?.result));
  return closing ? { on: closing.on, as: closing.reason ?? closing.outcome ?? 'completed' } : undefined;
}

interface Closing {
  /** Grievances and PAR name why a case closed `reason`; Teacher Assistance Plans `outcome` (exited, termination ...). */
  readonly reason?: string | undefined;
  readonly outcome?: string | undefined;
  readonly rule: string;
  readonly on: string;
}

/**
 * The timeline as one reader may read it: an action whose part of the case the reader may not see (a panel's
 * deliberation, a participant's goals and reports: PAR-PANEL-CONF, PAR-VOL-CONF) shows as the step, who took it and
 * when, without what it wrote.
 */
export function projectTimeline(entries: readonly TimelineEntry[], seesAction: (action: string) => boolean): TimelineEntry[] {
  const hidden = (entry: TimelineEntry) => entry.action !== undefined && (entry.kind === 'action' || entry.kind === 'deadline-passed') && !seesAction(entry.action);
  // A deadline met or moved by a hidden step carries that step's notes as its cause: withheld with it.
  const hiddenCauses = new Map(entries.filter((e) => hidden(e) && e.notes && e.notes.length > 0).map((e) => [e.notes!.join('; '), e.action!]));
  return entries.map((entry) => {
    if (hidden(entry)) {
      return { at: entry.at, kind: entry.kind, eventId: entry.eventId, runId: entry.runId, actor: entry.actor, action: entry.action, stage: entry.stage, rules: entry.rules, summary: `${entry.action} by ${entry.actor?.id ?? 'unknown'} (content withheld)` };
    }
    const step = entry.deadline && hiddenCauses.get(entry.deadline.cause);
    return step ? { ...entry, deadline: { ...entry.deadline!, cause: `${step} (content withheld)` } } : entry;
  });
}

function describeAction(action: CaseAction): string {
  const notes = action.notes && action.notes.length > 0 ? `: ${action.notes.join('; ')}` : '';
  return `${action.action} by ${action.actor.id}${notes}`;
}

function rulesOf(notes: readonly string[] | undefined): string[] {
  return [...new Set((notes ?? []).flatMap((n) => n.match(RULE_ID) ?? []))];
}

function first<T>(payloads: Payloads): T | undefined {
  const payload = payloads?.payloads?.[0];
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<T>(payload);
  } catch {
    return undefined;
  }
}

function instant(time: google.protobuf.ITimestamp | null | undefined): string {
  return timestampToIso(time) ?? new Date(0).toISOString();
}
