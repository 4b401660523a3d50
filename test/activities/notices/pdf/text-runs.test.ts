import { describe, expect, it } from 'vitest';
import { scriptRuns, wrapText } from '../../../../activities/notices/pdf/text-runs';

/** Each character's width is 1: lines are measured in characters. */
const chars = (text: string) => [...text].length;

describe('script runs', () => {
  it('sets each script in its own font, spaces and punctuation staying in the run they follow', () => {
    expect(scriptRuns('Nguyễn Thị Minh, 王小明, 2026')).toEqual([
      { text: 'Nguyễn Thị Minh, ', script: 'latin' },
      { text: '王小明, 2026', script: 'cjk' },
    ]);
  });

  it('keeps an Arabic name whole, and gives what follows it back to the text after', () => {
    expect(scriptRuns('of محمد عبد الله, at level 1')).toEqual([
      { text: 'of ', script: 'latin' },
      { text: 'محمد عبد الله', script: 'arabic' },
      { text: ', at level 1', script: 'latin' },
    ]);
  });
});

describe('wrapping', () => {
  it('breaks between words, never inside one that fits', () => {
    expect(wrapText('the appeal window runs five school days', 15, chars)).toEqual(['the appeal', 'window runs', 'five school', 'days']);
  });

  it('breaks CJK text between its characters and a word longer than the line by characters', () => {
    expect(wrapText('决定如下会议按时举行', 4, chars)).toEqual(['决定如下', '会议按时', '举行']);
    expect(wrapText('see https://cases.example/x', 10, chars)).toEqual(['see', 'https://ca', 'ses.exampl', 'e/x']);
  });

  it('keeps an empty line as one empty line', () => {
    expect(wrapText('', 10, chars)).toEqual(['']);
  });
});
