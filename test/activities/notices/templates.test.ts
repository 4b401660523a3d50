import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTemplatesDir, findPackageRoot, loadTemplate, renderNotice } from '../../../activities/notices/templates';
import { commonFacts, factsByKind, failureOf, grievanceNotice, NOTICE_KINDS } from './notice-fixtures';

const repositoryRoot = path.resolve(__dirname, '../../..');

describe('the shipped grievance templates', () => {
  it('are found at templates/ of the package root, from sources as from dist/', () => {
    expect(findPackageRoot(__dirname)).toBe(repositoryRoot);
    expect(findPackageRoot(path.join(repositoryRoot, 'dist/activities/notices'))).toBe(repositoryRoot);
    expect(defaultTemplatesDir()).toBe(path.join(repositoryRoot, 'templates'));
  });

  it.each(NOTICE_KINDS)('%s renders with the facts the workflow provides and uses each of its own', async (kind) => {
    // Each fact gets a value of its own, so the rendered text shows which facts the template used.
    const marked = (facts: Readonly<Record<string, string>>) => Object.fromEntries(Object.keys(facts).map((k) => [k, `[${k}]`]));
    const notice = grievanceNotice(kind, { facts: { ...marked(commonFacts), ...marked(factsByKind[kind]) } });
    const { subject, text } = await renderNotice(defaultTemplatesDir(), notice);
    expect(`${subject}\n${text}`).not.toMatch(/\{\{|\}\}/);
    for (const fact of [...Object.keys(factsByKind[kind]), 'caseId', 'grievants', 'caseUrl']) {
      expect(`${subject}\n${text}`, `fact ${fact}`).toContain(`[${fact}]`);
    }
    expect(subject).toContain('[caseId]');
  });

  it.each(NOTICE_KINDS)('%s leaves out the case record line when there is no case URL', async (kind) => {
    const notice = grievanceNotice(kind);
    const { text } = await renderNotice(defaultTemplatesDir(), { ...notice, facts: { ...notice.facts, caseUrl: '' } });
    expect(text).not.toContain('Case record');
    expect(text).not.toMatch(/\n\n\n/);
  });

  it.each(NOTICE_KINDS.flatMap((kind) => Object.keys(factsByKind[kind]).map((fact) => [kind, fact] as const)))(
    '%s fails naming {{%s}} when the workflow leaves that fact out',
    async (kind, fact) => {
      const notice = grievanceNotice(kind);
      const facts = Object.fromEntries(Object.entries(notice.facts).filter(([k]) => k !== fact));
      const failure = await failureOf(renderNotice(defaultTemplatesDir(), { ...notice, facts }));
      expect(failure.nonRetryable).toBe(true);
      expect(failure.message).toContain(`{{${fact}}}`);
      expect(failure.message).toContain(`grievance/${kind}`);
    },
  );
});

describe('loading a template', () => {
  it.each(['../package', '/etc/passwd', 'grievance/../../package', 'Grievance/Decision', ''])(
    'refuses the name %j without reading a file',
    async (name) => {
      const failure = await failureOf(loadTemplate(defaultTemplatesDir(), name));
      expect(failure.nonRetryable).toBe(true);
    },
  );

  it('fails non-retryably naming a template that does not exist', async () => {
    expect(existsSync(path.join(defaultTemplatesDir(), 'grievance/no-such-kind.txt'))).toBe(false);
    const failure = await failureOf(loadTemplate(defaultTemplatesDir(), 'grievance/no-such-kind'));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('grievance/no-such-kind');
  });
});

describe("a district's own templates", () => {
  it('a template the district edits is used from its next notice on, though the process read it before', async () => {
    const { mkdtemp, mkdir, writeFile, utimes } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'templates-'));
    await mkdir(path.join(dir, 'grievance'));
    const file = path.join(dir, 'grievance', 'decision.txt');
    await writeFile(file, 'Subject: first\n\nOne.\n');
    expect(await loadTemplate(dir, 'grievance/decision')).toBe('Subject: first\n\nOne.\n');
    expect(await loadTemplate(dir, 'grievance/decision')).toBe('Subject: first\n\nOne.\n');
    // Edited later (its time set apart so the test does not depend on the file system's clock resolution).
    await writeFile(file, 'Subject: second\n\nTwo.\n');
    await utimes(file, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    expect(await loadTemplate(dir, 'grievance/decision')).toBe('Subject: second\n\nTwo.\n');
  });
});
