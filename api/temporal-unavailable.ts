import { status } from '@grpc/grpc-js';
import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

/** How long a caller waits before trying again when Temporal is unreachable or overloaded (seconds). */
export const RETRY_AFTER_SECONDS = 5;

/** gRPC codes that mean "Temporal cannot answer now", not "the request is wrong": the caller should retry. */
const TRY_LATER = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.ABORTED, status.CANCELLED]);

/**
 * A query or an update refused because the case's latest workflow task failed: on an overloaded worker a task that
 * timed out is retried by the server, and the case answers again once a worker completes it. Try later, not a 500.
 * (A task that keeps failing shows in the worker's log and the history; the caller still learns nothing from a 500.)
 * A query says so in `details`; an Update-with-Start (a create sent again after a 503 finds its case already started)
 * in `message`, the client having lifted the update's own status out of the multi-operation failure.
 */
function isWorkflowTaskRetrying(error: { code: number; details?: string; message?: string }): boolean {
  return error.code === status.FAILED_PRECONDITION && /workflow task in failed state/i.test(`${error.details ?? ''}\n${error.message ?? ''}`);
}

/**
 * Whether an error is Temporal being unreachable, overloaded or too slow (the server down, an RPC past its
 * deadline, a query no worker answered in time, an update that did not complete in time): the API answers 503
 * with Retry-After, never 500. Follows the cause chain, as the client wraps gRPC errors.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 8; cause = (cause as { cause?: unknown }).cause, depth++) {
    if (cause instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(cause) && TRY_LATER.has(cause.code)) return true;
    if (isGrpcServiceError(cause) && isWorkflowTaskRetrying(cause)) return true;
    if (cause instanceof ServiceError && /deadline|unavailable|timed out|exhausted/i.test(cause.message)) return true;
  }
  return false;
}
