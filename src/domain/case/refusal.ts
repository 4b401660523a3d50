import type { RuleId } from './rule-ids';

/**
 * Why a case refuses an action, one vocabulary for every family: 'conflict' (409) the stage does not allow it,
 * 'rule' (422) a rule refuses it, 'forbidden' (403) it is not this person's to take. A refusal changes nothing
 * and never reaches the case history; the API maps it to problem+json once (api/case-refusals.ts).
 */
export type RefusalKind = 'conflict' | 'rule' | 'forbidden';

export interface Refusal {
  readonly ok: false;
  readonly kind: RefusalKind;
  readonly rule: RuleId;
  readonly message: string;
}

/** What a family's transition answers: the new state and the notes naming the rules applied, or a refusal. */
export type Transition<S> = { readonly ok: true; readonly state: S; readonly notes: readonly string[] } | Refusal;

export const conflict = (rule: RuleId, message: string): Refusal => ({ ok: false, kind: 'conflict', rule, message });
export const ruleViolation = (rule: RuleId, message: string): Refusal => ({ ok: false, kind: 'rule', rule, message });
export const forbidden = (rule: RuleId, message: string): Refusal => ({ ok: false, kind: 'forbidden', rule, message });

/** ApplicationFailure types a refused action carries out of a workflow (the API answers 409, 422, 403). */
export const REFUSAL_FAILURE_TYPES: Record<RefusalKind, string> = { conflict: 'CaseConflict', rule: 'CaseRuleViolation', forbidden: 'CaseForbidden' };

/**
 * The kernel's own refusals, before any family rule: the caller stands in no relation to the case (the API answers
 * 404, as if it did not exist), reuses an Idempotency-Key for another request (422), or asks for an action the
 * case's history has no room for (413, issue 11: workflows/case/history-budget.ts).
 */
export const KERNEL_FAILURE_TYPES = { notFound: 'CaseNotFound', idempotencyConflict: 'CaseIdempotencyConflict', historyBudget: 'CaseHistoryBudget' } as const;
