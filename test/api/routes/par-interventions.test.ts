import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/actor';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import { startParProgram } from '../../../src/temporal/par-programs';
import { useApiOnTimeSkipping } from '../../helpers/api';
import { publishCalendarsAround } from '../../helpers/publish-calendars';
import { bearer } from '../../helpers/tokens';

// The program year 2025-2026 of district-a (its windows are past, so requests are entered with the day they were made).
describe('PAR intervention routes (app.inject, time-skipping server)', () => {
  const taskQueue = 'par-intervention-routes';
  const t = useApiOnTimeSkipping(taskQueue);
  const as = (roles: Role[], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const hr = as(['hr'], 'hr-clerk-1');
  const tokens = {
    participant: as(['participant'], 'dana'),
    representative: as(['participant'], 'rep-lee'),
    evaluator: as(['decider'], 'eval-park'),
    principal: as(['decider'], 'principal-ng'),
    panel: as(['panel'], 'panel-chair'),
    'consulting-teacher': as(['consulting-teacher'], 'ct-kim'),
    'other consulting teacher': as(['consulting-teacher'], 'ct-ortiz'),
    hr,
    auditor: as(['auditor'], 'auditor-1'),
    'another teacher': as(['participant'], 'someone-else'),
    'HR of another district': as(['hr'], 'hr-b', 'district-b'),
  };
  const people = {
    participant: { id: 'dana', name: 'Dana Reyes', email: 'dana@example.org', status: 'permanent' },
    evaluator: { id: 'eval-park', name: 'Sam Park' },
    principal: { id: 'principal-ng', name: 'Lin Ng' },
    representative: { id: 'rep-lee', name: 'Lee Rep' },
    school: 'lincoln-elementary',
  };
  const unsatisfactory = (n: number) =>
    [1, 2, 3, 4, 5, 6].map((standard) => ({ standard, rating: standard <= n ? ('unsatisfactory' as const) : ('meets-standard' as const) }));
  const referral = (id: string, referredOn: string, ratings = unsatisfactory(3)) => ({ id, ...people, referredOn, evaluation: { completedOn: '2026-05-29', standards: ratings } });
  const refer = (body: object, headers = hr) => t.app.inject({ method: 'POST', url: '/v1/par/referrals', headers, payload: body });
  const read = (id: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/v1/par/${id}`, headers });
  const act = (id: string, action: object, headers: Record<string, string>, extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/v1/par/${id}/actions`, headers: { ...headers, ...extra }, payload: action });

  beforeAll(async () => {
    await publishCalendarsAround(t.env.client, taskQueue, 'district-a', (await t.env.currentTimeMs()) - 366 * 24 * 3600 * 1000);
    await startParProgram(t.env.client, taskQueue, 'district-a', '2025-2026', {
      consultingTeachers: [{ id: 'ct-kim', name: 'Kim Lee', caseload: 3 }, { id: 'ct-ortiz', name: 'Ana Ortiz', caseload: 3 }],
      volunteerMaximum: 3,
      policy: DEFAULT_PAR_POLICY,
      by: { id: 'hr-clerk-1', roles: ['hr'], district: 'district-a' },
    });
  });

  it("PAR-ACCEPT-NOTICE: the acceptance notice names the consulting teachers as the program year's roster does, never by login id", async () => {
    expect((await refer(referral('P-NAMES', '2026-06-15'))).statusCode).toBe(201);
    const sent = await act('P-NAMES', { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-7' }, tokens.panel);
    expect(sent.statusCode, sent.body).toBe(200);
    const acceptance = async () => {
      const files = (await readdir(t.worker.outboxDir)).filter((f) => f.includes('P-NAMES') && f.includes('acceptance-notice'));
      return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(t.worker.outboxDir, f), 'utf8')) as { body: string }));
    };
    let emails = await acceptance();
    for (let attempt = 0; emails.length === 0; attempt++, emails = await acceptance()) {
      if (attempt > 200) throw new Error('the acceptance notice never reached the outbox');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(emails[0]!.body).toContain('Consulting teachers available to you: Kim Lee, Ana Ortiz.');
    expect(emails[0]!.body).not.toMatch(/ct-kim|ct-ortiz/);
  });

  it('PAR-PRIORITY: a referral where no program year is set up answers 422 naming the program year', async () => {
    const res = await refer(referral('P-NOPROGRAM', '2026-06-15'), as(['hr'], 'hr-b', 'district-b'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'PAR-PRIORITY' });
    expect(res.json().detail).toContain('par-program:district-b:2025-2026');
  });

  it("PAR-SPRING-WINDOW: a referral outside its window answers 422 with the window's dates, and opens no case", async () => {
    const res = await refer(referral('P-EARLY', '2026-03-02'));
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.rule).toBe('PAR-SPRING-WINDOW');
    expect(problem.detail).toMatch(/2026-03-02 is outside the window: referrals are made in the last 20 school days .* from 2026-0\d-\d\d to 2026-06-30/);
    expect(problem.deadline.windows[0]).toMatchObject({ rule: 'PAR-SPRING-WINDOW', closes: '2026-06-30' });
    expect((await read('P-EARLY', hr)).statusCode).toBe(404);
  });

  it("PAR-REF-ELIG: the evaluation's standard ratings decide: 2 of 6 unsatisfactory answers 422", async () => {
    const res = await refer(referral('P-TWO', '2026-06-15', unsatisfactory(2)));
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('PAR-REF-ELIG');
  });

  it('PAR-VOL-WINDOW: a volunteer request outside the January and May windows answers 422 with the windows', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/par/volunteers', headers: tokens.participant, payload: { id: 'V-LATE', ...people, appliedOn: '2026-02-20' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'PAR-VOL-WINDOW' });
    expect(res.json().detail).toContain('the first two weeks of January 2026');
  });

  describe('PAR-PANEL-CONF / PAR-RESULT-EVAL: a Referred case, seen by every role', () => {
    beforeAll(async () => {
      const res = await refer(referral('P-REF-1', '2026-06-15'));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers.location).toBe('/v1/par/P-REF-1');
      // CAL-3: the 201 shows the case after its past acceptance-notice deadline fired, not that deadline pending.
      expect((res.json().deadlines as { key: string; status: string }[]).map((d) => [d.key, d.status])).toEqual([['acceptance-notice', 'missed']]);
      const noted = await act('P-REF-1', { type: 'record-deliberation', text: 'Closed discussion of the referral.' }, tokens.panel);
      expect(noted.statusCode, noted.body).toBe(200);
    });

    it.each([
      ['participant', ['summary', 'goals', 'reports', 'votes', 'outcome']],
      ['representative', ['summary', 'goals', 'reports', 'votes', 'outcome']],
      ['evaluator', ['summary', 'goals', 'reports', 'votes', 'outcome']],
      ['principal', ['summary', 'goals', 'reports', 'votes', 'outcome']],
      ['panel', ['summary', 'goals', 'reports', 'votes', 'vote-detail', 'deliberations', 'outcome']],
      ['hr', ['summary', 'votes', 'outcome']],
      ['auditor', ['summary', 'votes', 'outcome']],
    ] as const)('PAR-PANEL-CONF: the %s sees %j and no more; deliberations are the panel\'s alone', async (who, parts) => {
      const res = await read('P-REF-1', tokens[who]);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(['summary', 'goals', 'reports', 'votes', 'vote-detail', 'deliberations', 'outcome', 'consents'].filter((p) => !body.withheld.includes(p))).toEqual(parts);
      if (who === 'panel') expect(body.deliberations).toEqual([expect.objectContaining({ text: 'Closed discussion of the referral.' })]);
      else expect(body.deliberations).toBeUndefined();
      // Entered months after the referral: the two weeks for the acceptance notice have passed (CAL-3), none runs now.
      // Every deadline the case ran shows, with its status, due date and instant, and how it was counted.
      expect(body).toMatchObject({ status: 'awaiting-acceptance-notice' });
      expect(body.deadlines).toEqual([
        {
          key: 'acceptance-notice',
          label: expect.any(String),
          rule: 'PAR-ACCEPT-NOTICE',
          status: 'missed',
          due: '2026-06-29',
          dueAt: '2026-06-30T04:59:59.000Z',
          explanation: { trigger: '2026-06-15', unit: 'week', count: 2, state: 'running', skipped: [] },
        },
      ]);
    });

    it.each(['consulting-teacher', 'other consulting teacher', 'another teacher', 'HR of another district'] as const)(
      'the %s, who has no part in the case, gets 404 on reading and acting, never 403',
      async (who) => {
        expect((await read('P-REF-1', tokens[who])).statusCode).toBe(404);
        expect((await act('P-REF-1', { type: 'request-panel-meeting' }, tokens[who])).statusCode).toBe(404);
      },
    );

    it("PAR-REP: the case decides who acts: the evaluator's action answers 403 naming the rule; a panel deliberation is idempotent by key", async () => {
      const refused = await act('P-REF-1', { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, tokens.evaluator);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().rule).toBe('PAR-ACCEPT-NOTICE');
      const once = { 'idempotency-key': 'note-2' };
      expect((await act('P-REF-1', { type: 'record-deliberation', text: 'Second note.' }, tokens.panel, once)).statusCode).toBe(200);
      const again = await act('P-REF-1', { type: 'record-deliberation', text: 'Second note.' }, tokens.panel, once);
      expect(again.statusCode).toBe(200);
      expect(again.json().deliberations).toHaveLength(2);
    });

    it('PAR-PANEL-CONF, PAR-REF-ELIG: a field over its documented maximum answers 422 problem+json naming the field and the rule, and changes nothing (issue 11)', async () => {
      const note = await act('P-REF-1', { type: 'record-deliberation', text: 'x'.repeat(20_001) }, tokens.panel);
      expect(note.statusCode).toBe(422);
      expect(note.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(note.json()).toMatchObject({ rule: 'PAR-PANEL-CONF', errors: [expect.objectContaining({ in: 'body', field: '/text', rule: 'PAR-PANEL-CONF' })] });
      expect((await read('P-REF-1', tokens.panel)).json().deliberations).toHaveLength(2);
      const email = await refer({ ...referral('P-REF-BIG', '2026-06-15'), participant: { ...referral('x', '2026-06-15').participant, email: `${'a'.repeat(250)}@example.org` } });
      expect(email.statusCode).toBe(422);
      expect(email.json()).toMatchObject({ rule: 'PAR-REF-ELIG', errors: [expect.objectContaining({ field: '/participant/email', rule: 'PAR-REF-ELIG' })] });
      expect((await read('P-REF-BIG', tokens.hr)).statusCode).toBe(404);
    });
  });

  describe('PAR-VOL-CONF: a Volunteer case is hidden from the principal and the evaluator', () => {
    beforeAll(async () => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/par/volunteers', headers: tokens.participant, payload: { id: 'P-VOL-1', ...people, appliedOn: '2026-01-06' } });
      expect(res.statusCode, res.body).toBe(201);
    });

    it.each(['principal', 'evaluator', 'consulting-teacher', 'another teacher', 'HR of another district'] as const)(
      'PAR-VOL-CONF: the %s gets 404 on reading and acting: the case does not exist for them',
      async (who) => {
        expect((await read('P-VOL-1', tokens[who])).statusCode).toBe(404);
        expect((await act('P-VOL-1', { type: 'request-panel-meeting' }, tokens[who])).statusCode).toBe(404);
      },
    );

    it.each([
      ['participant', ['summary', 'goals', 'reports', 'votes', 'outcome', 'consents']],
      ['representative', ['summary', 'goals', 'reports', 'votes', 'outcome', 'consents']],
      ['panel', ['summary', 'votes', 'vote-detail', 'deliberations', 'outcome', 'consents']],
      ['hr', ['summary', 'votes', 'outcome']],
      ['auditor', ['summary', 'votes', 'outcome', 'consents']],
    ] as const)('PAR-VOL-CONF: the %s sees %j', async (who, parts) => {
      const res = await read('P-VOL-1', tokens[who]);
      expect(res.statusCode, res.body).toBe(200);
      expect(['summary', 'goals', 'reports', 'votes', 'vote-detail', 'deliberations', 'outcome', 'consents'].filter((p) => !res.json().withheld.includes(p))).toEqual(parts);
    });

    it("PAR-VOL-CONF: the volunteer's written consent opens the case to the principal, and revoking it closes it again", async () => {
      expect((await act('P-VOL-1', { type: 'give-consent', to: ['principal'] }, tokens.participant)).statusCode).toBe(200);
      const seen = await read('P-VOL-1', tokens.principal);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().withheld).toEqual(['votes', 'vote-detail', 'deliberations', 'outcome']);
      expect((await read('P-VOL-1', tokens.evaluator)).statusCode).toBe(404);
      expect((await act('P-VOL-1', { type: 'revoke-consent', to: ['principal'] }, tokens.participant)).statusCode).toBe(200);
      expect((await read('P-VOL-1', tokens.principal)).statusCode).toBe(404);
    });

    it('PAR-VOL-TERM: the volunteer withdraws the application; the case closes and further actions answer 409', async () => {
      const res = await act('P-VOL-1', { type: 'withdraw', reason: 'application-withdrawn' }, tokens.participant);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'closed', closed: { reason: 'application-withdrawn', rule: 'PAR-VOL-TERM' } });
      const after = await act('P-VOL-1', { type: 'request-panel-meeting' }, tokens.participant);
      expect(after.statusCode).toBe(409);
    });
  });
});
