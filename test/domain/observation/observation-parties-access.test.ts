import { describe, expect, it } from 'vitest';
import { OBS_ACCESS, OBS_PARTS, OBS_RELATIONS } from '../../../src/domain/observation/observation-parties';

// This file imports observation-parties.ts alone. observation-family.ts reads OBS_ACCESS while it loads, so a broken
// table makes every suite importing the family fail to load, which the mutation run cannot count as a failed test.
describe('who sees each part of a cycle (OBS_ACCESS), part by part', () => {
  // From the README's table "Observation cycle: who may see what", read by column.
  const READERS: Record<(typeof OBS_PARTS)[number], readonly string[]> = {
    summary: ['educator', 'evaluator', 'hr', 'auditor'],
    observations: ['educator', 'evaluator', 'hr', 'auditor'],
    feedback: ['educator', 'evaluator', 'auditor'],
    'self-scores': ['educator', 'evaluator', 'auditor'],
    violations: ['educator', 'evaluator', 'hr', 'auditor'],
    record: ['auditor'],
  };

  it.each(OBS_PARTS.map((part) => [part]))('OBS-FEEDBACK-7: %s is read by exactly the relations of the README', (part) => {
    expect(OBS_RELATIONS.filter((relation) => OBS_ACCESS[relation][part])).toEqual(READERS[part]);
  });
});
