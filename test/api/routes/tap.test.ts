import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/actor';
import { parsePdf } from '../../activities/notices/pdf-reader';
import { readZip } from '../../audit/zip-reader';
import { historyText, useApiOnTimeSkipping } from '../../helpers/api';
import { planAt } from '../../helpers/tap-fixtures';
import { bearer } from '../../helpers/tokens';

/**
 * Teacher Assistance Plans over the API (app.inject on the time-skipping server): opening with its refusals, the
 * actions with theirs, each naming its rule; who reads what, route x reader x confidential field; the audit routes.
 */
describe('Teacher Assistance Plans over the API (TAP-*)', () => {
  const t = useApiOnTimeSkipping('tap-api-test');
  const as = (roles: Role[], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const who = {
    teacher: as(['participant'], 'dana.reyes'),
    association: as(['participant'], 'union-rep'),
    administrator: as(['decider'], 'principal-ng'),
    district: as(['decider'], 'district-hr-director'),
    hr: as(['hr'], 'hr-clerk-1'),
    auditor: as(['auditor'], 'auditor-1'),
    otherTeacher: as(['participant'], 'sam.ito'),
    otherPrincipal: as(['decider'], 'principal-oak'),
    hrOfDistrictB: as(['hr'], 'hr-b', 'district-b'),
  };
  const MARKERS = { issue: 'ISSUE-MARKER-7f21', meeting: 'MEETING-MARKER-0c4d', improvement: 'IMPROVEMENT-MARKER-e5b8' };
  const opening = (id: string, over: Record<string, unknown> = {}) => ({
    id,
    school: 'lincoln-elementary',
    teacher: { id: 'dana.reyes', name: 'Dana Reyes', email: 'dana@example.org' },
    administrator: { id: 'principal-ng', name: 'Lin Ng', email: 'principal@example.org' },
    level: 1,
    plan: planAt(1),
    contacts: { hr: { name: 'HR office', email: 'hr@example.org' } },
    ...over,
  });
  const post = (url: string, headers: Record<string, string>, payload: unknown, extra: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as object });
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
  const act = (id: string, action: object, headers: Record<string, string>, extra: Record<string, string> = {}) => post(`/v1/tap/${id}/actions`, headers, action, extra);

  describe('opening a plan (POST /v1/tap)', () => {
    it('TAP-LEVELS: HR opens a plan at level 2 with district personnel and association staff: 201, Location, the review date counted (TAP-TIMELINE)', async () => {
      const res = await post('/v1/tap', who.hr, opening('TAP-API-1', { level: 2, plan: planAt(2) }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers.location).toBe('/v1/tap/TAP-API-1');
      const view = res.json();
      expect(view).toMatchObject({ id: 'TAP-API-1', district: 'district-a', level: 2, status: 'in-plan', relation: 'hr', plans: [{ n: 1, level: 2, plan: { resourceSheetGiven: true } }], withheld: [] });
      expect(view.deadlines).toEqual([expect.objectContaining({ key: 'review:1', rule: 'TAP-TIMELINE', status: 'pending', due: expect.any(String), explanation: expect.objectContaining({ unit: 'week', count: 6 }) })]);
    });

    it('TAP-LEVELS: the administrator who leads the plan opens it; another principal may not (403 naming the rule)', async () => {
      expect((await post('/v1/tap', who.administrator, opening('TAP-API-2'))).statusCode).toBe(201);
      const refused = await post('/v1/tap', who.otherPrincipal, opening('TAP-API-3'));
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ rule: 'TAP-LEVELS' });
      expect((await get('/v1/tap/TAP-API-3', who.hr)).statusCode).toBe(404);
    });

    it.each([
      ['no resource sheet', 'TAP-DOC', '/plan/resourceSheetGiven', { plan: planAt(1, { resourceSheetGiven: false }) }],
      ['a level 3 plan without interventions', 'TAP-DOC', '/plan/interventions', { level: 3, plan: planAt(3, { interventions: [] }) }],
      ['a level 2 plan without association staff', 'TAP-LEVELS', '/plan/associationStaff', { level: 2, plan: planAt(2, { associationStaff: [] }) }],
      ['association staff at level 1', 'TAP-LEVELS', '/plan/associationStaff', { plan: planAt(1, { associationStaff: [{ name: 'Chris Vale' }] }) }],
      ['a timeline of 13 months', 'TAP-TIMELINE', '/plan/timeline/count', { plan: planAt(1, { timeline: { count: 13, unit: 'month' } }) }],
      ['a start in the future', 'TAP-TIMELINE', '/startedOn', { startedOn: '2099-01-04' }],
    ])('TAP-DOC / TAP-LEVELS / TAP-TIMELINE: %s answers 422 naming %s and %s, and opens nothing', async (_what, rule, field, over) => {
      const res = await post('/v1/tap', who.hr, opening('TAP-API-BAD', over));
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ rule, errors: [{ field, rule }] });
      expect((await get('/v1/tap/TAP-API-BAD', who.hr)).statusCode).toBe(404);
    });

    it.each([
      ['an issue of 2001 characters', { plan: planAt(1, { issues: ['x'.repeat(2001)] }) }, '/plan/issues/0', 422],
      ['21 issues', { plan: planAt(1, { issues: Array.from({ length: 21 }, (_, i) => `issue ${i}`) }) }, '/plan/issues', 422],
      ['31 resources', { plan: planAt(1, { resources: Array.from({ length: 31 }, (_, i) => `resource ${i}`) }) }, '/plan/resources', 422],
      ['a teacher name of 201 characters', { teacher: { name: 'x'.repeat(201) } }, '/teacher/name', 422],
      ['level 4', { level: 4 }, '/level', 400],
      ['a bad case number', { id: '../etc' }, '/id', 400],
    ])('TAP-DOC: bounded input: %s answers %i naming the field and the rule (422: over its documented maximum)', async (_what, over, field, status) => {
      const res = await post('/v1/tap', who.hr, opening('TAP-API-BIG', over));
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ rule: 'TAP-DOC', errors: expect.arrayContaining([expect.objectContaining({ field })]) });
    });

    it('TAP-LEVELS: the same number twice answers 409; with its Idempotency-Key a retried opening answers the same plan, the key reused for another opening 422', async () => {
      const body = opening('TAP-API-4');
      const key = { 'idempotency-key': 'open-tap-api-4' };
      expect((await post('/v1/tap', who.hr, body, key)).statusCode).toBe(201);
      expect((await post('/v1/tap', who.hr, body, key)).statusCode).toBe(201);
      expect((await post('/v1/tap', who.hr, { ...body, school: 'oak-middle' }, key)).statusCode).toBe(422);
      expect((await post('/v1/tap', who.hr, body)).statusCode).toBe(409);
    });
  });

  describe('acting on a plan (POST /v1/tap/:id/actions)', () => {
    it('TAP-TIMELINE: refusals name their rule and change nothing: 409 when closed, 422 a rule, 403 not theirs, 404 no part in it', async () => {
      expect((await post('/v1/tap', who.hr, opening('TAP-API-5', { level: 3, plan: planAt(3) }))).statusCode).toBe(201);
      const refused = async (action: object, headers: Record<string, string>, status: number, rule?: string) => {
        const res = await act('TAP-API-5', action, headers);
        expect(res.statusCode, res.body).toBe(status);
        if (rule) expect(res.json()).toMatchObject({ rule });
      };
      await refused({ type: 'review', outcome: 'move-up', summary: 'x' }, who.hr, 422, 'TAP-TIMELINE');
      await refused({ type: 'review', outcome: 'move-down', level: 2, summary: 'x' }, who.hr, 422, 'TAP-DOC');
      await refused({ type: 'review', outcome: 'termination', summary: 'x' }, who.administrator, 403, 'TAP-LEVELS');
      await refused({ type: 'review', outcome: 'exit', summary: 'x' }, who.teacher, 403, 'TAP-TIMELINE');
      await refused({ type: 'acknowledge' }, who.otherTeacher, 404);
      await refused({ type: 'acknowledge' }, who.hrOfDistrictB, 404);
      await refused({ type: 'deadline-passed', deadline: 'review' }, who.hr, 400);
      expect((await get('/v1/tap/TAP-API-5', who.hr)).json()).toMatchObject({ level: 3, status: 'in-plan', plans: [{ n: 1 }] });

      // A request retried with its Idempotency-Key applies once; the key reused for another request is refused.
      const key = { 'idempotency-key': 'meeting-5' };
      const meeting = { type: 'record-meeting', on: (await get('/v1/tap/TAP-API-5', who.hr)).json().openedOn, notes: 'Regular level 3 meeting' };
      expect((await act('TAP-API-5', meeting, who.district, key)).statusCode).toBe(200);
      expect((await act('TAP-API-5', meeting, who.district, key)).json().meetings).toHaveLength(1);
      expect((await act('TAP-API-5', { ...meeting, notes: 'Another' }, who.district, key)).statusCode).toBe(422);
      // The district personnel the level 3 plan names resolve it.
      const resolved = await act('TAP-API-5', { type: 'review', outcome: 'reassignment', summary: 'Reassigned to a co-taught classroom' }, who.district);
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json()).toMatchObject({ status: 'closed', relation: 'district', closed: { outcome: 'reassignment', rule: 'TAP-TIMELINE' } });
      await refused({ type: 'acknowledge' }, who.teacher, 409, 'TAP-TIMELINE');
    });
  });

  describe('who reads what: route x reader x confidential field', () => {
    const ID = 'TAP-API-READ';
    it('TAP-DOC: a level 2 plan with a confidential issue, improvement and meeting is set up', async () => {
      const plan = planAt(2, { issues: [MARKERS.issue], improvement: MARKERS.improvement });
      expect((await post('/v1/tap', who.administrator, opening(ID, { level: 1, plan: planAt(1) }))).statusCode).toBe(201);
      expect((await act(ID, { type: 'acknowledge' }, who.teacher)).statusCode).toBe(200);
      const up = await act(ID, { type: 'review', outcome: 'move-up', plan, summary: 'Concerns persist' }, who.administrator);
      expect(up.statusCode, up.body).toBe(200);
      const today = up.json().plans[1].startedOn as string;
      expect((await act(ID, { type: 'record-meeting', on: today, notes: MARKERS.meeting }, who.district)).statusCode).toBe(200);
    });

    it.each([
      ['teacher', true],
      ['association', true],
      ['administrator', true],
      ['district', true],
      ['hr', true],
      ['auditor', false],
    ] as const)('TAP-DOC: GET /v1/tap/:id as the %s: 200, plan content and meeting notes shown %s', async (reader, sees) => {
      const res = await get(`/v1/tap/${ID}`, who[reader]);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ level: 2, relation: reader });
      for (const marker of Object.values(MARKERS)) expect(res.body.includes(marker), marker).toBe(sees);
      expect(res.body).not.toContain('dana@example.org');
    });

    it.each(['otherTeacher', 'otherPrincipal', 'hrOfDistrictB'] as const)('TAP-LEVELS: GET /v1/tap/:id as %s: 404, the plan does not exist for them', async (reader) => {
      const res = await get(`/v1/tap/${ID}`, who[reader]);
      expect(res.statusCode).toBe(404);
      for (const marker of Object.values(MARKERS)) expect(res.body).not.toContain(marker);
    });

    const textOf = async (res: Awaited<ReturnType<typeof get>>) => {
      if (!res.headers['content-type']?.toString().startsWith('application/zip')) return res.body;
      const files = readZip(res.rawPayload);
      const texts = await Promise.all([...files].map(async ([name, data]) => (name.endsWith('.pdf') ? (await parsePdf(data)).pages.flat().join('\n') : data.toString('utf8'))));
      return texts.join('\n');
    };

    it('TAP-DOC: HR has the whole record: timeline, history and packet show what the plan documents', async () => {
      const timeline = await get(`/v1/cases/tap:${ID}/timeline`, who.hr);
      expect(timeline.statusCode).toBe(200);
      expect(timeline.json().entries[0]).toMatchObject({ kind: 'filed', action: 'opened', rules: expect.arrayContaining(['TAP-LEVELS', 'TAP-DOC']) });
      const history = await get(`/v1/cases/tap:${ID}/history`, who.hr);
      expect(history.statusCode).toBe(200);
      expect(history.json().events.length).toBeGreaterThan(5);
      const packet = await get(`/v1/cases/tap:${ID}/packet`, who.hr);
      expect(packet.statusCode).toBe(200);
      expect([...readZip(packet.rawPayload).keys()]).toContain('history.json');
      // Issue 11: what the plan documents and the meeting notes live in the case document store: the history holds
      // their claim checks, never the texts; every reader above got them written out.
      const raw = await historyText(t.env, `tap:district-a:${ID}`);
      for (const marker of Object.values(MARKERS)) {
        expect(raw).not.toContain(marker);
        expect(raw).toContain(createHash('sha256').update(marker).digest('hex'));
      }
    });

    it('TAP-DOC: the auditor gets the timeline and packet with review outcomes, never the plan content or meeting notes; the raw history 403 naming the rule', async () => {
      const history = await get(`/v1/cases/tap:${ID}/history`, who.auditor);
      expect(history.statusCode).toBe(403);
      expect(history.json()).toMatchObject({ rule: 'TAP-DOC' });
      for (const url of [`/v1/cases/tap:${ID}/timeline`, `/v1/cases/tap:${ID}/packet`]) {
        const res = await get(url, who.auditor);
        expect(res.statusCode, url).toBe(200);
        const text = await textOf(res);
        for (const marker of Object.values(MARKERS)) expect(text, `${url} ${marker}`).not.toContain(marker);
      }
      const { entries } = (await get(`/v1/cases/tap:${ID}/timeline`, who.auditor)).json() as { entries: { kind: string; action?: string; summary: string; rules: string[] }[] };
      expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'action', action: 'review', rules: expect.arrayContaining(['TAP-TIMELINE']) })]));
      expect(entries.find((e) => e.action === 'record-meeting')?.summary).toMatch(/content withheld/);
    });
  });

  it('TAP-DOC: the OpenAPI description documents the routes, the bounded plan and the actions', async () => {
    const doc = (await t.app.inject('/docs/json')).json() as { info: { description: string }; paths: Record<string, Record<string, { tags?: string[] }>>; components: { schemas: Record<string, { properties?: Record<string, { maxItems?: number }> }> } };
    expect(doc.info.description).toContain('Teacher Assistance Plans');
    for (const [route, method] of [['/v1/tap', 'post'], ['/v1/tap', 'get'], ['/v1/tap/{id}', 'get'], ['/v1/tap/{id}/actions', 'post'], ['/v1/tap/{id}/clock/pause', 'post']] as const) {
      expect(doc.paths[route]?.[method]?.tags, `${method} ${route}`).toEqual(['tap']);
    }
    // Request bodies are described as their input schemas (`...Input`), answers under their own names.
    expect(doc.components.schemas.TapPlanInput?.properties?.issues).toMatchObject({ maxItems: 20 });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['TapOpeningInput', 'TapActionInput', 'TapView', 'TapList']));
  });
});
