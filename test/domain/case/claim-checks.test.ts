import { describe, expect, it } from 'vitest';
import { isClaimCheck, isSha256, namedDocuments } from '../../../src/domain/case/claim-checks';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);
const claim = (sha256: string) => ({ sha256, size: 12, contentType: 'text/plain; charset=utf-8' });

/** Issue 15 item 5: the claim checks a request names, walked alike by the API's keep and the case's own. */
describe('claim checks a request names (issue 15 item 5)', () => {
  it.each([
    [a, true],
    ['0123456789abcdef'.repeat(4), true],
    ['A'.repeat(64), false],
    ['a'.repeat(63), false],
    ['a'.repeat(65), false],
    [`${'a'.repeat(63)}g`, false],
    [` ${'a'.repeat(64)}`, false],
    ['', false],
  ])('isSha256(%j) is %s', (value, expected) => {
    expect(isSha256(value)).toBe(expected);
  });

  it.each([
    ['a claim check', claim(a), true],
    ['an artifact with more fields', { ...claim(a), name: 'evidence.pdf' }, true],
    ['no size', { sha256: a, contentType: 'text/plain' }, false],
    ['a size as text', { sha256: a, size: '12', contentType: 'text/plain' }, false],
    ['no content type', { sha256: a, size: 12 }, false],
    ['a content type not a string', { sha256: a, size: 12, contentType: 1 }, false],
    ['not a SHA-256', claim('not-a-digest'), false],
    // A list holding the digest reads as the digest when made a string: only a string is a name.
    ['a digest inside a list', { sha256: [a], size: 12, contentType: 'text/plain' }, false],
    ['a SHA-256 not a string', { sha256: 1, size: 12, contentType: 'text/plain' }, false],
    ['null', null, false],
    ['a string', a, false],
  ])('isClaimCheck: %s -> %s', (_name, node, expected) => {
    expect(isClaimCheck(node)).toBe(expected);
  });

  it.each([
    ['nothing named', { type: 'withdraw', note: 'plain text' }, []],
    ['a stored text', { statement: { stored: claim(a) } }, [a]],
    ['an artifact in an array', { evidence: [{ document: claim(b) }, { document: claim(a) }] }, [b, a]],
    ['the same document twice, once', { text: { stored: claim(a) }, copy: { stored: claim(a) } }, [a]],
    ['deep in arrays of arrays', [[{ x: [claim(b)] }], claim(a)], [b, a]],
    ['a claim check at the top', claim(a), [a]],
    ['a claim check holding another is one document', { ...claim(a), inner: claim(b) }, [a]],
    ['a look-alike without size', { statement: { stored: { sha256: a, contentType: 'text/plain' } } }, []],
    ['null and numbers', { a: null, b: 3, c: undefined }, []],
  ])('namedDocuments: %s', (_name, value, expected) => {
    expect(namedDocuments(value)).toEqual(expected);
  });
});
