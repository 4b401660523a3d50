import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Notice } from '../../src/domain/notices/notice';
import { LruMap } from '../../src/lru-map';
import { renderTemplate, templateError, type RenderedNotice } from './render-template';

/**
 * The folder holding package.json above `startDir`: the repository root from the sources (tsx, vitest) and the
 * image's /app from the compiled `dist/activities/notices/`.
 */
export function findPackageRoot(startDir: string): string {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${startDir}`);
  }
}

/** `templates/` at the package root, where the notice templates ship. */
export function defaultTemplatesDir(): string {
  return path.join(findPackageRoot(__dirname), 'templates');
}

// `grievance/deadline-reminder`: lowercase segments, never `..` or an absolute path.
const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** Templates read, by file: each notice checks its file's time and size, and reads it again only when it changed. */
const loaded = new LruMap<string, { mtimeMs: number; size: number; source: string }>(500);

/**
 * Reads `<templatesDir>/<template>.txt`; a missing or unreadable template is a non-retryable failure. Issue 11: a
 * template the district has not changed since it was last read is not read again (every action sends notices).
 */
export async function loadTemplate(templatesDir: string, template: string): Promise<string> {
  if (!TEMPLATE_NAME.test(template)) throw templateError(template, 'is not a valid template name');
  const file = path.join(templatesDir, `${template}.txt`);
  try {
    const { mtimeMs, size } = await stat(file);
    const known = loaded.get(file);
    if (known && known.mtimeMs === mtimeMs && known.size === size) return known.source;
    const source = await readFile(file, 'utf8');
    loaded.set(file, { mtimeMs, size, source });
    return source;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw templateError(template, `no file ${file}`);
    throw error;
  }
}

/**
 * The facts with every case link (`caseUrl`, `programUrl`: paths the workflow recorded) made absolute on the public
 * base URL, when one is configured: a link in an email or a letter has no page to be relative to.
 */
export function withPublicLinks(facts: Readonly<Record<string, string>>, publicUrl: string | undefined): Record<string, string> {
  if (!publicUrl) return { ...facts };
  const base = publicUrl.replace(/\/+$/, '');
  return Object.fromEntries(Object.entries(facts).map(([name, value]) => [name, name.endsWith('Url') && value.startsWith('/') ? `${base}${value}` : value]));
}

/**
 * Loads and renders the notice's template with its facts, links made absolute on `publicUrl` when given.
 * `recorded`: a notice the case sent earlier, shown again with today's templates (facts it lacks render empty).
 */
export async function renderNotice(templatesDir: string, notice: Notice, options: { readonly publicUrl?: string | undefined; readonly recorded?: boolean } = {}): Promise<RenderedNotice> {
  const source = await loadTemplate(templatesDir, notice.template);
  return renderTemplate(notice.template, source, withPublicLinks(notice.facts, options.publicUrl), { missingFacts: options.recorded ? 'empty' : 'fail' });
}
