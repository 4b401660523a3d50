import { describe, expect, it } from 'vitest';
import { isStoredText } from '../../../src/domain/case/stored-text';
import { splitFacts } from '../../../src/domain/notices/notice-facts';

const claim = { sha256: 'b'.repeat(64), size: 20_000, contentType: 'text/plain; charset=utf-8' };

describe('notice facts kept in the case document store (issue 11)', () => {
  it('writes a stored fact as empty and names its claim check; written facts stay as they are', () => {
    expect(splitFacts({ caseId: 'G-1', decisionText: { stored: claim }, outcome: 'denied' })).toEqual({
      written: { caseId: 'G-1', decisionText: '', outcome: 'denied' },
      documents: { decisionText: claim },
    });
    expect(splitFacts({ caseId: 'G-1' })).toEqual({ written: { caseId: 'G-1' } });
  });

  it.each([
    [{ stored: claim }, true],
    ['a text', false],
    [{ stored: claim, extra: 1 }, false],
    [{ stored: { sha256: 'b'.repeat(64) } }, false],
    [null, false],
  ])('isStoredText(%j) is %s', (value, expected) => {
    expect(isStoredText(value)).toBe(expected);
  });
});
