import { describe, expect, it } from 'vitest';
import { moreText } from '../../../src/domain/grievance/grievance-policy';

// Kept apart from the policy's validation tests: a new test file makes Stryker's incremental run test again only the
// mutants it reaches.
describe('the words of an extension (GRV-EXTEND)', () => {
  it.each([
    [1, 'calendar-day', '1 more calendar day'],
    [3, 'work-day', '3 more work days'],
    [5, 'school-day', '5 more school days'],
    // Two digits: the whole count, not only its first digit, comes before "more".
    [10, 'school-day', '10 more school days'],
    [125, 'calendar-day', '125 more calendar days'],
  ] as const)('GRV-EXTEND: a proposal of %i %s is told as "%s"', (count, unit, words) => {
    expect(moreText(count, unit)).toBe(words);
  });
});
