import type { Notice } from '../../src/domain/notices/notice';

/**
 * A case's history budget (issue 11). Temporal refuses a history past a few MB (and a payload past ~2 MB); a case
 * that reached it could take no more actions and could not even be exported (`GRPC_MESSAGE_TOO_LARGE`). So the
 * kernel refuses, before it is accepted, an action whose request and answer would take the run's history past
 * HISTORY_BUDGET_BYTES, keeping HISTORY_RESERVE_BYTES for what no request causes (deadlines passing, reminders,
 * the closing notices, the archive request). A refused action changes nothing; the API answers 413.
 */
export const HISTORY_BUDGET_BYTES = 2 * 1024 * 1024;
export const HISTORY_RESERVE_BYTES = 192 * 1024;

/** Characters of a value's JSON: the size of its payload in the history, near enough (payloads are JSON). */
export function jsonSize(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

/**
 * What a run's history holds so far, counted by the workflow itself (deterministically, on replay too) from what
 * it puts there: its start input, each accepted request with the view it answered, each notice per channel. The
 * server's own figure (`workflowInfo().historySize`) wins where it is larger; Temporal's test server reports none.
 */
export class HistoryBudget {
  private used: number;

  constructor(startInput: unknown) {
    this.used = jsonSize(startInput);
  }

  /** An accepted request and the view it answered. */
  action(request: unknown, view: unknown): void {
    this.used += jsonSize(request) + jsonSize(view);
  }

  /** A notice: one activity input per channel, and its delivery records. */
  notice(notice: Notice): void {
    this.used += jsonSize(notice) * notice.channels.length;
  }

  /**
   * Whether a request would take the history past the budget: the request, the view it answers, and as much again
   * for the notices that carry the case's facts.
   */
  refuses(request: unknown, view: unknown, serverHistorySize: number): { readonly used: number; readonly growth: number } | undefined {
    const used = Math.max(this.used, serverHistorySize);
    const growth = jsonSize(request) + 2 * jsonSize(view);
    return used + growth > HISTORY_BUDGET_BYTES - HISTORY_RESERVE_BYTES ? { used, growth } : undefined;
  }
}
