import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProcessViolation } from '../../../src/domain/observation/observation-cycle';
import { HttpProblem } from '../../plugins/problem-details';
import { findCase } from '../case-family-routes';
import { observationApi } from './observation-api';

/**
 * A grievance filed from a process violation of an observation cycle (OBS-FEEDBACK-7: missed and wrong-person steps
 * are grievable, GRV-DEF): the filing is prefilled from the violation before it is validated (the facts with their
 * dates, `knewOn` the day it was missed for GRV-FILE-40, the rule as the policy provision, the educator as grievant),
 * and once the grievance is open the cycle records it (the link both ways).
 */
interface FromViolationBody {
  fromViolation?: { cycle?: unknown; violation?: unknown; workflowId?: unknown };
  [field: string]: unknown;
}

/** Fastify preValidation: fills what the filing leaves out from the violation it names; 404/409 before any case opens. */
export async function prefillFromViolation(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const body = request.body as FromViolationBody | undefined;
  const from = body?.fromViolation;
  if (!body || !from || typeof from.cycle !== 'string' || typeof from.violation !== 'string') return;
  const missing = () => new HttpProblem(404, `No observation cycle ${from.cycle} with a violation ${String(from.violation)}.`);
  const found = await findCase(app, observationApi, request.user.district, from.cycle);
  if (!found || !observationApi.family.sees(found.view.cycle, request.user)) throw missing();
  const { cycle } = found.view;
  const violation: ProcessViolation | undefined = cycle.violations.find((v) => v.id === from.violation);
  if (!violation) throw missing();
  if (violation.grievance) {
    throw new HttpProblem(409, `Violation ${violation.id} of observation cycle ${cycle.id} is grieved in ${violation.grievance.id}.`, { rule: 'GRV-DEF' });
  }
  const educator = cycle.contacts.educator;
  request.body = {
    statement: `${violation.facts} (Observation cycle ${cycle.id}, process violation ${violation.id} under ${violation.rule}, recorded ${violation.recordedOn}.)`,
    knewOn: violation.missedOn,
    policyProvisions: [`Evaluation procedure: ${violation.rule}`],
    disputes: ['evaluation-procedure'],
    grievants: [{ name: educator?.name ?? cycle.educator, position: cycle.category === 'teacher' ? 'Teacher' : 'School services personnel', subject: cycle.educator, ...(educator?.email ? { email: educator.email } : {}) }],
    ...(cycle.school ? { school: cycle.school } : {}),
    ...body,
    fromViolation: { cycle: cycle.id, violation: violation.id, workflowId: found.workflowId },
  };
}

/** After the grievance opened: the cycle records it on the violation. A refusal here leaves the grievance's own link. */
export async function linkGrievanceToViolation(app: FastifyInstance, request: FastifyRequest, grievance: { id: string; workflowId: string; fromViolation?: { cycle: string; violation: string; workflowId?: string | undefined } | undefined }) {
  const from = grievance.fromViolation;
  if (!from?.workflowId) return;
  try {
    await app.temporal.client.workflow.getHandle(from.workflowId).executeUpdate(observationApi.update, {
      args: [{ action: { type: 'record-grievance', violation: from.violation, grievance: { id: grievance.id, workflowId: grievance.workflowId } }, by: request.user }],
      updateId: `grievance-link:${grievance.workflowId}`,
    });
  } catch (error) {
    request.log.warn({ workflowId: from.workflowId, violation: from.violation, reason: error instanceof Error ? error.name : 'unknown' }, 'the observation cycle did not record the grievance');
  }
}
