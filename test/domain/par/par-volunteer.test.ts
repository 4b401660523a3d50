import { describe, expect, it } from 'vitest';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { DEFAULT_PAR_POLICY, type ParPolicy } from '../../../src/domain/par/par-policy';
import { transition } from '../../../src/domain/par/par-process';
import { application, ctOrtiz, ctx, dana, dues, hr, monthlyLog, notesOf, panel, principal, referral, run, system, volunteering, votes } from './par-fixtures';

/** The policy variant of PAR-VOL-TERM (at least 3 months, at most one year) and PAR-VOL-CONF (no written records). */
const termVariant: ParPolicy = { ...DEFAULT_PAR_POLICY, version: 2, volunteerTerm: { minimumMonths: 3, maximumMonths: 12 } };
const noRecords: ParPolicy = { ...DEFAULT_PAR_POLICY, version: 3, volunteerRecords: 'none' };

describe('a Volunteer intervention (pure)', () => {
  describe('PAR-VOL-ELIG: the panel approves a volunteer by majority vote, only while the program has capacity', () => {
    it('PAR-VOL-ELIG: approved with a place, the volunteer is accepted and the acceptance notice runs', () => {
      const approved = run(application(), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, '2027-01-12', panel, { programHasPlace: true }]]);
      expect(approved).toMatchObject({ status: 'awaiting-acceptance-notice', acceptedOn: '2027-01-12' });
      expect(approved.votes).toEqual([{ motion: { kind: 'approve-volunteer' }, votes: votes(3), tally: { yes: 3, no: 2, abstain: 0 }, carried: true, on: '2027-01-12', recordedBy: 'panel-chair' }]);
      expect(dues(approved)).toEqual({ 'acceptance-notice': '2027-01-26' });
    });

    it('PAR-VOL-ELIG / PAR-PRIORITY: approved without a place, the volunteer waits; a freed place accepts them', () => {
      const waiting = run(application(), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(4) }, '2027-01-12', panel, { programHasPlace: false }]]);
      expect(waiting.status).toBe('waiting-for-place');
      expect(pendingDeadlines(waiting)).toEqual({});
      const placed = run(waiting, [[{ type: 'place-offered' }, '2027-02-01', system]]);
      expect(placed).toMatchObject({ status: 'awaiting-acceptance-notice', acceptedOn: '2027-02-01' });
      expect(transition(placed, { type: 'place-offered' }, ctx(placed, '2027-02-02', system))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-PRIORITY' });
    });

    it.each([
      ['a majority against', votes(2)],
      ['a tie, abstentions not cast', votes(2, 2, 1)],
    ] as const)('PAR-VOL-ELIG: %s does not approve: the case closes, the vote recorded', (_name, cast) => {
      const declined = run(application(), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: cast }, '2027-01-12', panel, { programHasPlace: true }]]);
      expect(declined.closed).toEqual({ reason: 'not-approved', on: '2027-01-12', rule: 'PAR-VOL-ELIG' });
      expect(declined.votes[0]?.carried).toBe(false);
    });

    it.each([
      ['fewer members than the quorum', [{ member: 'm1', vote: 'yes' }, { member: 'm2', vote: 'yes' }], 'the vote does not stand: 2 member(s) voted; the panel decides with at least 3'],
      ['a member voting twice', [{ member: 'm1', vote: 'yes' }, { member: 'm1', vote: 'yes' }, { member: 'm2', vote: 'no' }], 'the vote does not stand: m1 voted twice'],
    ] as const)('PAR-VOL-ELIG: a vote with %s does not stand', (_name, cast, message) => {
      const state = application();
      expect(transition(state, { type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: cast }, ctx(state, '2027-01-12', panel))).toEqual({ ok: false, kind: 'rule', rule: 'PAR-VOL-ELIG', message });
    });

    it('PAR-VOL-ELIG / PAR-PANEL-CONF: only the panel votes, and the participant\'s principal does not vote on the case', () => {
      const state = application();
      expect(transition(state, { type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, ctx(state, '2027-01-12', hr))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-VOL-ELIG' });
      const withPrincipal = [...votes(3), { member: principal.id, vote: 'yes' as const }];
      expect(transition(state, { type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: withPrincipal }, ctx(state, '2027-01-12', panel))).toEqual({
        ok: false,
        kind: 'forbidden',
        rule: 'PAR-PANEL-CONF',
        message: 'principal-ng is a party to this case and does not vote on it',
      });
    });

    it('PAR-VOL-ELIG: the volunteer may withdraw the application before assistance starts, not after', () => {
      expect(run(application(), [[{ type: 'withdraw', reason: 'application-withdrawn' }, '2027-01-08', dana]]).closed).toEqual({ reason: 'application-withdrawn', on: '2027-01-08', rule: 'PAR-VOL-TERM' });
      const state = volunteering();
      expect(transition(state, { type: 'withdraw', reason: 'application-withdrawn' }, ctx(state, '2027-02-01', dana))).toMatchObject({ ok: false, kind: 'conflict' });
      expect(transition(application(), { type: 'withdraw', reason: 'application-withdrawn' }, ctx(application(), '2027-01-08', hr))).toMatchObject({ ok: false, kind: 'forbidden' });
    });
  });

  it('PAR-ACCEPT-NOTICE / PAR-CT-SELECT-10: a volunteer states a preference within 10 work days; assistance starts at the assignment', () => {
    const noticed = run(application(), [
      [{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, '2027-01-12', panel, { programHasPlace: true }],
      [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-01-13', panel],
    ]);
    // Martin Luther King Jr. Day (January 18) does not count.
    expect(dues(noticed)).toEqual({ 'consulting-teacher-request': '2027-01-28' });
    const state = volunteering();
    expect(state.schedule).toEqual({ assignedOn: '2027-01-20', countsFrom: '2027-01-20', startsOn: '2027-01-20', semesters: [] });
    // No IPG, monthly logs, semester reviews, final report or 18-month cap: peer assistance only (PAR-VOL-CONF).
    expect(pendingDeadlines(state)).toEqual({});
  });

  describe('PAR-VOL-TERM: a Volunteer ends by written notice; the policy may set a minimum and a maximum', () => {
    it('PAR-VOL-TERM: under the base rule the notice ends participation at once, and the panel honors it', () => {
      const ended = run(volunteering(), [[{ type: 'volunteer-notice' }, '2027-03-01', dana]]);
      expect(ended.closed).toEqual({ reason: 'ended-by-notice', on: '2027-03-01', rule: 'PAR-VOL-TERM' });
    });

    it('PAR-VOL-TERM: a volunteer who gives notice under the 3-month minimum ends when the minimum is reached [design]', () => {
      const state = volunteering(termVariant);
      expect(state.policy.version).toBe(2);
      expect(dues(state)).toEqual({ 'volunteer-term': '2028-01-20' });
      const step = [{ type: 'volunteer-notice', receivedOn: '2027-02-26' }, '2027-03-01', dana] as const;
      expect(notesOf(state, step)).toEqual(["PAR-VOL-TERM: written notice of 2027-02-26 received; under the program's minimum of 3 months it takes effect on 2027-04-20"]);
      const noticed = run(state, [step]);
      expect(noticed.status).toBe('in-assistance');
      expect(dues(noticed)).toEqual({ 'volunteer-term': '2028-01-20', 'volunteer-notice': '2027-04-20' });
      expect(transition(noticed, { type: 'volunteer-notice' }, ctx(noticed, '2027-03-02', dana))).toMatchObject({ ok: false, kind: 'conflict', message: 'notice was given on 2027-02-26; it takes effect on 2027-04-20' });
      const ended = run(noticed, [[{ type: 'deadline-passed', deadline: 'volunteer-notice' }, '2027-04-21', system]]);
      expect(ended.closed).toEqual({ reason: 'ended-by-notice', on: '2027-04-20', rule: 'PAR-VOL-TERM' });
    });

    it.each([
      ['after the minimum', '2027-04-20', '2027-04-20'],
      ['before assistance started', undefined, '2027-01-14'],
    ] as const)('PAR-VOL-TERM: notice %s ends participation at once', (_name, on, closedOn) => {
      const state = on
        ? volunteering(termVariant)
        : run(application(termVariant), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, '2027-01-12', panel, { programHasPlace: true }]]);
      expect(run(state, [[{ type: 'volunteer-notice' }, on ?? closedOn, dana]]).closed).toEqual({ reason: 'ended-by-notice', on: closedOn, rule: 'PAR-VOL-TERM' });
    });

    it('PAR-VOL-TERM: assistance ends after the policy\'s maximum of one year', () => {
      const ended = run(volunteering(termVariant), [[{ type: 'deadline-passed', deadline: 'volunteer-term' }, '2028-01-21', system]]);
      expect(ended.closed).toEqual({ reason: 'term-ended', on: '2028-01-20', rule: 'PAR-VOL-TERM' });
    });

    it('PAR-VOL-TERM: notice is the volunteer\'s own: not the representative\'s, not HR\'s, not dated in the future', () => {
      const state = run(volunteering(), [[{ type: 'appoint-representative', representative: { id: 'rep-lee', name: 'Pat Lee' } }, '2027-01-21', dana]]);
      expect(transition(state, { type: 'volunteer-notice' }, ctx(state, '2027-03-01', hr))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-VOL-TERM' });
      expect(transition(state, { type: 'volunteer-notice' }, ctx(state, '2027-03-01', { ...dana, id: 'rep-lee' }))).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(transition(state, { type: 'volunteer-notice', receivedOn: '2027-03-05' }, ctx(state, '2027-03-01', dana))).toMatchObject({ ok: false, kind: 'rule' });
    });
  });

  describe('PAR-VOL-CONF: a Volunteer\'s assistance is confidential peer assistance', () => {
    it('PAR-VOL-CONF: records are kept confidential under the default policy; under the variant none are kept', () => {
      const step = [{ type: 'file-monthly-log', log: monthlyLog('2027-02-18', ['Classroom routines']) }, '2027-02-18', ctOrtiz] as const;
      expect(notesOf(volunteering(), step)[0]).toBe('PAR-MONTHLY: monthly-log-1 kept confidential between consulting teacher and volunteer (PAR-VOL-CONF)');
      const state = volunteering(noRecords);
      expect(transition(state, step[0], ctx(state, step[1], step[2]))).toEqual({
        ok: false,
        kind: 'rule',
        rule: 'PAR-VOL-CONF',
        message: "under the program policy no written records are kept of a Volunteer's assistance",
      });
    });

    it.each([
      ['an IPG conference with the evaluator', { type: 'hold-ipg-conference', present: { participant: true, consultingTeacher: true, evaluator: true }, goals: ['x'] }, ctOrtiz],
      ['a semester review', { type: 'review-semester', ordinal: 1 }, panel],
      ['a final conference', { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctOrtiz],
      ['a performance outcome', { type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(5) }, panel],
    ] as const)('PAR-VOL-CONF: the consulting teacher takes no part in a performance review: no %s', (_name, action, by) => {
      const state = volunteering();
      expect(transition(state, action, ctx(state, '2027-06-10', by))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-VOL-CONF' });
    });

    it('PAR-VOL-CONF: written consent is the volunteer\'s to give and revoke, per audience', () => {
      const state = volunteering();
      expect(transition(state, { type: 'give-consent', to: ['principal'] }, ctx(state, '2027-02-01', hr))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-VOL-CONF' });
      const given = run(state, [[{ type: 'give-consent', to: ['principal', 'panel'], signedOn: '2027-02-01' }, '2027-02-02', dana]]);
      expect(given.participation).toMatchObject({ consents: [{ to: 'principal', signedOn: '2027-02-01' }, { to: 'panel', signedOn: '2027-02-01' }] });
      expect(transition(given, { type: 'give-consent', to: ['principal'] }, ctx(given, '2027-02-03', dana))).toMatchObject({ ok: false, kind: 'conflict' });
      const revoked = run(given, [[{ type: 'revoke-consent', to: ['principal'] }, '2027-03-01', dana]]);
      expect(revoked.participation).toMatchObject({ consents: [{ to: 'principal', revokedOn: '2027-03-01' }, { to: 'panel', signedOn: '2027-02-01' }] });
      expect(transition(revoked, { type: 'revoke-consent', to: ['principal'] }, ctx(revoked, '2027-03-02', dana))).toMatchObject({ ok: false, kind: 'conflict' });
    });
  });

  describe('PAR-VOL-CONF / PAR-VOL-TERM: consent and notice, refusal by refusal', () => {
    it('PAR-VOL-CONF: consent is the Volunteer\'s only: a Referred participant has none to give', () => {
      const referred = referral();
      expect(transition(referred, { type: 'give-consent', to: ['panel'] }, ctx(referred, '2027-05-11', dana))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-VOL-CONF',
        message: "consent applies to a Volunteer's confidential assistance",
      });
      expect(transition(referred, { type: 'volunteer-notice' }, ctx(referred, '2027-05-11', dana))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-VOL-TERM',
        message: "a Referred participant's PAR ends by the panel's report (PAR-OUTCOME), not by notice",
      });
    });

    it.each([
      ['nobody named', { type: 'give-consent', to: [] }, { ok: false, kind: 'rule', rule: 'PAR-VOL-CONF', message: 'name who the consent is for: panel, principal or evaluator' }],
      ['signed tomorrow', { type: 'give-consent', to: ['panel'], signedOn: '2027-02-02' }, { ok: false, kind: 'rule', rule: 'PAR-VOL-CONF', message: '2027-02-02 is in the future' }],
      ['revoking a consent never given', { type: 'revoke-consent', to: ['evaluator'] }, { ok: false, kind: 'conflict', rule: 'PAR-VOL-CONF', message: 'no such consent is in force' }],
      ['revoking nobody', { type: 'revoke-consent', to: [] }, { ok: false, kind: 'rule', rule: 'PAR-VOL-CONF', message: 'name who the consent is for: panel, principal or evaluator' }],
    ] as const)('PAR-VOL-CONF: a consent with %s is refused', (_name, action, refusal) => {
      const state = volunteering();
      expect(transition(state, action, ctx(state, '2027-02-01', dana))).toEqual(refusal);
    });

    it('PAR-VOL-CONF: each audience is recorded once; a consent given again adds only the new audience, signed today by default', () => {
      const step = [{ type: 'give-consent', to: ['panel', 'panel', 'evaluator'] }, '2027-02-01', dana] as const;
      expect(notesOf(volunteering(), step)).toEqual(['PAR-VOL-CONF: written consent of 2027-02-01 to share with the panel, evaluator']);
      const given = run(volunteering(), [step]);
      const more = [{ type: 'give-consent', to: ['evaluator', 'principal'], signedOn: '2027-02-03' }, '2027-02-04', dana] as const;
      expect(notesOf(given, more)).toEqual(['PAR-VOL-CONF: written consent of 2027-02-03 to share with the principal']);
      expect(run(given, [more]).participation).toEqual({
        kind: 'volunteer',
        recommendedBy: undefined,
        consents: [
          { to: 'panel', signedOn: '2027-02-01' },
          { to: 'evaluator', signedOn: '2027-02-01' },
          { to: 'principal', signedOn: '2027-02-03' },
        ],
      });
    });

    it('PAR-VOL-CONF: a revoked consent may be given again; revoking it again touches only the one in force', () => {
      const state = run(volunteering(), [
        [{ type: 'give-consent', to: ['principal', 'panel'] }, '2027-02-01', dana],
        [{ type: 'revoke-consent', to: ['principal'] }, '2027-03-01', dana],
        [{ type: 'give-consent', to: ['principal'] }, '2027-04-01', dana],
      ]);
      const step = [{ type: 'revoke-consent', to: ['principal', 'evaluator'] }, '2027-05-03', dana] as const;
      expect(notesOf(state, step)).toEqual(['PAR-VOL-CONF: consent for the principal, evaluator revoked']);
      expect(run(state, [step]).participation).toEqual({
        kind: 'volunteer',
        recommendedBy: undefined,
        consents: [
          { to: 'principal', signedOn: '2027-02-01', revokedOn: '2027-03-01' },
          { to: 'panel', signedOn: '2027-02-01' },
          { to: 'principal', signedOn: '2027-04-01', revokedOn: '2027-05-03' },
        ],
      });
    });

    it('PAR-VOL-TERM: the day before the 3-month minimum the notice waits for it; on the day it ends participation', () => {
      const variant = { ...termVariant, volunteerTerm: { minimumMonths: 3 } };
      const state = volunteering(variant);
      expect(run(state, [[{ type: 'volunteer-notice', receivedOn: '2027-04-19' }, '2027-04-19', dana]]).participation).toMatchObject({ notice: { receivedOn: '2027-04-19', effectiveOn: '2027-04-20' } });
      expect(run(state, [[{ type: 'volunteer-notice', receivedOn: '2027-04-20' }, '2027-04-21', dana]]).closed).toEqual({ reason: 'ended-by-notice', on: '2027-04-20', rule: 'PAR-VOL-TERM' });
      expect(notesOf(state, [{ type: 'volunteer-notice' }, '2027-04-20', dana])).toEqual(['PAR-VOL-TERM: the volunteer ended participation by written notice of 2027-04-20; the panel honors it']);
    });
  });

  describe('PAR-VOL-TERM / PAR-VOL-CONF: each refusal names its rule', () => {
    it('PAR-VOL-TERM: a second notice, and a notice dated in the future, are refused under PAR-VOL-TERM', () => {
      const noticed = run(volunteering(termVariant), [[{ type: 'volunteer-notice', receivedOn: '2027-02-26' }, '2027-03-01', dana]]);
      expect(transition(noticed, { type: 'volunteer-notice' }, ctx(noticed, '2027-03-02', dana))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-VOL-TERM',
        message: 'notice was given on 2027-02-26; it takes effect on 2027-04-20',
      });
      const state = volunteering();
      expect(transition(state, { type: 'volunteer-notice', receivedOn: '2027-03-02' }, ctx(state, '2027-03-01', dana))).toEqual({ ok: false, kind: 'rule', rule: 'PAR-VOL-TERM', message: '2027-03-02 is in the future' });
    });

    it('PAR-VOL-TERM: without a minimum term, a notice takes effect on the day it was received, even one received before the assignment', () => {
      // Assigned 2027-01-20; the notice of 2027-01-18 is recorded on the 21st: no minimum, so it ends on the 18th.
      expect(run(volunteering(), [[{ type: 'volunteer-notice', receivedOn: '2027-01-18' }, '2027-01-21', dana]]).closed).toEqual({ reason: 'ended-by-notice', on: '2027-01-18', rule: 'PAR-VOL-TERM' });
    });

    it('PAR-VOL-CONF: consent already in force is refused under PAR-VOL-CONF', () => {
      const given = run(volunteering(), [[{ type: 'give-consent', to: ['principal'] }, '2027-02-02', dana]]);
      expect(transition(given, { type: 'give-consent', to: ['principal'] }, ctx(given, '2027-02-03', dana))).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-VOL-CONF', message: 'that consent is already given' });
    });
  });
});
