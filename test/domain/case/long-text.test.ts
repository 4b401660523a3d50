import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blankText, describeText, trimText, type StoredText } from '../../../src/domain/case/stored-text';
import { textKey } from '../../../src/domain/case/text-key';
import { sameGoals } from '../../../src/domain/par/par-reports';

const stored = (text: string): StoredText => ({ stored: { sha256: createHash('sha256').update(text, 'utf8').digest('hex'), size: Buffer.byteLength(text), contentType: 'text/plain; charset=utf-8' } });

describe('long texts written out or by their claim check (issue 11)', () => {
  it.each([
    ['an absent text', undefined, true],
    ['an empty text', '', true],
    ['white space', ' \n\t', true],
    ['a text', 'Goal 1', false],
    ['a stored text', stored('Goal 1'), false],
    // A claim check of no bytes holds nothing, like an empty written text.
    ['a stored text of 0 bytes', { stored: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', size: 0, contentType: 'text/plain; charset=utf-8' } }, true],
  ] as const)('blankText: %s is blank: %s', (_name, text, blank) => {
    expect(blankText(text)).toBe(blank);
  });

  it('trimText trims a written text and leaves a stored one (stored trimmed) as it is; describeText never writes out a stored text', () => {
    expect(trimText('  Goal 1 \n')).toBe('Goal 1');
    expect(trimText(stored('Goal 1'))).toEqual(stored('Goal 1'));
    expect(describeText('Goal 1')).toBe('Goal 1');
    expect(describeText(stored('Goal 1'))).toBe('(a stored text of 6 bytes)');
  });

  it("textKey: a written text's key is the SHA-256 its stored copy carries (UTF-8, without surrounding white space)", () => {
    expect(textKey('  Grüße, Ziel 1 ')).toBe(stored('Grüße, Ziel 1').stored.sha256);
    expect(textKey(stored('Grüße, Ziel 1'))).toBe(stored('Grüße, Ziel 1').stored.sha256);
    expect(textKey('Goal 1')).not.toBe(textKey('Goal 2'));
  });

  it.each([
    ['both written out', ['Goal 1', 'Goal 2'], [' Goal 2', 'Goal 1 '], true],
    ['both stored', [stored('Goal 1'), stored('Goal 2')], [stored('Goal 2'), stored('Goal 1')], true],
    ['the goals in force written before texts were stored, the report stored', [stored('Goal 1')], ['Goal 1'], true],
    ['other goals, stored', [stored('Goal 1')], [stored('Goal 3')], false],
    ['other goals, mixed', [stored('Goal 1')], ['Goal 3'], false],
    ['one goal fewer', [stored('Goal 1')], ['Goal 1', 'Goal 2'], false],
  ] as const)('PAR-IPG: sameGoals, %s: %s', (_name, report, inForce, same) => {
    expect(sameGoals(report, inForce)).toBe(same);
  });
});
