import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRIEVANCE_POLICY,
  lastLevelOf,
  levelOf,
  limitAdjective,
  limitText,
  moreText,
  ruleOfProcedureField,
  UNPINNED_GRIEVANCE_POLICY,
  validateGrievancePolicy,
  type GrievancePolicy,
} from '../../../src/domain/grievance/grievance-policy';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';

/**
 * Issue 16: a district's procedure field by field. The procedures and every message are written out here, from
 * RULES.md (the default) and from the issue (the two-level sample), never taken from the code under test.
 */
const schoolDays = (count: number) => ({ count, unit: 'school-day' }) as const;
const workDays = (count: number) => ({ count, unit: 'work-day' }) as const;

describe('the procedures every case starts from', () => {
  it('GRV-FILE-40 / GRV-REP / GRV-CONF-5 / GRV-DECIDE-10 / GRV-APPEAL-5 / GRV-FINAL: the default is RULES.md, limit by limit', () => {
    const level = (role: string, title: string, appeal: boolean) => ({
      decider: { role, title },
      conference: { allowed: true, limit: schoolDays(5), constrains: 'scheduling' },
      decision: { limit: schoolDays(10), countsFrom: 'conference-or-receipt' },
      ...(appeal ? { appeal: schoolDays(5) } : {}),
    });
    expect(DEFAULT_GRIEVANCE_POLICY).toStrictEqual({
      version: 1,
      title: 'RULES.md grievance procedure (seed 003)',
      filing: { limit: schoolDays(40), countsFrom: 'knew-on' },
      representativeDelay: workDays(1),
      levels: [
        level('principal', 'the principal or other appropriate administrator', true),
        level('chief-officer', 'the Chief Officer or designee', true),
        level('superintendent', 'the superintendent or designee', false),
      ],
      lastLevel: { kind: 'final-decision' },
      conferenceNeverScheduled: 'from-conference-deadline',
    });
  });

  it('GRV-CONF-5: a case filed before procedures were data reads the conference limit as holding it, at every level', () => {
    expect(UNPINNED_GRIEVANCE_POLICY.levels.map((l) => l.conference)).toStrictEqual([1, 2, 3].map(() => ({ allowed: true, limit: schoolDays(5), constrains: 'holding' })));
    expect({ ...UNPINNED_GRIEVANCE_POLICY, levels: [] }).toStrictEqual({ ...DEFAULT_GRIEVANCE_POLICY, levels: [] });
  });

  it('GRV-FILE-40 / GRV-APPEAL-5 / GRV-FINAL: the second sample contract: two levels, 30 work days to file, 7 calendar days to appeal, arbitration within 20 work days', () => {
    expect(TWO_LEVEL_ARBITRATION_POLICY).toStrictEqual({
      version: 1,
      title: 'Sample agreement: two levels, then arbitration',
      filing: { limit: workDays(30), countsFrom: 'knew-on' },
      representativeDelay: workDays(2),
      levels: [
        {
          decider: { role: 'principal', title: 'the principal' },
          conference: { allowed: true, limit: workDays(5), constrains: 'scheduling' },
          decision: { limit: workDays(10), countsFrom: 'conference-or-receipt' },
          appeal: { count: 7, unit: 'calendar-day' },
        },
        { decider: { role: 'superintendent', title: 'the superintendent or designee' }, conference: { allowed: false }, decision: { limit: workDays(15), countsFrom: 'receipt' } },
      ],
      lastLevel: { kind: 'arbitration-demand', limit: workDays(20) },
      conferenceNeverScheduled: 'from-conference-deadline',
    });
  });
});

describe('how a procedure words and finds its limits', () => {
  it('GRV-FILE-40 / GRV-EXTEND: limits in words, as adjectives, and an extension in the unit of its limit', () => {
    expect(limitText(schoolDays(40))).toBe('40 school days');
    expect(limitText({ count: 1, unit: 'calendar-day' })).toBe('1 calendar day');
    expect(limitAdjective(workDays(30))).toBe('30-work-day');
    expect(moreText(3, 'calendar-day')).toBe('3 more calendar days');
    expect(moreText(2, 'school-day')).toBe('2 more school days');
    expect(moreText(1, 'school-day')).toBe('1 more school day');
    expect(moreText(1, 'work-day')).toBe('1 more work day');
  });

  it('GRV-DECIDE-10 / GRV-FINAL: a procedure has its levels 1 to N, no level 0 and none above the last', () => {
    expect(levelOf(TWO_LEVEL_ARBITRATION_POLICY, 1)?.decider.title).toBe('the principal');
    expect(levelOf(TWO_LEVEL_ARBITRATION_POLICY, 2)?.decider.title).toBe('the superintendent or designee');
    expect(levelOf(TWO_LEVEL_ARBITRATION_POLICY, 3)).toBeUndefined();
    expect(levelOf(TWO_LEVEL_ARBITRATION_POLICY, 0)).toBeUndefined();
    expect(levelOf(TWO_LEVEL_ARBITRATION_POLICY, -1)).toBeUndefined();
    expect(lastLevelOf(TWO_LEVEL_ARBITRATION_POLICY)).toBe(2);
    expect(lastLevelOf(DEFAULT_GRIEVANCE_POLICY)).toBe(3);
  });

  it.each([
    ['/filing/limit/count', 'GRV-FILE-40'],
    ['/policy/filing', 'GRV-FILE-40'],
    ['/representativeDelay/unit', 'GRV-REP'],
    ['/lastLevel/kind', 'GRV-FINAL'],
    ['/policy/lastLevel', 'GRV-FINAL'],
    ['/levels/0/conference/limit', 'GRV-CONF-5'],
    ['/policy/levels/12/conference', 'GRV-CONF-5'],
    ['/conferenceNeverScheduled', 'GRV-CONF-5'],
    ['/levels/1/appeal', 'GRV-APPEAL-5'],
    ['/levels/10/appeal', 'GRV-APPEAL-5'],
    ['/levels/0/policy/appeal', 'GRV-DECIDE-10'],
    ['/policy/levels/1/appeal/count', 'GRV-APPEAL-5'],
    ['/levels/0/decision/limit', 'GRV-DECIDE-10'],
    ['/levels/0/decider/role', 'GRV-DECIDE-10'],
    ['/levels', 'GRV-DECIDE-10'],
    ['/version', 'GRV-DECIDE-10'],
    ['', 'GRV-DECIDE-10'],
    // Only a leading /policy is the request's wrapper; a pointer must start at the setting.
    ['/x/filing', 'GRV-DECIDE-10'],
    ['/x/levels/0/conference', 'GRV-DECIDE-10'],
    ['/levels/a/conference', 'GRV-DECIDE-10'],
    ['/x/levels/0/appeal', 'GRV-DECIDE-10'],
    ['/levels//appeal', 'GRV-DECIDE-10'],
    ['/x/conferenceNeverScheduled', 'GRV-DECIDE-10'],
    ['/x/policy/filing', 'GRV-DECIDE-10'],
  ])('a problem at %j is one of %s', (field, rule) => {
    expect(ruleOfProcedureField(field)).toBe(rule);
  });
});

/** The two-level contract as HR sends it (plain JSON), with some settings changed. */
const sent = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({ ...JSON.parse(JSON.stringify(TWO_LEVEL_ARBITRATION_POLICY)), ...changes });
const level0 = (changes: Record<string, unknown>) => ({ levels: [{ ...JSON.parse(JSON.stringify(TWO_LEVEL_ARBITRATION_POLICY.levels[0])), ...changes }, TWO_LEVEL_ARBITRATION_POLICY.levels[1]] });
const refused = (...problems: [string, string][]) => ({ ok: false, problems: problems.map(([field, message]) => ({ field, message })) });
const accepted = (policy: GrievancePolicy) => ({ ok: true, policy });

describe('a procedure as HR sends it: what it may leave out', () => {
  it('GRV-FILE-40 / GRV-CONF-5 / GRV-DECIDE-10: without a title, or the defaults of countsFrom, constrains and conferenceNeverScheduled', () => {
    const minimal = sent({ title: undefined, filing: { limit: workDays(30) }, conferenceNeverScheduled: undefined });
    const lean = { ...minimal, levels: [{ ...(minimal.levels as object[])[0], conference: { allowed: true, limit: workDays(5) }, decision: { limit: workDays(10) } }, (minimal.levels as object[])[1]] };
    const { title: _title, ...untitled } = TWO_LEVEL_ARBITRATION_POLICY;
    expect(validateGrievancePolicy(JSON.parse(JSON.stringify(lean)))).toStrictEqual(accepted(untitled));
  });

  it('GRV-FILE-40: a title is trimmed; one of exactly 200 characters is taken', () => {
    const long = 'A'.repeat(200);
    expect(validateGrievancePolicy(sent({ title: '  Article 7  ' }))).toStrictEqual(accepted({ ...TWO_LEVEL_ARBITRATION_POLICY, title: 'Article 7' }));
    expect(validateGrievancePolicy(sent({ title: long }))).toStrictEqual(accepted({ ...TWO_LEVEL_ARBITRATION_POLICY, title: long }));
  });

  it('GRV-CONF-5 / GRV-FINAL: the other choices of each option are taken as sent', () => {
    const options = sent({ conferenceNeverScheduled: 'from-receipt', lastLevel: { kind: 'final-decision' }, ...level0({ conference: { allowed: true, limit: workDays(5), constrains: 'holding' }, decision: { limit: workDays(10), countsFrom: 'receipt' } }) });
    const result = validateGrievancePolicy(options);
    expect(result).toMatchObject({
      ok: true,
      policy: {
        conferenceNeverScheduled: 'from-receipt',
        lastLevel: { kind: 'final-decision' },
        levels: [{ conference: { allowed: true, limit: workDays(5), constrains: 'holding' }, decision: { limit: workDays(10), countsFrom: 'receipt' } }, { conference: { allowed: false } }],
      },
    });
  });

  it('GRV-DECIDE-10: a decider role of 40 characters, with digits and dashes, is taken', () => {
    const role = `b${'oard-9'.repeat(6)}abc`;
    expect(role).toHaveLength(40);
    expect(validateGrievancePolicy(sent(level0({ decider: { role, title: 'the board' } })))).toMatchObject({ ok: true, policy: { levels: [{ decider: { role, title: 'the board' } }, {}] } });
  });

  it.each([
    ['school-day', 180],
    ['work-day', 260],
    ['calendar-day', 365],
  ] as const)('GRV-FILE-40: a %s limit may be as long as %i', (unit, count) => {
    expect(validateGrievancePolicy(sent({ filing: { limit: { count, unit } } }))).toMatchObject({ ok: true, policy: { filing: { limit: { count, unit }, countsFrom: 'knew-on' } } });
  });
});

describe('a procedure as HR sends it: every refusal, its field and its message', () => {
  const LIMIT = 'must be an object (count, unit)';
  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['a version that is not a whole number', { version: 1.5 }, [['/version', 'must be a whole number']]],
    ['a version sent as text', { version: '2' }, [['/version', 'must be a whole number']]],
    ['version 0', { version: 0 }, [['/version', 'must be between 1 and 9007199254740991']]],
    ['a title of spaces', { title: '   ' }, [['/title', 'must be a text of 1 to 200 characters']]],
    ['a title of 201 characters', { title: 'A'.repeat(201) }, [['/title', 'must be a text of 1 to 200 characters']]],
    ['a title that is not a text', { title: 7 }, [['/title', 'must be a text of 1 to 200 characters']]],
    ['no filing', { filing: undefined }, [['/filing', 'must be an object (limit, countsFrom)']]],
    ['a filing counted from another day', { filing: { limit: workDays(30), countsFrom: 'incident' } }, [['/filing/countsFrom', 'must be one of "knew-on"']]],
    ['a filing setting unknown', { filing: { limit: workDays(30), from: 'knew-on' } }, [['/filing/from', 'is not a procedure setting']]],
    ['a filing limit without its count', { filing: { limit: { unit: 'work-day' } } }, [['/filing/limit/count', 'must be a whole number']]],
    ['a filing limit that is a number', { filing: { limit: 30 } }, [['/filing/limit', LIMIT]]],
    ['a filing limit that is a list', { filing: { limit: [30, 'work-day'] } }, [['/filing/limit', LIMIT]]],
    ['a filing limit that is null', { filing: { limit: null } }, [['/filing/limit', LIMIT]]],
    ['a limit with a setting too many', { representativeDelay: { count: 1, unit: 'work-day', hours: 2 } }, [['/representativeDelay/hours', 'is not a procedure setting']]],
    ['181 school days', { filing: { limit: schoolDays(181) } }, [['/filing/limit/count', 'must be between 1 and 180']]],
    ['261 work days', { filing: { limit: workDays(261) } }, [['/filing/limit/count', 'must be between 1 and 260']]],
    ['366 calendar days', { filing: { limit: { count: 366, unit: 'calendar-day' } } }, [['/filing/limit/count', 'must be between 1 and 365']]],
    ['an unknown unit and a count no unit allows', { filing: { limit: { count: 366, unit: 'year' } } }, [['/filing/limit/unit', 'must be one of "school-day", "work-day", "calendar-day"'], ['/filing/limit/count', 'must be between 1 and 365']]],
    ['an unknown unit and a count some unit allows', { filing: { limit: { count: 365, unit: 'year' } } }, [['/filing/limit/unit', 'must be one of "school-day", "work-day", "calendar-day"']]],
    ['no representative delay', { representativeDelay: undefined }, [['/representativeDelay', LIMIT]]],
    ['levels that are not a list', { levels: { 0: TWO_LEVEL_ARBITRATION_POLICY.levels[0] } }, [['/levels', "must list the procedure's levels in order (1 to 3)"]]],
    ['no levels', { levels: [] }, [['/levels', "must list the procedure's levels in order (1 to 3)"]]],
    ['four levels', { levels: [...DEFAULT_GRIEVANCE_POLICY.levels, DEFAULT_GRIEVANCE_POLICY.levels[2]] }, [['/levels', 'at most 3 levels (a decider token names levels 1 to 3)']]],
    ['a level that is not an object', { levels: ['principal', TWO_LEVEL_ARBITRATION_POLICY.levels[1]] }, [['/levels/0', 'must be an object (decider, conference, decision, appeal)']]],
    ['a level setting unknown', level0({ deadline: 5 }), [['/levels/0/deadline', 'is not a procedure setting']]],
    ['a level without a decider', level0({ decider: undefined }), [['/levels/0/decider', 'must be an object (role, title)']]],
    ['a decider role with capitals', level0({ decider: { role: 'Principal', title: 'the principal' } }), [['/levels/0/decider/role', 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)']]],
    ['a decider role starting with a digit', level0({ decider: { role: '1st', title: 'the principal' } }), [['/levels/0/decider/role', 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)']]],
    ['a decider role of 41 characters', level0({ decider: { role: 'a'.repeat(41), title: 'the principal' } }), [['/levels/0/decider/role', 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)']]],
    ['a decider role with a space', level0({ decider: { role: 'vice principal', title: 'the principal' } }), [['/levels/0/decider/role', 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)']]],
    ['a decider without a role', level0({ decider: { title: 'the principal' } }), [['/levels/0/decider/role', 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)']]],
    ['a decider role that is null', level0({ decider: { role: null, title: 'the principal' } }), [['/levels/0/decider/role', 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)']]],
    ['a decider role that is not a text', level0({ decider: { role: 3, title: 'the principal' } }), [['/levels/0/decider/role', 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)']]],
    ['a decider title too long', level0({ decider: { role: 'principal', title: 'x'.repeat(201) } }), [['/levels/0/decider/title', 'must be a text of 1 to 200 characters']]],
    ['a level without a conference setting', level0({ conference: undefined }), [['/levels/0/conference', 'must be an object (allowed, limit, constrains)']]],
    ['a conference allowed as text', level0({ conference: { allowed: 'yes', limit: workDays(5) } }), [['/levels/0/conference/allowed', 'must be true or false']]],
    ['a conference allowed without its limit', level0({ conference: { allowed: true } }), [['/levels/0/conference/limit', LIMIT]]],
    ['a conference limit of another kind', level0({ conference: { allowed: true, limit: workDays(5), constrains: 'requesting' } }), [['/levels/0/conference/constrains', 'must be one of "scheduling", "holding"']]],
    ['a level without a conference, with a limit', level0({ conference: { allowed: false, limit: workDays(5) } }), [['/levels/0/conference/limit', 'a level without a conference has no conference limit']]],
    ['a level without its decision setting', level0({ decision: undefined }), [['/levels/0/decision', 'must be an object (limit, countsFrom)']]],
    ['a decision counted from another day', level0({ decision: { limit: workDays(10), countsFrom: 'hearing' } }), [['/levels/0/decision/countsFrom', 'must be one of "conference-or-receipt", "receipt"']]],
    ['a decision without its limit', level0({ decision: { countsFrom: 'receipt' } }), [['/levels/0/decision/limit', LIMIT]]],
    ['no appeal between levels', level0({ appeal: undefined }), [['/levels/0/appeal', LIMIT]]],
    ['an appeal after the last level', { levels: [TWO_LEVEL_ARBITRATION_POLICY.levels[0], { ...TWO_LEVEL_ARBITRATION_POLICY.levels[1], appeal: workDays(5) }] }, [['/levels/1/appeal', 'the last level has no appeal to a next level: set lastLevel instead']]],
    ['no last level', { lastLevel: undefined }, [['/lastLevel', 'must be an object (kind, limit)']]],
    ['a final decision with a limit after it', { lastLevel: { kind: 'final-decision', limit: workDays(20) } }, [['/lastLevel/limit', 'a final decision has no limit after it']]],
    ['an arbitration demand without its limit', { lastLevel: { kind: 'arbitration-demand' } }, [['/lastLevel/limit', LIMIT]]],
    ['a last level of another kind', { lastLevel: { kind: 'mediation' } }, [['/lastLevel/kind', 'must be one of "final-decision", "arbitration-demand"']]],
    ['a last-level setting unknown', { lastLevel: { kind: 'final-decision', days: 3 } }, [['/lastLevel/days', 'is not a procedure setting']]],
    ['an unknown choice for a conference never scheduled', { conferenceNeverScheduled: 'never' }, [['/conferenceNeverScheduled', 'must be one of "from-conference-deadline", "from-receipt"']]],
    ['a setting unknown', { unit: 'teachers' }, [['/unit', 'is not a procedure setting']]],
  ])('GRV-FILE-40 and the rest: %s', (_name, changes, problems) => {
    expect(validateGrievancePolicy(sent(changes))).toStrictEqual(refused(...problems));
  });

  it('GRV-DECIDE-10: every problem is reported at once, in the order of the procedure', () => {
    expect(validateGrievancePolicy({ version: 0, title: '', filing: {}, levels: [], lastLevel: {}, extra: true })).toStrictEqual(
      refused(
        ['/extra', 'is not a procedure setting'],
        ['/version', 'must be between 1 and 9007199254740991'],
        ['/title', 'must be a text of 1 to 200 characters'],
        ['/filing/limit', LIMIT],
        ['/representativeDelay', LIMIT],
        ['/levels', "must list the procedure's levels in order (1 to 3)"],
        ['/lastLevel/kind', 'must be one of "final-decision", "arbitration-demand"'],
      ),
    );
  });

  it.each([null, 'procedure', 3, [TWO_LEVEL_ARBITRATION_POLICY]])('GRV-DECIDE-10: %j is not a procedure', (input) => {
    expect(validateGrievancePolicy(input)).toStrictEqual(refused(['', 'must be an object']));
  });
});
