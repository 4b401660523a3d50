import { ApplicationFailure, condition, defineUpdate, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { KERNEL_FAILURE_TYPES } from '../../src/domain/case/refusal';

/**
 * The create's one round trip (issue 11): the API starts a case with this Update (update-with-start) and answers
 * the Update's result, the case with its computed deadlines, instead of starting it and then querying it. When the
 * case exists already, the Update reaches that case: it answers only the request that opened it (by its request id)
 * or a retry of it (same Idempotency-Key, same request digest); the key reused for another request is refused
 * (422), and any other request finds the case taken (409). Nothing of the request is personal (a random id, a key,
 * a digest), and they are all in the case's memo from its start.
 */
export interface CaseOpenedRequest {
  readonly requestId: string;
  readonly idempotency?: { readonly idempotencyKey: string; readonly requestDigest: string } | undefined;
}

/** What the API puts in a case's memo when it starts it. */
export interface CaseOpeningMemo {
  readonly requestId?: string | undefined;
  readonly idempotencyKey?: string | undefined;
  readonly requestDigest?: string | undefined;
}

export const caseOpenedUpdate = defineUpdate<unknown, [CaseOpenedRequest]>('caseOpened');

/** ApplicationFailure type of a create that finds the case opened by another request (the API answers 409). */
export const CASE_ALREADY_OPENED = 'CaseAlreadyOpened';

/**
 * CAL-3: the patch under which the create's answer waits for the deadlines already past when the case is entered
 * to fire (a filing entered with its real past dates), so the 201 shows the case as it stands, not a `pending`
 * deadline that fires a moment later. Cases opened before it answered at once and replay so.
 */
export const OPENED_AFTER_PAST_DEADLINES = 'opened-after-past-deadlines';

/** When the create's answer waits: `firing` the case has deadlines to fire at once, `settled` they have fired. */
export interface CaseOpening {
  readonly firing: () => boolean;
  readonly settled: () => boolean;
}

export function registerCaseOpened(view: () => unknown, opening?: CaseOpening): void {
  const answer = async () => {
    // Asked only when the case has something to fire: a case entered with today's dates records no marker.
    if (opening?.firing() && patched(OPENED_AFTER_PAST_DEADLINES)) await condition(opening.settled);
    return view();
  };
  setHandler(caseOpenedUpdate, answer, {
    validator: (request) => {
      const memo = (workflowInfo().memo ?? {}) as CaseOpeningMemo;
      if (memo.requestId !== undefined && memo.requestId === request.requestId) return;
      const key = request.idempotency?.idempotencyKey;
      if (key !== undefined && memo.idempotencyKey === key) {
        if (memo.requestDigest === request.idempotency?.requestDigest) return;
        throw ApplicationFailure.create({ type: KERNEL_FAILURE_TYPES.idempotencyConflict, message: 'this Idempotency-Key was used for another request: a key names one request', nonRetryable: true });
      }
      throw ApplicationFailure.create({ type: CASE_ALREADY_OPENED, message: 'the case exists already', nonRetryable: true });
    },
  });
}
