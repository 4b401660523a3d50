import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRuleId, RULE_IDS } from '../../../src/domain/case/rule-ids';
import { IMPLEMENTED_FAMILIES } from './implemented-families';

const root = path.resolve(__dirname, '../../..');
const rulesMd = process.env.RULES_MD ?? path.resolve(root, '../shared/domain/RULES.md');
const generatedFile = path.join(root, 'src/domain/case/rule-ids.ts');

/** A rule line of RULES.md: `- GRV-APPEAL-5: ...` (the same pattern as scripts/generate-rule-ids.ts). */
const RULE_LINE = /^- ([A-Z]+(?:-[A-Z0-9]+)+):/gm;
const idsOfRulesMd = [...readFileSync(rulesMd, 'utf8').matchAll(RULE_LINE)].map((match) => match[1]!);
const familyOf = (id: string) => id.slice(0, id.indexOf('-'));
const familiesOfRulesMd = [...new Set(idsOfRulesMd.map(familyOf))];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The source files under `dir` (relative to the repository), as repository-relative paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.[cm]?[jt]s$/.test(file) && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(dir, file));
}

/** The file's text, or '' if it went away meanwhile (other tests write and remove probe files). */
function read(file: string): string {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/**
 * The titles of `it(`, `test(` and `describe(` calls, also in the `it.each(table)(` form, whose title is a string
 * literal: the idea of `grep -E "(it|test|describe)(\.each\([^)]*\))?\(\s*['\"\`][^'\"\`]*\bID\b"`, with tables
 * that may hold parentheses (two levels) and titles read up to their own closing quote. Skipped and todo tests
 * do not count (their call is `it` followed by a dot and the modifier, which the pattern does not take).
 */
const TEST_TITLE =
  /(?<![\w$.])(?:it|test|describe)(?:\.each\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

describe('rule IDs (src/domain/case/rule-ids.ts, generated from RULES.md)', () => {
  it('are in sync with RULES.md', () => {
    expect(idsOfRulesMd.length).toBeGreaterThan(0);
    expect([...RULE_IDS], `src/domain/case/rule-ids.ts is out of date with ${rulesMd}: run \`npm run rules:generate\``).toEqual(idsOfRulesMd);
    const familyType = /^export type RuleFamily = (.*);$/m.exec(readFileSync(generatedFile, 'utf8'))?.[1];
    expect(familyType, 'the RuleFamily type is out of date with RULES.md: run `npm run rules:generate`').toBe(
      familiesOfRulesMd.map((family) => `'${family}'`).join(' | '),
    );
  });

  it('isRuleId tells the IDs of RULES.md from anything else', () => {
    expect(RULE_IDS.every((id) => isRuleId(id))).toBe(true);
    expect(isRuleId('GRV-APEAL-5')).toBe(false);
    expect(isRuleId('grv-appeal-5')).toBe(false);
    expect(isRuleId('')).toBe(false);
  });

  it('the implemented families are families of RULES.md', () => {
    expect(familiesOfRulesMd).toEqual(expect.arrayContaining([...IMPLEMENTED_FAMILIES]));
  });

  it('every rule ID of an implemented family names a test', () => {
    const self = path.relative(root, __filename);
    const titles = sourceFiles('test')
      .filter((file) => file !== self)
      .flatMap((file) => [...read(file).matchAll(TEST_TITLE)].map((match) => match[2]!));
    const implemented: readonly string[] = IMPLEMENTED_FAMILIES;
    const uncovered = RULE_IDS.filter((id) => implemented.includes(familyOf(id))).filter((id) => {
      const wholeWord = new RegExp(`(?<![\\w-])${escape(id)}(?![\\w-])`);
      return !titles.some((title) => wholeWord.test(title));
    });
    expect(uncovered, `rule IDs of ${IMPLEMENTED_FAMILIES.join(', ')} that no test title under test/ names (it('ID: ...'))`).toEqual([]);
  });

  it('every rule ID cited in src/, workflows/, api/ and activities/ is a rule of RULES.md', () => {
    const cited = new RegExp(`(['"\`])((?:${familiesOfRulesMd.join('|')})-[A-Z0-9-]+)\\1`, 'g');
    const unknown = ['src', 'workflows', 'api', 'activities'].flatMap(sourceFiles).flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, index) => [...line.matchAll(cited)].filter((match) => !isRuleId(match[2]!)).map((match) => `${file}:${index + 1}: ${match[0]}`)),
    );
    expect(unknown, 'unknown rule IDs (typos, or rules missing from RULES.md: then `npm run rules:generate`)').toEqual([]);
  });
});
