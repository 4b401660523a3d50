import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/actor';
import { schoolYearOf } from '../../../src/domain/calendar';
import { historyText, useApiOnTimeSkipping } from '../../helpers/api';
import { bearer } from '../../helpers/tokens';

// district-a on calendars around today (every weekday a school day); the observation year of today.
describe('observation cycle routes (app.inject, time-skipping server)', () => {
  const taskQueue = 'observation-routes';
  const t = useApiOnTimeSkipping(taskQueue);
  const as = (roles: Role[], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const tokens = {
    hr: as(['hr'], 'hr-clerk-1'),
    educator: as(['participant'], 'E1001'),
    evaluator: as(['decider'], 'ev-lee'),
    'second evaluator': as(['decider'], 'ev-ng'),
    auditor: as(['auditor'], 'auditor-1'),
    'another teacher': as(['participant'], 'E2002'),
    'another principal': as(['decider'], 'ev-other'),
    'HR of another district': as(['hr'], 'hr-b', 'district-b'),
  };
  let year: string;
  let id: string;
  const read = (cycle: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/v1/observations/${cycle}`, headers });
  const act = (cycle: string, action: object, headers: Record<string, string>, extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/v1/observations/${cycle}/actions`, headers: { ...headers, ...extra }, payload: action });
  const opening = (educator: string, extra: object = {}) => ({
    educator,
    school: 'lincoln-elementary',
    category: 'teacher',
    license: 'professional',
    prior: { loe: 3, growth: 3 },
    evaluators: [{ id: 'ev-lee', name: 'Pat Lee' }, { id: 'ev-ng' }],
    contacts: { educator: { name: 'Dana Reyes', email: 'dana@example.org' } },
    ...extra,
  });
  const open = (body: object, headers = tokens.hr, extra: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/v1/observations', headers: { ...headers, ...extra }, payload: body });

  beforeAll(async () => {
    year = schoolYearOf(t.today);
    id = `${year}:E1001`;
  });

  it('OBS-TRACK: a cycle where the district set up no observation year answers 422 naming OBS-TRACK and opens nothing', async () => {
    const res = await open(opening('E1001'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'OBS-TRACK', errors: [{ field: '/schoolYear', rule: 'OBS-TRACK' }] });
    expect((await read(id, tokens.hr)).statusCode).toBe(404);
  });

  it('OBS-CERTIFIED: HR sets the year (201), changes it (200); a bad list or policy answers 422 naming the field and rule', async () => {
    const url = `/v1/observations/years/district-a/${year}`;
    const evaluators = [{ id: 'ev-lee', role: 'principal', certifiedOn: `${year.slice(0, 4)}-08-01` }];
    const first = await t.app.inject({ method: 'PUT', url, headers: tokens.hr, payload: { evaluators } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, policy: { version: 1 }, evaluators });
    const twice = await t.app.inject({ method: 'PUT', url, headers: tokens.hr, payload: { evaluators: [...evaluators, evaluators[0]] } });
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({ rule: 'OBS-CERTIFIED', errors: [{ field: '/evaluators/1/id', rule: 'OBS-CERTIFIED' }] });
    const policy = await t.app.inject({ method: 'PUT', url, headers: tokens.hr, payload: { evaluators, policy: { version: 2, tracks: [{ id: 'all', label: 'Teachers', when: { categories: ['teacher'] }, observations: 2, walkthroughs: 0, announcement: 'half-unannounced' }] } } });
    expect(policy.statusCode).toBe(422);
    expect(policy.json()).toMatchObject({ rule: 'OBS-TRACK', errors: [{ field: '/policy/tracks', rule: 'OBS-TRACK' }] });
    const second = await t.app.inject({ method: 'PUT', url, headers: tokens.hr, payload: { evaluators, reason: 'ev-ng not certified yet' } });
    expect(second.statusCode).toBe(200);
    expect(second.json().version).toBe(2);
    expect((await t.app.inject({ method: 'GET', url, headers: tokens.auditor })).json().version).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: `/v1/observations/years/district-a/${year}`, headers: tokens['HR of another district'] })).statusCode).toBe(404);
  });

  it('OBS-TRACK: HR opens the cycle: 201 + Location, the track from the policy; the same request with its Idempotency-Key answers it again, without one 409', async () => {
    const res = await open(opening('E1001'), tokens.hr, { 'idempotency-key': 'open-E1001' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/v1/observations/${id}`);
    expect(res.json()).toMatchObject({ id, workflowId: `observation-cycle:district-a:${id}`, status: 'in-progress', track: { id: 'professional', observations: 2, policyVersion: 1 } });
    expect((await open(opening('E1001'), tokens.hr, { 'idempotency-key': 'open-E1001' })).statusCode).toBe(201);
    expect((await open(opening('E1001'))).statusCode).toBe(409);
  });

  it('OBS-CERTIFIED: the observer\'s certification comes from the year\'s list, never from the body: ev-ng (not listed) is refused 422, ev-lee observes', async () => {
    const refused = await act(id, { type: 'observe', kind: 'formal', announced: false, certification: { certified: true, role: 'principal', certifiedOn: '2020-01-01', listVersion: 9 } }, tokens['second evaluator']);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'OBS-CERTIFIED' });
    expect(refused.json().detail).toContain("not on the district's list of certified evaluators");
    const observed = await act(id, { type: 'observe', kind: 'formal', announced: true }, tokens.evaluator, { 'idempotency-key': 'obs-1' });
    expect(observed.statusCode).toBe(200);
    expect(observed.json().observations[0]).toMatchObject({ number: 1, observed: { by: 'ev-lee', certification: { certified: true, listVersion: 2 } } });
    // OBS-PRECONF: announced without a pre-conference: recorded, with a process violation.
    expect(observed.json().violations).toEqual([expect.objectContaining({ id: 'V1', rule: 'OBS-PRECONF' })]);
    const again = await act(id, { type: 'observe', kind: 'formal', announced: true }, tokens.evaluator, { 'idempotency-key': 'obs-1' });
    expect(again.json().observations).toHaveLength(1);
  });

  it('OBS-SELF-SCORE: the educator self-scores; HR sees when, not the scores; an evaluator and the auditor see them', async () => {
    const scored = await act(id, { type: 'submit-self-score', observation: 1, scores: [{ indicator: 'questioning', score: 2 }], note: 'rushed' }, tokens.educator);
    expect(scored.statusCode).toBe(200);
    await act(id, { type: 'give-written-feedback', observation: 1, text: 'Ask open questions.' }, tokens.evaluator);
    const views = Object.fromEntries(await Promise.all((['hr', 'educator', 'evaluator', 'auditor'] as const).map(async (who) => [who, (await read(id, tokens[who])).json()])));
    expect(views.hr.observations[0].selfScore).toEqual({ on: t.today, scores: [] });
    expect(views.hr.observations[0].feedback.text).toBe('');
    expect(views.hr.withheld).toEqual(['feedback', 'self-scores']);
    expect(JSON.stringify(views.hr)).not.toContain('rushed');
    expect(JSON.stringify(views.hr)).not.toContain('Ask open questions');
    for (const who of ['educator', 'evaluator', 'auditor']) {
      expect(views[who].observations[0].selfScore.scores, who).toEqual([{ indicator: 'questioning', score: 2 }]);
      expect(views[who].observations[0].feedback.text, who).toBe('Ask open questions.');
      expect(views[who].withheld, who).toEqual([]);
    }
    // Issue 11: the note and the feedback live in the case document store: the history holds their claim checks only.
    const raw = await historyText(t.env, `observation-cycle:district-a:${id}`);
    for (const text of ['rushed', 'Ask open questions.']) {
      expect(raw).not.toContain(`"${text}"`);
      expect(raw).toContain(createHash('sha256').update(text).digest('hex'));
    }
  });

  it.each(['another teacher', 'another principal', 'HR of another district'] as const)('OBS-CERTIFIED: %s has no part in the cycle: 404 on read and act', async (who) => {
    expect((await read(id, tokens[who])).statusCode).toBe(404);
    expect((await act(id, { type: 'submit-self-score', observation: 1, scores: [] }, tokens[who])).statusCode).toBe(404);
  });

  it.each([
    ['an evaluator submitting a self-score', 'evaluator', { type: 'submit-self-score', observation: 1, scores: [] }, 403],
    ['the educator observing', 'educator', { type: 'observe', kind: 'formal', announced: false }, 403],
    ['a self-score twice', 'educator', { type: 'submit-self-score', observation: 1, scores: [] }, 409],
    ['feedback on an observation that does not exist', 'evaluator', { type: 'give-written-feedback', observation: 7, text: 'x' }, 422],
  ] as const)('OBS-SELF-SCORE / OBS-FEEDBACK-7: %s answers %i', async (_name, who, action, status) => {
    expect((await act(id, action, tokens[who])).statusCode).toBe(status);
  });

  it.each([
    ['a note over its maximum of 5,000 characters', { type: 'submit-self-score', observation: 1, scores: [], note: 'x'.repeat(5001) }, '/note', 422],
    ['a score of 6', { type: 'submit-self-score', observation: 1, scores: [{ indicator: 'q', score: 6 }] }, '/scores/0/score', 400],
    ['an unknown step', { type: 'grade' }, '/type', 400],
  ] as const)('OBS-SELF-SCORE: %s answers %i naming %s, and changes nothing', async (_name, action, field, status) => {
    const res = await act(id, action, tokens.educator);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    // The self-score's rule is named where the body says which step it is (issue 11: bounded input).
    if (action.type === 'submit-self-score') expect(res.json()).toMatchObject({ rule: 'OBS-SELF-SCORE', errors: [expect.objectContaining({ field, rule: 'OBS-SELF-SCORE' })] });
  });

  it('OBS-TRACK: opening refuses a bad educator id (400) and an educator already observed this year (409)', async () => {
    expect((await open(opening('E 1001'))).statusCode).toBe(400);
    expect((await open(opening('E1001'))).statusCode).toBe(409);
  });

  it('OBS-FEEDBACK-7: the audit routes serve the cycle: timeline for HR without what HR may not see; history for the auditor only (403 to HR, OBS-SELF-SCORE)', async () => {
    const timeline = await t.app.inject({ method: 'GET', url: `/v1/cases/observation-cycle:${id}/timeline`, headers: tokens.hr });
    expect(timeline.statusCode).toBe(200);
    expect(JSON.stringify(timeline.json())).not.toContain('rushed');
    expect(JSON.stringify(timeline.json())).toContain('submit-self-score');
    const history = await t.app.inject({ method: 'GET', url: `/v1/cases/observation-cycle:district-a:${id}/history`, headers: tokens.hr });
    expect(history.statusCode).toBe(403);
    expect(history.json()).toMatchObject({ rule: 'OBS-SELF-SCORE' });
    expect((await t.app.inject({ method: 'GET', url: `/v1/cases/observation-cycle:${id}/history`, headers: tokens.auditor })).statusCode).toBe(200);
  });

  it('OBS-FEEDBACK-7 / GRV-FILE-40: POST /v1/grievances from a violation is prefilled from it (facts, knewOn the missed day, provision, grievant), and the link is recorded both ways', async () => {
    const file = (payload: object) => t.app.inject({ method: 'POST', url: '/v1/grievances', headers: tokens.hr, payload });
    const res = await file({ id: 'G-OBS-1', signedBy: 'Dana Reyes', correctiveAction: 'Hold the pre-conference before announced observations.', fromViolation: { cycle: id, violation: 'V1' } });
    expect(res.statusCode, res.body).toBe(201);
    const grievance = res.json();
    expect(grievance.filing).toMatchObject({
      knewOn: t.today,
      policyProvisions: ['Evaluation procedure: OBS-PRECONF'],
      disputes: ['evaluation-procedure'],
      grievants: [{ name: 'Dana Reyes', subject: 'E1001', email: 'dana@example.org' }],
      school: 'lincoln-elementary',
      fromViolation: { cycle: id, violation: 'V1', workflowId: `observation-cycle:district-a:${id}` },
    });
    expect(grievance.filing.statement).toContain('was not preceded by a pre-conference');
    expect(grievance.filing.statement).toContain(`process violation V1 under OBS-PRECONF, recorded ${t.today}`);
    const cycle = (await read(id, tokens.educator)).json();
    expect(cycle.violations[0].grievance).toEqual({ id: 'G-OBS-1', workflowId: 'grievance:district-a:G-OBS-1', filedOn: t.today });
    // GRV-DEF: the educator (the grievant, by the subject the violation gave) reads the grievance.
    expect((await t.app.inject({ method: 'GET', url: '/v1/grievances/G-OBS-1', headers: tokens.educator })).statusCode).toBe(200);
    const again = await file({ id: 'G-OBS-2', signedBy: 'Dana Reyes', correctiveAction: 'x', fromViolation: { cycle: id, violation: 'V1' } });
    expect(again.statusCode).toBe(409);
    expect((await file({ id: 'G-OBS-3', signedBy: 'Dana Reyes', correctiveAction: 'x', fromViolation: { cycle: id, violation: 'V9' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/v1/grievances', headers: tokens['HR of another district'], payload: { id: 'G-OBS-4', signedBy: 'x', correctiveAction: 'x', fromViolation: { cycle: id, violation: 'V1' } } })).statusCode).toBe(404);
  });
});
