import { describe, expect, it } from 'vitest';
import { isStoredText } from '../../../src/domain/case/stored-text';

/**
 * Issue 11: a long text a case holds by its claim check in the document store, or written out (cases opened before
 * texts were stored). Only a claim check with its digest and size counts as stored; anything else is read as written.
 */
const claim = { sha256: 'b'.repeat(64), size: 20_000, contentType: 'text/plain; charset=utf-8' };

describe('a text held by its claim check', () => {
  it.each([
    ['a claim check', { stored: claim }, true],
    ['a claim check with only its digest and size', { stored: { sha256: 'b'.repeat(64), size: 0 } }, true],
    ['a written text', 'The handbook timeline was followed.', false],
    ['a one-letter text', 'x', false],
    ['a claim check beside another field', { stored: claim, text: 'x' }, false],
    ['no claim check', {}, false],
    ['a claim check without its size', { stored: { sha256: 'b'.repeat(64) } }, false],
    ['a claim check without its digest', { stored: { size: 20_000 } }, false],
    ['a digest that is not a text', { stored: { sha256: 7, size: 20_000 } }, false],
    ['a size that is not a number', { stored: { sha256: 'b'.repeat(64), size: '20000' } }, false],
    ['an empty claim check', { stored: {} }, false],
    ['a null claim check', { stored: null }, false],
    ['a claim check that is a text', { stored: 'b'.repeat(64) }, false],
    ['null', null, false],
    ['a number', 5, false],
  ])('%s: %s', (_name, value, stored) => {
    expect(isStoredText(value)).toBe(stored);
  });
});
