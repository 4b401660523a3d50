import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { NOTICE_TEMPLATE_ERROR, renderTemplate } from '../../../activities/notices/render-template';

function failureOf(run: () => unknown): ApplicationFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }
  throw new Error('expected the rendering to fail');
}

describe('rendering a notice template', () => {
  it.each([
    ['fills subject and body', 'Subject: Case {{caseId}}\n\nHello {{name}}.\n', { caseId: 'G-1', name: 'Dana' }, 'Case G-1', 'Hello Dana.\n'],
    ['allows spaces inside the braces', 'Subject: {{ caseId }}\n\n{{ name }}', { caseId: 'G-1', name: 'Dana' }, 'G-1', 'Dana\n'],
    ['reads CRLF templates with a byte order mark', '\uFEFFSubject: S {{a}}\r\n\r\nline {{a}}\r\nnext\r\n', { a: '1' }, 'S 1', 'line 1\nnext\n'],
    ['keeps a fact value verbatim, braces and all', 'Subject: s\n\n{{statement}}', { statement: 'said {{x}} (sic)' }, 's', 'said {{x}} (sic)\n'],
    ['keeps multi-line fact values', 'Subject: s\n\nStatement:\n{{statement}}\nEnd', { statement: 'one\ntwo' }, 's', 'Statement:\none\ntwo\nEnd\n'],
    ['puts a multi-line value on one subject line', 'Subject: {{a}}\n\nb', { a: 'x\n  y' }, 'x y', 'b\n'],
    ['leaves out a line whose placeholders are all empty', 'Subject: s\n\nA\nCase record: {{caseUrl}}\nB', { caseUrl: '' }, 's', 'A\nB\n'],
    ['keeps a line with one of its placeholders filled', 'Subject: s\n\n{{a}}{{b}}!', { a: '', b: 'x' }, 's', 'x!\n'],
    ['keeps one blank line where a left-out line stood between two', 'Subject: s\n\nA\n\n{{u}}\n\nB', { u: '' }, 's', 'A\n\nB\n'],
    ['trims blank lines at the start and end of the body', 'Subject: s\n\n\n\nbody\n\n\n', {}, 's', 'body\n'],
  ])('%s', (_name, source, facts: Record<string, string>, subject, text) => {
    expect(renderTemplate('t/x', source, facts)).toEqual({ subject, text });
  });

  it('fails non-retryably naming the placeholder and the template when a fact is missing', () => {
    const failure = failureOf(() => renderTemplate('grievance/decision', 'Subject: {{caseId}}\n\nBy {{appealBy}}', { caseId: 'G-1' }));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe(NOTICE_TEMPLATE_ERROR);
    expect(failure.message).toContain('grievance/decision');
    expect(failure.message).toContain('{{appealBy}}');
  });

  it('names every missing placeholder at once, each once', () => {
    const failure = failureOf(() => renderTemplate('t/x', 'Subject: {{a}}\n\n{{b}} {{a}} {{c}}', { c: '1' }));
    expect(failure.message).toContain('{{a}}, {{b}}');
    expect(failure.message).not.toContain('{{c}}');
  });

  it('does not take inherited object properties for facts', () => {
    const failure = failureOf(() => renderTemplate('t/x', 'Subject: s\n\n{{constructor}} {{toString}}', {}));
    expect(failure.message).toContain('{{constructor}}, {{toString}}');
  });

  it.each([
    ['a placeholder that is not a name', 'Subject: s\n\n{{two words}}'],
    ['an empty placeholder', 'Subject: s\n\n{{}}'],
    ['an unclosed placeholder', 'Subject: s\n\nDear {{name'],
    ['a stray closing pair', 'Subject: s\n\nDear name}}'],
  ])('fails non-retryably on %s', (_name, source) => {
    const failure = failureOf(() => renderTemplate('t/x', source, { name: 'Dana' }));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/t\/x: malformed placeholder/);
  });

  it.each([
    ['no subject line', 'Dear {{name}}\n\nbody'],
    ['no blank line after the subject', 'Subject: s\nbody'],
    ['an empty subject', 'Subject: {{empty}}\n\nbody'],
  ])('fails non-retryably on a template with %s', (_name, source) => {
    const failure = failureOf(() => renderTemplate('t/x', source, { name: 'Dana', empty: '' }));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('Notice template t/x');
  });
});
