import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { PolicyProblem } from '../src/domain/case/policy-validation';
import { HttpProblem } from './plugins/problem-details';

/**
 * Runs an update of a district's policy entity (grievance procedure, retention policy); a refusal by the workflow's
 * validator (an ApplicationFailure of `failureType` whose details hold the problems) becomes 422 naming each field,
 * with the rule `ruleOf` gives the field, if any.
 */
export async function policyUpdate<T>(update: () => Promise<T>, failureType: string, what: string, ruleOf: (field: string) => string | undefined): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === failureType) {
      const problems = (error.cause.details?.[0] ?? []) as PolicyProblem[];
      const rule = ruleOf(problems[0]?.field ?? '');
      throw new HttpProblem(422, `The ${what} is refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
        ...(rule ? { rule } : {}),
        errors: problems.map((p) => {
          const fieldRule = ruleOf(p.field);
          return { in: 'body' as const, field: p.field, message: p.message, ...(fieldRule ? { rule: fieldRule } : {}) };
        }),
      });
    }
    throw error;
  }
}
