import { ApplicationFailure } from '@temporalio/common';

/**
 * Notice templates are plain text: a first line `Subject: ...`, a blank line, then the body. `{{factName}}`
 * placeholders are filled from the notice's facts, once (a fact's value is never read as a template). A body line
 * whose placeholders all render empty is left out (e.g. `Case record: {{caseUrl}}` when there is no URL), and
 * runs of blank lines become one.
 *
 * A placeholder without a fact, a malformed placeholder or a template without its subject line is a bug, not a
 * passing fault: rendering throws a non-retryable failure naming the template and the placeholders, so a notice
 * never goes out with a literal `{{x}}` in it and Temporal does not retry what cannot succeed.
 */
export const NOTICE_TEMPLATE_ERROR = 'NoticeTemplateError';

export interface RenderedNotice {
  readonly subject: string;
  /** The body, lines joined with `\n`, ending with one `\n`. */
  readonly text: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const FACT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SUBJECT_LINE = /^Subject:[ \t]*(.*)$/;

export function templateError(template: string, problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`Notice template ${template}: ${problem}`, NOTICE_TEMPLATE_ERROR);
}

/**
 * Renders `source` (the text of template `template`, which names it in errors) with `facts`. Pure.
 * `missingFacts: 'empty'` is for notices recorded long ago and shown again (the arbitration packet): a fact today's
 * template asks for and an old notice never had renders empty (its line left out) instead of failing.
 */
export function renderTemplate(
  template: string,
  source: string,
  facts: Readonly<Record<string, string>>,
  options: { readonly missingFacts?: 'fail' | 'empty' } = {},
): RenderedNotice {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const subjectLine = SUBJECT_LINE.exec(lines[0] ?? '');
  if (!subjectLine || (lines[1] ?? '').trim() !== '') {
    throw templateError(template, 'must start with a "Subject: ..." line followed by a blank line');
  }

  const missing = new Set<string>();
  const malformed = new Set<string>();
  const renderLine = (line: string): { text: string; placeholders: number; filled: number } => {
    let placeholders = 0;
    let filled = 0;
    const text = line.replace(PLACEHOLDER, (match, raw: string) => {
      const name = raw.trim();
      if (!FACT_NAME.test(name)) {
        malformed.add(match);
        return '';
      }
      const value = Object.hasOwn(facts, name) ? facts[name] : options.missingFacts === 'empty' ? '' : undefined;
      if (value === undefined) {
        missing.add(name);
        return '';
      }
      placeholders += 1;
      if (value.trim() !== '') filled += 1;
      return value;
    });
    const rest = line.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) malformed.add(line.trim());
    return { text, placeholders, filled };
  };

  const subject = renderLine(subjectLine[1] ?? '').text.replace(/\s+/g, ' ').trim();
  const body: string[] = [];
  for (const line of lines.slice(2)) {
    const rendered = renderLine(line);
    if (rendered.placeholders > 0 && rendered.filled === 0) continue;
    body.push(rendered.text.replace(/\s+$/, ''));
  }

  if (missing.size > 0) {
    const names = [...missing].map((name) => `{{${name}}}`).join(', ');
    throw templateError(template, `no fact for placeholder ${names}`);
  }
  if (malformed.size > 0) {
    throw templateError(template, `malformed placeholder ${[...malformed].map((m) => JSON.stringify(m)).join(', ')}`);
  }
  if (subject === '') throw templateError(template, 'the subject renders empty');
  // A left-out line may leave two blank lines in a row: one is enough.
  const text = body.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').replace(/\s+$/, '');
  return { subject, text: `${text}\n` };
}
