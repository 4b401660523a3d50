import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../src/domain/actor';
import { viewerOf, visibleView, type ParCaseView } from '../../../src/domain/par/par-visibility';
import { getParCaseQuery, PAR_CONFLICT, PAR_FORBIDDEN, PAR_RULE_VIOLATION, parWorkflowId, type ParInterventionView } from '../../../workflows/par/par-intervention-messages';
import { HttpProblem } from '../../plugins/problem-details';

/** What the API shows: the viewer's part of the case (par-visibility.ts) and its running deadlines. */
// A mapped type, not the interface itself: the response schema is a loose object and needs an index signature.
export type ParApiView = { readonly [K in keyof ParCaseView]: ParCaseView[K] } & {
  readonly deadlines: readonly { key: string; label: string; rule: string; due?: string | undefined }[];
};

export function apiView(intervention: ParInterventionView, actor: Actor): ParApiView | undefined {
  const view = visibleView(intervention.case, viewerOf(intervention.case, actor));
  if (!view) return undefined;
  const deadlines = intervention.clock.deadlines
    .filter((d) => d.status === 'pending')
    .map((d) => ({ key: d.key, label: d.label, rule: d.spec.rule, due: d.current?.state === 'running' ? d.current.due : undefined }));
  return { ...view, deadlines };
}

/**
 * Reads a case for `actor`: 404, never 403, when for them it does not exist (another district, no part in it, a
 * Volunteer's case for the principal or evaluator without consent: PAR-VOL-CONF), so a refusal reveals nothing.
 */
export async function readParCase(app: FastifyInstance, id: string, actor: Actor): Promise<{ intervention: ParInterventionView; view: ParApiView }> {
  let intervention: ParInterventionView;
  try {
    intervention = await app.temporal.client.workflow.getHandle(parWorkflowId(id)).query(getParCaseQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound(id);
    throw error;
  }
  const view = apiView(intervention, actor);
  if (!view) throw notFound(id);
  return { intervention, view };
}

/** A refused action answers 409 (the stage), 422 (a rule) or 403 (not this person's), naming the rule. */
export function refusedAction(error: unknown, intervention: ParInterventionView, id: string): never {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const rule = (error.cause.details?.[0] as { rule?: string } | undefined)?.rule;
    const extra = rule ? { rule } : {};
    if (error.cause.type === PAR_RULE_VIOLATION) throw new HttpProblem(422, error.cause.message, extra);
    if (error.cause.type === PAR_FORBIDDEN) throw new HttpProblem(403, error.cause.message, extra);
    if (error.cause.type === PAR_CONFLICT) throw new HttpProblem(409, error.cause.message, extra);
  }
  if (error instanceof WorkflowNotFoundError) {
    const closed = intervention.case.closed;
    throw new HttpProblem(409, `The PAR case ${id} is closed (${closed?.reason ?? 'closed'}): no further action is possible.`, { rule: closed?.rule ?? 'PAR-OUTCOME' });
  }
  throw error;
}

export function notFound(id: string) {
  return new HttpProblem(404, `No PAR case with id ${id}.`);
}
