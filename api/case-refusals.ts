import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { KERNEL_FAILURE_TYPES, REFUSAL_FAILURE_TYPES } from '../src/domain/case/refusal';
import { HttpProblem } from './plugins/problem-details';

/** The one mapping of a case's refusals to problem+json: the case kernel's vocabulary (src/domain/case/refusal.ts). */
const STATUS_OF_FAILURE: Record<string, number> = {
  [REFUSAL_FAILURE_TYPES.conflict]: 409,
  [REFUSAL_FAILURE_TYPES.rule]: 422,
  [REFUSAL_FAILURE_TYPES.forbidden]: 403,
  // The case clock's own refusal: a pause when paused, a resume when running.
  ClockStateConflict: 409,
  // An Idempotency-Key reused for another request.
  [KERNEL_FAILURE_TYPES.idempotencyConflict]: 422,
  // An action the case's history has no room for (issue 11): too large, never accepted.
  [KERNEL_FAILURE_TYPES.historyBudget]: 413,
};

/**
 * Answers a refused update as problem+json naming the rule: 409 (the stage does not allow it), 422 (a rule
 * refuses it), 403 (not this person's to take); nothing changed. An update on a case that closed meanwhile
 * answers what `closed` says (409). Anything else is not a refusal and is thrown on.
 */
export function refusalProblem(error: unknown, closed: () => HttpProblem, notFound?: () => HttpProblem): never {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    // The caller has no relation to the case: for them it does not exist.
    if (error.cause.type === KERNEL_FAILURE_TYPES.notFound && notFound) throw notFound();
    const status = error.cause.type ? STATUS_OF_FAILURE[error.cause.type] : undefined;
    if (status !== undefined) {
      const rule = (error.cause.details?.[0] as { rule?: string } | undefined)?.rule;
      if (error.cause.type === KERNEL_FAILURE_TYPES.historyBudget) {
        throw new HttpProblem(status, error.cause.message, { errors: [{ in: 'body', field: '/', message: 'would take the case history past its budget' }] });
      }
      throw new HttpProblem(status, error.cause.message, rule ? { rule } : {});
    }
  }
  if (error instanceof WorkflowNotFoundError) throw closed();
  throw error;
}
