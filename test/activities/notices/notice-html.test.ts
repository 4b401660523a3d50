import { describe, expect, it } from 'vitest';
import { noticeHtml } from '../../../activities/notices/notice-html';

describe('the HTML part of a notice email', () => {
  const html = noticeHtml({
    subject: 'Decision on grievance G-1 <level 1>',
    text: 'Grievance G-1 was decided.\n\nAppeal by: Wednesday, November 18, 2026\nDecision:\n<b>not bold</b> & "quoted"\n\nCase record: https://cases.example/v1/grievances/G-1?x=1&y=2.\n',
  });

  it('says what the text says: paragraphs, lines, labels in bold', () => {
    expect(html).toContain('<title>Decision on grievance G-1 &lt;level 1&gt;</title>');
    expect(html).toContain('<p style="margin:0 0 1em">Grievance G-1 was decided.</p>');
    expect(html).toContain('<strong>Appeal by:</strong> Wednesday, November 18, 2026<br>\nDecision:<br>\n&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;</p>');
  });

  it('makes links clickable, escaped, without the sentence full stop', () => {
    expect(html).toContain('<strong>Case record:</strong> <a href="https://cases.example/v1/grievances/G-1?x=1&amp;y=2">https://cases.example/v1/grievances/G-1?x=1&amp;y=2</a>.');
  });
});
