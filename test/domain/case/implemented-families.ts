import type { RuleFamily } from '../../../src/domain/case/rule-ids';

/**
 * The rule families of RULES.md that the code implements: every rule ID of these families must name a test
 * (test/domain/case/rule-ids.test.ts). Implementing a new family adds it here.
 */
export const IMPLEMENTED_FAMILIES = ['CAL', 'GRV', 'PAR', 'PIP', 'TAP', 'OBS'] as const satisfies readonly RuleFamily[];
