import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { NoticeRecord } from '../../../src/domain/notices/notice';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import type { Placement } from '../../../src/domain/par/program-roster';
import {
  DEFAULT_GROUP_SETTING_SIZE,
  PLACE_OFFERED,
  configure,
  initialProgramState,
  programView,
  programWindowRefusal,
  programWindows,
  setupProblems,
  withoutVolunteers,
  type ProgramSettings,
  type ProgramWindows,
  type ProgramYearState,
  type RosterEvent,
} from '../../../src/domain/par/program-year';
import { riverside2026 } from './par-fixtures';

/**
 * One school year of a district's PAR program (program-year.ts): its configuration (PAR-PRIORITY capacity and the
 * policy), its windows on the district calendar (PAR-SPRING-WINDOW, PAR-VOL-WINDOW) and the view HR and the panel
 * read, with Volunteers left out for those who may not know them (PAR-VOL-CONF). Fixtures are built inside the
 * tests (stryker-js#6144: a call at a test file's top level makes mutants no test can kill).
 */

const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'riverside' };
const AT = '2026-09-01T16:00:00.000Z';

/** A policy as a district sends it: the defaults written out, version 2. */
const policyInput = (over: Record<string, unknown> = {}) => ({
  version: 2,
  referralEligibility: 'standards',
  referralWindow: { kind: 'last-school-days', schoolDays: 20 },
  volunteerWindows: ['january', 'may'],
  volunteerTerm: { minimumMonths: 0 },
  volunteerRecords: 'kept-confidential',
  ...over,
});

const settings = (over: Partial<ProgramSettings> = {}): ProgramSettings => ({
  consultingTeachers: [
    { id: 'ct-kim', caseload: 2 },
    { id: 'ct-ortiz', caseload: 2 },
  ],
  volunteerMaximum: 2,
  ...over,
});

const fresh = () => initialProgramState('riverside', '2026-2027');

/** A program year whose roster holds the given placements and waiting requests. */
function withRoster(placements: Placement[], waiting: ProgramYearState['roster']['waiting'] = [], state = fresh()): ProgramYearState {
  return { ...state, roster: { ...state.roster, placements, waiting } };
}

const placement = (caseId: string, group: 1 | 2 | 3, consultingTeacher?: string, endedOn?: string): Placement => ({
  caseId,
  group,
  since: '2026-05-10',
  placedOn: '2026-08-20',
  ...(consultingTeacher ? { consultingTeacher } : {}),
  ...(endedOn ? { endedOn } : {}),
});

describe('PAR program year: a new year and its configuration (PAR-PRIORITY)', () => {
  it('PAR-PRIORITY: a new program year is unconfigured, has no place, runs the default policy and groups four to a place', () => {
    expect(DEFAULT_GROUP_SETTING_SIZE).toBe(4);
    expect(initialProgramState('riverside', '2027-2028')).toStrictEqual({
      district: 'riverside',
      schoolYear: '2027-2028',
      configured: false,
      policy: DEFAULT_PAR_POLICY,
      roster: { schoolYear: '2027-2028', consultingTeachers: [], volunteerMaximum: 0, groupSettingSize: 4, placements: [], waiting: [] },
      notify: [],
      configurations: [],
      events: [],
      caseWorkflows: {},
      pendingOffers: [],
      windowNotices: [],
      notices: [],
    });
  });

  it('PAR-PRIORITY: a configuration sets the consulting teachers, the Volunteer maximum and who hears of it, and logs a summary', () => {
    const state = configure(
      fresh(),
      settings({
        consultingTeachers: [
          { id: 'ct-kim', name: 'Kim Lee', caseload: 3 },
          { id: 'ct-ortiz', name: '', caseload: 2 },
        ],
        notify: [{ name: 'HR desk', email: 'hr@riverside.example' }],
      }),
      hr,
      AT,
    );
    expect(state.configured).toBe(true);
    expect(state.policy).toBe(DEFAULT_PAR_POLICY);
    expect(state.roster).toStrictEqual({
      schoolYear: '2026-2027',
      consultingTeachers: [
        { id: 'ct-kim', name: 'Kim Lee', caseload: 3 },
        { id: 'ct-ortiz', caseload: 2 },
      ],
      volunteerMaximum: 2,
      groupSettingSize: 4,
      placements: [],
      waiting: [],
    });
    expect(state.notify).toEqual([{ name: 'HR desk', email: 'hr@riverside.example' }]);
    expect(state.configurations).toStrictEqual([{ version: 1, at: AT, by: hr, policyVersion: 1, summary: '2 consulting teacher(s), 5 place(s), at most 2 Volunteer(s); policy v1' }]);
  });

  it('PAR-PRIORITY: a later configuration adds to the log, takes a new policy and group size, and keeps the roster and contacts it does not name', () => {
    const first = configure(withRoster([placement('PAR-R1', 1, 'ct-kim')]), settings({ notify: [{ name: 'HR desk' }] }), hr, AT);
    const second = configure(first, settings({ volunteerMaximum: 3, groupSettingSize: 5, policy: policyInput({ referralEligibility: 'overall' }) }), hr, '2026-10-01T16:00:00.000Z');
    expect(second.policy).toMatchObject({ version: 2, referralEligibility: 'overall' });
    expect(second.notify).toEqual([{ name: 'HR desk' }]);
    expect(second.roster).toMatchObject({ volunteerMaximum: 3, groupSettingSize: 5, placements: [placement('PAR-R1', 1, 'ct-kim')] });
    expect(second.configurations.map((c) => [c.version, c.at, c.policyVersion, c.summary])).toEqual([
      [1, AT, 1, '2 consulting teacher(s), 4 place(s), at most 2 Volunteer(s); policy v1'],
      [2, '2026-10-01T16:00:00.000Z', 2, '2 consulting teacher(s), 4 place(s), at most 3 Volunteer(s); policy v2'],
    ]);
    // A group size left out keeps the one set before.
    expect(configure(second, settings(), hr, AT).roster.groupSettingSize).toBe(5);
  });

  it('PAR-PRIORITY: a policy the checks refuse is never applied: the year keeps its policy', () => {
    expect(configure(fresh(), settings({ policy: policyInput({ version: 0 }) }), hr, AT).policy).toBe(DEFAULT_PAR_POLICY);
  });
});

describe('PAR program year: what a configuration is refused for', () => {
  it('accepts a configuration within the rules', () => {
    expect(setupProblems(fresh(), settings({ policy: policyInput() }))).toEqual([]);
  });

  it.each([
    ['the eligibility test (PAR-REF-ELIG)', { referralEligibility: 'neither' }, '/policy/referralEligibility', 'PAR-REF-ELIG'],
    ['the referral window itself (PAR-SPRING-WINDOW)', { referralWindow: 'spring' }, '/policy/referralWindow', 'PAR-SPRING-WINDOW'],
    ['the referral window\'s days (PAR-SPRING-WINDOW)', { referralWindow: { kind: 'last-school-days', schoolDays: 0 } }, '/policy/referralWindow/schoolDays', 'PAR-SPRING-WINDOW'],
    ['the volunteer windows (PAR-VOL-WINDOW)', { volunteerWindows: [] }, '/policy/volunteerWindows', 'PAR-VOL-WINDOW'],
    ['the volunteer term (PAR-VOL-TERM)', { volunteerTerm: { minimumMonths: -1 } }, '/policy/volunteerTerm/minimumMonths', 'PAR-VOL-TERM'],
    ['the volunteer records (PAR-VOL-CONF)', { volunteerRecords: 'shredded' }, '/policy/volunteerRecords', 'PAR-VOL-CONF'],
    ['the panel quorum (PAR-VOL-ELIG)', { panelQuorum: 0 }, '/policy/panelQuorum', 'PAR-VOL-ELIG'],
    ['the assignment limit (PAR-CT-SELECT-10)', { timing: { assignmentWorkDays: 0 } }, '/policy/timing/assignmentWorkDays', 'PAR-CT-SELECT-10'],
    ['the goals conference limit (PAR-IPG)', { timing: { ipgSchoolDays: 0 } }, '/policy/timing/ipgSchoolDays', 'PAR-IPG'],
    ['the semester review limit (PAR-SEMESTER)', { timing: { semesterReviewWorkDays: 0 } }, '/policy/timing/semesterReviewWorkDays', 'PAR-SEMESTER'],
    ['the final response window (PAR-FINAL-CONF)', { timing: { finalResponseWorkDays: 0 } }, '/policy/timing/finalResponseWorkDays', 'PAR-FINAL-CONF'],
    ['the outcome limit (PAR-OUTCOME)', { timing: { outcomeWorkDays: 0 } }, '/policy/timing/outcomeWorkDays', 'PAR-OUTCOME'],
    ['the version (no rule)', { version: 0 }, '/policy/version', undefined],
    ['a misspelt setting that starts like one (no rule)', { volunteerTermMonths: 3 }, '/policy/volunteerTermMonths', undefined],
    ['the timing as a whole (no single rule)', { timing: 5 }, '/policy/timing', undefined],
    ['the assistance rules (no rule of their own)', { assistance: { semesterStartWeeks: 11 } }, '/policy/assistance/semesterStartWeeks', undefined],
  ] as const)('a policy is refused at the field it gets wrong, naming the rule the setting carries out: %s', (_name, over, field, rule) => {
    const problems = setupProblems(fresh(), settings({ policy: policyInput(over) }));
    expect(problems.map((p) => [p.field, p.rule])).toEqual([[field, rule]]);
  });

  it('a policy that is not an object is refused as a whole', () => {
    expect(setupProblems(fresh(), settings({ policy: 'standards' }))).toEqual([{ field: '/policy', message: 'must be an object', rule: undefined }]);
  });

  it.each([
    ['a changed policy under the same version', 3, { referralEligibility: 'overall' }, 'must be greater than 3: the policy changed, and each case keeps the version it runs under'],
    ['a changed policy under a lower version', 2, { referralEligibility: 'overall' }, 'must be greater than 3: the policy changed, and each case keeps the version it runs under'],
    ['the same policy sent again', 3, {}, undefined],
    ['a changed policy under a higher version', 4, { referralEligibility: 'overall' }, undefined],
  ] as const)('a configured year refuses %s: each case names the version it runs under', (_name, version, over, message) => {
    const configured = configure(fresh(), settings({ policy: policyInput({ version: 3 }) }), hr, AT);
    const problems = setupProblems(configured, settings({ policy: policyInput({ ...over, version }) }));
    expect(problems).toEqual(message ? [{ field: '/policy/version', message }] : []);
  });

  it('a year not yet configured takes any valid policy, whatever its version', () => {
    expect(setupProblems(fresh(), settings({ policy: policyInput({ version: 1, referralEligibility: 'overall' }) }))).toEqual([]);
  });

  it('PAR-PRIORITY: a consulting teacher listed twice is refused at the second entry', () => {
    const problems = setupProblems(fresh(), settings({ consultingTeachers: [{ id: 'ct-kim', caseload: 2 }, { id: 'ct-ortiz', caseload: 1 }, { id: 'ct-kim', caseload: 1 }] }));
    expect(problems).toEqual([{ field: '/consultingTeachers/2/id', message: 'ct-kim is listed twice', rule: 'PAR-PRIORITY' }]);
  });

  it.each([
    [0, true],
    [30, true],
    [-1, false],
    [31, false],
    [2.5, false],
  ])('PAR-PRIORITY: a caseload of %s is accepted: %s (a whole number from 0 to 30)', (caseload, accepted) => {
    const problems = setupProblems(fresh(), settings({ consultingTeachers: [{ id: 'ct-kim', caseload: 2 }, { id: 'ct-ortiz', caseload }] }));
    expect(problems).toEqual(accepted ? [] : [{ field: '/consultingTeachers/1/caseload', message: 'must be a whole number from 0 to 30', rule: 'PAR-PRIORITY' }]);
  });

  it('PAR-REASSIGN: a consulting teacher serving a participant cannot be dropped; one whose participant left, or a place without one, can', () => {
    const state = withRoster([placement('PAR-R1', 1, 'ct-kim'), placement('PAR-R2', 1, 'ct-lund', '2026-10-01'), placement('PAR-N1', 3), placement('PAR-R3', 1, 'ct-ortiz')]);
    expect(setupProblems(state, settings({ consultingTeachers: [{ id: 'ct-ortiz', caseload: 2 }] }))).toEqual([
      { field: '/consultingTeachers', message: 'ct-kim still serves case PAR-R1: the panel reassigns it first (PAR-REASSIGN)', rule: 'PAR-REASSIGN' },
    ]);
    expect(setupProblems(state, settings())).toEqual([]);
  });

  it.each([
    [0, []],
    [-1, [{ field: '/volunteerMaximum', message: 'must be a whole number, 0 or more', rule: 'PAR-PRIORITY' }]],
    [1.5, [{ field: '/volunteerMaximum', message: 'must be a whole number, 0 or more', rule: 'PAR-PRIORITY' }]],
  ])('PAR-PRIORITY: a Volunteer maximum of %s in a new year', (volunteerMaximum, problems) => {
    expect(setupProblems(fresh(), settings({ volunteerMaximum }))).toEqual(problems);
  });

  it('PAR-PRIORITY: the Volunteer maximum may not drop below the Volunteers admitted this year, those who left included', () => {
    // Two Volunteers admitted (one has left), one Referred participant and one new teacher: only the Volunteers count.
    const state = withRoster([placement('PAR-V1', 2, 'ct-kim', '2026-11-02'), placement('PAR-V2', 2, 'ct-kim'), placement('PAR-R1', 1, 'ct-ortiz'), placement('PAR-N1', 3, 'ct-ortiz')]);
    expect(setupProblems(state, settings({ volunteerMaximum: 2 }))).toEqual([]);
    expect(setupProblems(state, settings({ volunteerMaximum: 1 }))).toEqual([
      { field: '/volunteerMaximum', message: 'must not be below the 2 Volunteer(s) already admitted in 2026-2027', rule: 'PAR-PRIORITY' },
    ]);
  });
});

describe('PAR-SPRING-WINDOW / PAR-VOL-WINDOW: the windows of a program year', () => {
  const REFERRAL = {
    rule: 'PAR-SPRING-WINDOW',
    label: 'the last 20 school days of the 2026-2027 school year',
    opens: '2027-05-07',
    closes: '2027-06-04',
    kind: 'referral',
    // Riverside keeps Pacific time: PDT (UTC-7) in May and June.
    opensAt: '2027-05-07T07:00:00.000Z',
    closesAt: '2027-06-05T06:59:59.000Z',
  };

  it('PAR-SPRING-WINDOW: a year whose calendar is not published has no window yet, and says why', () => {
    expect(programWindows(fresh(), Date.parse('2027-03-01T12:00:00Z'))).toStrictEqual({ waitingFor: 'the 2026-2027 calendar of riverside is not published', volunteer: [] });
  });

  it('PAR-SPRING-WINDOW / PAR-VOL-WINDOW: each window from 00:00 on its first day to 23:59:59 on its last, district time', () => {
    const windows = programWindows({ ...fresh(), calendar: riverside2026 }, Date.parse('2027-03-01T12:00:00Z'));
    expect(windows).toStrictEqual({
      calendarVersion: 1,
      referral: { ...REFERRAL, state: 'upcoming' },
      volunteer: [
        // January is PST (UTC-8).
        { rule: 'PAR-VOL-WINDOW', label: 'the first two weeks of January 2027', opens: '2027-01-04', closes: '2027-01-17', kind: 'volunteer', opensAt: '2027-01-04T08:00:00.000Z', closesAt: '2027-01-18T07:59:59.000Z', state: 'closed' },
        { rule: 'PAR-VOL-WINDOW', label: 'the first two weeks of May 2027', opens: '2027-05-03', closes: '2027-05-16', kind: 'volunteer', opensAt: '2027-05-03T07:00:00.000Z', closesAt: '2027-05-17T06:59:59.000Z', state: 'upcoming' },
      ],
    });
  });

  it.each([
    ['2027-05-07T06:59:59.999Z', 'upcoming'],
    ['2027-05-07T07:00:00.000Z', 'open'],
    ['2027-06-05T06:59:59.000Z', 'open'],
    ['2027-06-05T06:59:59.001Z', 'closed'],
  ])('PAR-SPRING-WINDOW: at %s the referral window is %s', (now, state) => {
    expect(programWindows({ ...fresh(), calendar: riverside2026 }, Date.parse(now)).referral?.state).toBe(state);
  });

  it.each([
    [undefined, 1],
    [3, 3],
  ])('the windows name the calendar version they are counted on (%s: %s; a calendar without one is version 1)', (version, expected) => {
    expect(programWindows({ ...fresh(), calendar: { ...riverside2026, version } }, 0).calendarVersion).toBe(expected);
  });

  it.each([
    [undefined, 1],
    [1, 1],
    [3, 3],
  ])('PAR-SPRING-WINDOW: a window the published calendar (version %s) cannot count waits for the calendar that can, saying why', (version, calendarVersion) => {
    const state = { ...initialProgramState('riverside', '2027-2028'), calendar: { ...riverside2026, version } };
    expect(programWindows(state, 0)).toStrictEqual({
      calendarVersion,
      waitingFor: 'No calendar of district riverside covers 2028-01-01: load the calendar of that school year before counting deadlines into it (a deadline is never guessed).',
      volunteer: [],
    });
  });
});

describe('PAR-SPRING-WINDOW / PAR-VOL-WINDOW: a request outside the program\'s windows', () => {
  const window = (rule: 'PAR-SPRING-WINDOW' | 'PAR-VOL-WINDOW', label: string, opens: string, closes: string) => ({
    rule,
    label,
    opens,
    closes,
    kind: rule === 'PAR-SPRING-WINDOW' ? ('referral' as const) : ('volunteer' as const),
    opensAt: `${opens}T07:00:00.000Z`,
    closesAt: `${closes}T06:59:59.000Z`,
    state: 'open' as const,
  });
  const known = (): { windows: ProgramWindows } => ({
    windows: {
      calendarVersion: 1,
      referral: window('PAR-SPRING-WINDOW', 'the last 20 school days of the 2026-2027 school year', '2027-05-07', '2027-06-04'),
      volunteer: [window('PAR-VOL-WINDOW', 'the first two weeks of May 2027', '2027-05-03', '2027-05-16')],
    },
  });

  it.each([
    ['referral', '2027-05-10', undefined],
    ['referral', '2027-05-04', '2027-05-04 is outside the window: referrals are made in the last 20 school days of the 2026-2027 school year, from 2027-05-07 to 2027-06-04'],
    ['volunteer', '2027-05-04', undefined],
    ['volunteer', '2027-05-20', '2027-05-20 is outside the window: volunteers apply in the first two weeks of May 2027, from 2027-05-03 to 2027-05-16'],
  ] as const)('a %s on %s is checked against its own window(s) only', (kind, date, message) => {
    const refusal = programWindowRefusal(known(), kind, date);
    expect(refusal?.message).toBe(message);
    if (message) expect(refusal).toMatchObject({ ok: false, kind: 'rule', rule: kind === 'referral' ? 'PAR-SPRING-WINDOW' : 'PAR-VOL-WINDOW' });
  });

  it.each([
    ['referral', { waitingFor: 'the 2026-2027 calendar of riverside is not published', volunteer: [] }, 'PAR-SPRING-WINDOW', "the program's referral window is not known yet: the 2026-2027 calendar of riverside is not published"],
    ['volunteer', { calendarVersion: 1, volunteer: [] }, 'PAR-VOL-WINDOW', "the program's volunteer window is not known yet: no window is set"],
  ] as const)('a %s while the windows are not known is refused, saying why', (kind, windows, rule, message) => {
    expect(programWindowRefusal({ windows }, kind, '2027-05-10')).toStrictEqual({ ok: false, kind: 'rule', rule, message });
  });

  it('a volunteer application is refused while only the referral window is known, and a referral while only volunteer windows are', () => {
    const { windows } = known();
    expect(programWindowRefusal({ windows: { ...windows, volunteer: [] } }, 'volunteer', '2027-05-10')?.rule).toBe('PAR-VOL-WINDOW');
    expect(programWindowRefusal({ windows: { ...windows, referral: undefined } }, 'referral', '2027-05-10')?.rule).toBe('PAR-SPRING-WINDOW');
  });
});

describe('PAR program year: the view (PAR-PRIORITY) and what a role that may not know Volunteers sees (PAR-VOL-CONF)', () => {
  const NOTICE = (deliveryId: string): NoticeRecord => ({ deliveryId, kind: 'place-offered', channel: 'email', at: AT, destination: ['hr@riverside.example'] });
  const event = (caseId: string, type: RosterEvent['type'], group?: 1 | 2 | 3): RosterEvent => ({ at: AT, type, caseId, ...(group ? { group } : {}), detail: `${type} ${caseId}` });

  /** Kim serves 2, Ortiz 1: three places, all in use; a Volunteer and a new teacher wait. */
  function program(): ProgramYearState {
    const configured = configure(
      fresh(),
      settings({
        consultingTeachers: [
          { id: 'ct-kim', caseload: 2 },
          { id: 'ct-ortiz', caseload: 1 },
        ],
      }),
      hr,
      AT,
    );
    const state = withRoster(
      [placement('PAR-R1', 1, 'ct-kim'), placement('PAR-V1', 2, 'ct-kim', '2027-03-01'), placement('PAR-V2', 2, 'ct-ortiz'), placement('PAR-N1', 3)],
      [
        { caseId: 'PAR-N2', group: 3, since: '2027-08-02' },
        { caseId: 'PAR-V3', group: 2, since: '2027-05-04' },
      ],
      configured,
    );
    return {
      ...state,
      events: [event('PAR-R1', 'placed', 1), event('PAR-V3', 'requested', 2), event('PAR-V2', 'offer-undelivered'), event('PAR-V9', 'refused', 2)],
      notices: [NOTICE('par-program:riverside:2026-2027:place-offered:PAR-V2:2026-08-20')],
    };
  }

  it('PAR-PRIORITY: the view counts each consulting teacher\'s participants now, the places, and where each waiting case stands and why', () => {
    const view = programView(program(), 'par-program:riverside:2026-2027', Date.parse('2027-03-01T12:00:00Z'), [NOTICE('par-program:riverside:2026-2027:place-offered:PAR-R1:2026-08-20')]);
    expect(view).toMatchObject({ district: 'riverside', schoolYear: '2026-2027', workflowId: 'par-program:riverside:2026-2027', configured: true, volunteerMaximum: 2, groupSettingSize: 4 });
    expect(view.policy).toBe(DEFAULT_PAR_POLICY);
    expect(view.consultingTeachers).toEqual([
      { id: 'ct-kim', caseload: 2, assigned: 1 },
      { id: 'ct-ortiz', caseload: 1, assigned: 1 },
    ]);
    expect(view.capacity).toEqual({ places: 3, used: 3, free: 0, overBy: 0 });
    expect(view.roster.map((p) => [p.caseId, p.groupName])).toEqual([
      ['PAR-R1', 'Group I (Referred)'],
      ['PAR-V1', 'Group II (Volunteers)'],
      ['PAR-V2', 'Group II (Volunteers)'],
      ['PAR-N1', 'Group III (new teachers)'],
    ]);
    expect(view.waiting).toEqual([
      { caseId: 'PAR-V3', group: 2, since: '2027-05-04', groupName: 'Group II (Volunteers)', position: 1, reason: "the panel's maximum of 2 Volunteers for 2026-2027 is reached" },
      { caseId: 'PAR-N2', group: 3, since: '2027-08-02', groupName: 'Group III (new teachers)', position: 2, reason: 'no consulting-teacher place is free (3 places in use)' },
    ]);
    expect(view.volunteers).toEqual({ placed: 2, active: 1, waiting: 1 });
    expect(view.volunteersHidden).toBe(false);
    expect(view.windows).toStrictEqual({ waitingFor: 'the 2026-2027 calendar of riverside is not published', volunteer: [] });
    expect(view.notify).toEqual([]);
    expect(view.configurations.map((c) => c.summary)).toEqual(['2 consulting teacher(s), 3 place(s), at most 2 Volunteer(s); policy v1']);
    expect(view.events.map((e) => e.caseId)).toEqual(['PAR-R1', 'PAR-V3', 'PAR-V2', 'PAR-V9']);
    // The deliveries of earlier runs first, then this run's.
    expect(view.notices.map((n) => n.deliveryId)).toEqual(['par-program:riverside:2026-2027:place-offered:PAR-V2:2026-08-20', 'par-program:riverside:2026-2027:place-offered:PAR-R1:2026-08-20']);
  });

  it('PAR-VOL-CONF: the Volunteer counts count Volunteers only, among more Referred participants and new teachers', () => {
    const state = withRoster(
      [placement('PAR-V1', 2, 'ct-kim'), placement('PAR-R1', 1, 'ct-kim'), placement('PAR-R2', 1, 'ct-ortiz'), placement('PAR-N1', 3, 'ct-ortiz')],
      [
        { caseId: 'PAR-V2', group: 2, since: '2027-05-04' },
        { caseId: 'PAR-N2', group: 3, since: '2027-08-02' },
        { caseId: 'PAR-N3', group: 3, since: '2027-08-03' },
      ],
    );
    expect(programView(state, 'par-program:riverside:2026-2027', 0, []).volunteers).toEqual({ placed: 1, active: 1, waiting: 1 });
  });

  it('PAR-SPRING-WINDOW: the view shows the windows as they stand at the time asked', () => {
    const view = programView({ ...program(), calendar: riverside2026 }, 'par-program:riverside:2026-2027', Date.parse('2027-05-10T12:00:00Z'), []);
    expect(view.windows.referral?.state).toBe('open');
    expect(view.windows.volunteer.map((w) => w.state)).toEqual(['closed', 'open']);
  });

  it('PAR-VOL-CONF: without Volunteers, every Volunteer\'s entry, log line and notice is left out; the counts stay', () => {
    expect(PLACE_OFFERED).toBe('place-offered');
    const notices = [
      NOTICE('par-program:riverside:2026-2027:place-offered:PAR-R1:2026-08-20'),
      NOTICE('par-program:riverside:2026-2027:place-offered:PAR-V3:2027-05-04'),
      NOTICE('par-program:riverside:2026-2027:place-offered:PAR-V22:2026-08-20'),
      NOTICE('par-program:riverside:2026-2027:place-offered:PAR-V9:2026-08-20'),
      NOTICE('par-program:riverside:2026-2027:window-opened:PAR-VOL-WINDOW:2027-05-03'),
    ];
    const full = programView(program(), 'par-program:riverside:2026-2027', 0, notices);
    const hidden = withoutVolunteers(full);
    expect(hidden.volunteersHidden).toBe(true);
    expect(hidden.roster.map((p) => p.caseId)).toEqual(['PAR-R1', 'PAR-N1']);
    expect(hidden.waiting.map((w) => w.caseId)).toEqual(['PAR-N2']);
    // PAR-V2's undelivered offer carries no group: it is left out because PAR-V2 is a Volunteer's case.
    expect(hidden.events.map((e) => e.caseId)).toEqual(['PAR-R1']);
    // PAR-V22 is no Volunteer's case here: its notice stays, as do notices about no case.
    expect(hidden.notices.map((n) => n.deliveryId)).toEqual([
      'par-program:riverside:2026-2027:place-offered:PAR-R1:2026-08-20',
      'par-program:riverside:2026-2027:place-offered:PAR-V22:2026-08-20',
      'par-program:riverside:2026-2027:window-opened:PAR-VOL-WINDOW:2027-05-03',
    ]);
    expect(hidden.volunteers).toEqual({ placed: 2, active: 1, waiting: 1 });
    expect(hidden.capacity).toEqual(full.capacity);
    expect(hidden.consultingTeachers).toEqual(full.consultingTeachers);
  });
});
