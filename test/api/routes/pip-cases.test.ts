import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/actor';
import { addDays } from '../../../src/domain/calendar';
import { historyText, useApiOnTimeSkipping } from '../../helpers/api';
import { bearer } from '../../helpers/tokens';

/**
 * Improvement plans through the API (app.inject, time-skipping server): the opening and its refusals naming the field
 * and the rule, actions by relation, and every read projected for its reader (route x role x confidential field).
 */
describe('improvement plans over HTTP (app.inject, time-skipping server)', () => {
  const taskQueue = 'pip-cases';
  const t = useApiOnTimeSkipping(taskQueue);
  const as = (roles: Role[], sub: string) => bearer(roles, { sub, district: 'district-a' });
  const people = {
    hr: as(['hr'], 'hr-clerk-1'),
    evaluator: as(['decider'], 'eval-park'),
    employee: as(['participant'], 'lee.kim'),
    'team-member': as(['consulting-teacher'], 'coach-ortiz'),
    auditor: as(['auditor'], 'auditor-1'),
    other: as(['decider'], 'principal-ng'),
  };
  const COMMENT = 'EVALUATOR-COMMENT-MARKER-3f1a';
  const STATUS_NOTE = 'STATUS-COMMENT-MARKER-8c2d';
  const opening = (id: string, overrides: Record<string, unknown> = {}) => ({
    id,
    school: 'lincoln-elementary',
    employee: { id: 'lee.kim', name: 'Lee Kim', email: 'lee.kim@example.org', position: 'School counselor' },
    evaluator: { id: 'eval-park', name: 'Sam Park', email: 'sam.park@example.org' },
    team: [{ id: 'coach-ortiz', name: 'Ana Ortiz', role: 'instructional coach' }],
    plan: {
      goal: { statement: 'Hold a documented family conference for every student on my caseload', measure: 'logs for 100% of 40 students' },
      alignment: ['1a', 'PR2'],
      steps: [{ description: 'Draft a conference protocol', completeBy: addDays(t.today, 20), checkInOn: addDays(t.today, 10) }],
    },
    ...overrides,
  });
  const open = (body: object, headers: Record<string, string> = people.hr) => t.app.inject({ method: 'POST', url: '/v1/pip', headers, payload: body });
  const act = (id: string, action: object, headers: Record<string, string>, key?: string) =>
    t.app.inject({ method: 'POST', url: `/v1/pip/${id}/actions`, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, payload: action });
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

  it('PIP-TEAM / PIP-GOAL / PIP-STEPS: HR opens a plan: 201 + Location, the team, plan P1 and its step deadlines; the same id twice 409, a retried create with its key 201', async () => {
    const res = await open(opening('PIP-A1'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe('/v1/pip/PIP-A1');
    const view = res.json();
    expect(view).toMatchObject({ id: 'PIP-A1', status: 'active', relation: 'hr', evaluator: { id: 'eval-park' }, plans: [{ id: 'P1', alignment: ['1a', 'PR2'] }] });
    expect(view.deadlines.filter((d: { status: string }) => d.status === 'pending').map((d: { key: string; rule: string }) => [d.key.split(':')[0], d.rule])).toEqual([
      ['completion', 'PIP-STEPS'],
      ['check-in', 'PIP-STEPS'],
      ['year-end-status', 'PIP-STATUS'],
    ]);
    expect((await open(opening('PIP-A1'))).statusCode).toBe(409);
    const keyed = () => t.app.inject({ method: 'POST', url: '/v1/pip', headers: { ...people.hr, 'idempotency-key': 'open-a2' }, payload: opening('PIP-A2') });
    expect((await keyed()).statusCode).toBe(201);
    expect((await keyed()).statusCode).toBe(201);
  });

  it.each([
    ['PIP-ALIGN', 'a standard not on the form', () => ({ plan: { ...opening('x').plan, alignment: ['1a', '3z'] } }), '/plan/alignment/1'],
    ['PIP-GOAL', 'a goal with no measure', () => ({ plan: { ...opening('x').plan, goal: { statement: 'Be better', measure: ' ' } } }), '/plan/goal/measure'],
    ['PIP-STEPS', 'a plan with no action step', () => ({ plan: { ...opening('x').plan, steps: [] } }), '/plan/steps'],
    ['PIP-STEPS', 'a check-in in the past', () => ({ plan: { ...opening('x').plan, steps: [{ description: 'Read', completeBy: addDays(t.today, 5), checkInOn: '2020-01-06' }] } }), '/plan/steps/0/checkInOn'],
    ['PIP-TEAM', 'the employee as their own evaluator', () => ({ evaluator: { id: 'lee.kim', name: 'Lee Kim' } }), '/evaluator/id'],
  ])('%s: the opening refuses %s with 422 naming the field and the rule, and opens nothing', async (rule, _name, overrides, field) => {
    const res = await open(opening('PIP-BAD', overrides()));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ rule, errors: [{ field, rule }] });
    expect((await get('/v1/pip/PIP-BAD', people.hr)).statusCode).toBe(404);
  });

  it('PIP-TEAM: an evaluator opens a plan only as its primary evaluator (403); bounded input: a goal over 2,000 characters is 422 naming the field and PIP-GOAL', async () => {
    const res = await open(opening('PIP-B1'), people.other);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ rule: 'PIP-TEAM' });
    expect((await open(opening('PIP-B2'), people.evaluator)).statusCode).toBe(201);
    const long = await open(opening('PIP-B3', { plan: { ...opening('x').plan, goal: { statement: 'x'.repeat(2001), measure: 'm' } } }));
    expect(long.statusCode).toBe(422);
    expect(long.json()).toMatchObject({ rule: 'PIP-GOAL', errors: [expect.objectContaining({ in: 'body', field: '/plan/goal/statement', rule: 'PIP-GOAL' })] });
  });

  it('PIP-EVIDENCE / PIP-STATUS: actions by relation: an uploaded artifact by its claim check (refused unless stored as named), comments by the evaluator only, the status once every step is done', async () => {
    await open(opening('PIP-C1'));
    // The artifact is uploaded to the district's document store first; the case keeps its claim check only.
    const upload = await t.app.inject({ method: 'POST', url: '/v1/documents', headers: { ...people.employee, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4 protocol draft') });
    expect(upload.statusCode, upload.body).toBe(201);
    const doc = upload.json() as { sha256: string; size: number; contentType: string };
    expect(doc.contentType).toBe('application/pdf');
    for (const [field, wrong] of [['/document/sha256', { ...doc, sha256: 'e'.repeat(64) }], ['/document/size', { ...doc, size: doc.size + 1 }]] as const) {
      const refused = await act('PIP-C1', { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Protocol draft', document: wrong }, people.employee);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toMatchObject({ rule: 'PIP-EVIDENCE', errors: [{ field }] });
    }
    const added = await act('PIP-C1', { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Protocol draft', document: doc }, people.employee, 'ev-1');
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().plans[0].evidence).toEqual([expect.objectContaining({ id: 'E1', kind: 'artifact', document: doc })]);
    // The same key and request: applied once. The key reused for another request: 422.
    expect((await act('PIP-C1', { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Protocol draft', document: doc }, people.employee, 'ev-1')).json().plans[0].evidence).toHaveLength(1);
    expect((await act('PIP-C1', { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'Other' }, people.employee, 'ev-1')).statusCode).toBe(422);
    const noDocument = await act('PIP-C1', { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Tool' }, people.employee);
    expect(noDocument.statusCode).toBe(422);
    expect(noDocument.json()).toMatchObject({ rule: 'PIP-EVIDENCE' });
    expect((await act('PIP-C1', { type: 'comment', plan: 'P1', text: 'x' }, people['team-member'])).json()).toMatchObject({ status: 403, rule: 'PIP-EVIDENCE' });
    expect((await act('PIP-C1', { type: 'comment', plan: 'P1', text: 'x' }, people.other)).statusCode).toBe(404);
    const early = await act('PIP-C1', { type: 'record-status', plan: 'P1', status: 'achieved' }, people.evaluator);
    expect([early.statusCode, early.json().rule]).toEqual([409, 'PIP-STATUS']);
    expect((await act('PIP-C1', { type: 'complete-step', plan: 'P1', step: 'S1' }, people.employee)).statusCode).toBe(200);
    const closed = await act('PIP-C1', { type: 'record-status', plan: 'P1', status: 'achieved', comments: 'Met.' }, people.evaluator);
    expect(closed.json()).toMatchObject({ status: 'closed', closed: { reason: 'year-end-status-recorded', rule: 'PIP-STATUS' }, plans: [{ status: { status: 'achieved' } }] });
    const after = await act('PIP-C1', { type: 'comment', plan: 'P1', text: 'late' }, people.evaluator);
    expect(after.statusCode).toBe(409);
  });

  it('PIP-EVIDENCE: every read route x role x confidential field: the evaluator\'s comments reach the employee, the evaluator, HR and auditors, never a team member; no part: 404', async () => {
    await open(opening('PIP-D1'));
    await act('PIP-D1', { type: 'comment', plan: 'P1', text: COMMENT }, people.evaluator);
    await act('PIP-D1', { type: 'complete-step', plan: 'P1', step: 'S1' }, people.employee);
    // A team member's own action answers their view: the comment is left out there too.
    const support = await act('PIP-D1', { type: 'record-support', plan: 'P1', description: 'Coaching session' }, people['team-member']);
    expect(support.statusCode).toBe(200);
    expect(support.body).not.toContain(COMMENT);
    await act('PIP-D1', { type: 'record-status', plan: 'P1', status: 'in-progress', comments: STATUS_NOTE }, people.evaluator);
    const sees = { employee: true, evaluator: true, 'team-member': false, hr: true, auditor: true };
    for (const [reader, allowed] of Object.entries(sees)) {
      const res = await get('/v1/pip/PIP-D1', people[reader as keyof typeof people]);
      expect(res.statusCode, reader).toBe(200);
      expect(res.body.includes(COMMENT), `${reader} sees the comment`).toBe(allowed);
      expect(res.body.includes(STATUS_NOTE), `${reader} sees the status comment`).toBe(allowed);
      expect(res.json().plans[0].status.status, reader).toBe('in-progress');
      expect(res.json().withheld.includes('comments'), reader).toBe(!allowed);
    }
    // Issue 11: the comments live in the case document store: the history holds their claim checks, never the texts.
    const raw = await historyText(t.env, 'pip:district-a:PIP-D1');
    for (const text of [COMMENT, STATUS_NOTE]) {
      expect(raw).not.toContain(text);
      expect(raw).toContain(createHash('sha256').update(text).digest('hex'));
    }
    expect((await get('/v1/pip/PIP-D1', people.other)).statusCode).toBe(404);
    expect((await get('/v1/pip/PIP-D1', bearer(['hr'], { sub: 'hr-b', district: 'district-b' }))).statusCode).toBe(404);
    // The timeline, history and packet are HR's and auditors' (route roles), who see everything of the case.
    for (const reader of ['hr', 'auditor'] as const) {
      const timeline = await get('/v1/cases/pip:PIP-D1/timeline', people[reader]);
      expect(timeline.statusCode, timeline.body).toBe(200);
      expect(timeline.body).toContain('record-status');
      expect((await get('/v1/cases/pip:PIP-D1/history', people[reader])).statusCode).toBe(200);
      const packet = await get('/v1/cases/pip:PIP-D1/packet', people[reader]);
      expect([packet.statusCode, packet.headers['content-type']]).toEqual([200, 'application/zip']);
    }
  });
});
