import { describe, expect, it } from 'vitest';
import { objectOf, sameSettings, type PolicyProblem } from '../../../src/domain/case/policy-validation';

/**
 * The kernel's checks of a family's policy data (the grievance procedure, the PAR program policy, the retention
 * policy): a policy sent again with its keys in another order is the same policy (a retried request changes
 * nothing), and a problem names the setting as a policy's.
 */
describe('sameSettings: the same policy whatever the order of its keys', () => {
  it.each([
    ['three keys in reverse order', { a: 1, b: 2, c: 3 }, { c: 3, b: 2, a: 1 }, true],
    ['four keys shuffled', { level: 1, days: 5, unit: 'school', label: 'Level 1' }, { unit: 'school', label: 'Level 1', level: 1, days: 5 }, true],
    ['nested keys shuffled', { limit: { count: 5, unit: 'school-days', from: 'event' }, n: 1 }, { n: 1, limit: { from: 'event', unit: 'school-days', count: 5 } }, true],
    ['levels in a list, each with its keys shuffled', { levels: [{ x: 1, y: 2, z: 3 }, { y: 5, x: 4 }] }, { levels: [{ z: 3, y: 2, x: 1 }, { x: 4, y: 5 }] }, true],
    ['one value changed', { a: 1, b: 2, c: 3 }, { c: 3, b: 2, a: 4 }, false],
    ['a list in another order', { levels: [1, 2] }, { levels: [2, 1] }, false],
    ['a list against an object with index keys', { levels: ['Level 1'] }, { levels: { 0: 'Level 1' } }, false],
    ['a key more', { a: 1 }, { a: 1, c: 2 }, false],
  ])('%s: %s', (_name, a, b, same) => {
    expect(sameSettings(a, b)).toBe(same);
  });
});

describe('objectOf: a policy setting that must be an object', () => {
  it('names an unknown key as "not a policy setting" unless the caller names what it is', () => {
    const problems: PolicyProblem[] = [];
    const report = (field: string, message: string) => problems.push({ field, message });
    objectOf({ days: 5, colour: 'red' }, '/limit', ['days'], report, () => 'read');
    objectOf({ days: 5, colour: 'red' }, '/notice', ['days'], report, () => 'read', 'notice');
    expect(problems).toEqual([
      { field: '/limit/colour', message: 'is not a policy setting' },
      { field: '/notice/colour', message: 'is not a notice setting' },
    ]);
  });
});
