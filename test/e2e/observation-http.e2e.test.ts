import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, schoolYearOf, zonedInstant } from '../../src/domain/calendar';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { bearer } from '../helpers/tokens';

type ListPage = { items: { id: string; status: string; school?: string; nextDeadline?: string }[]; nextPageToken?: string };

// The real thing: the Temporal CLI dev server, the worker and the API as `npm start` runs them, driven over HTTP.
// What the time-skipping tests cannot show: listings through visibility (search attributes), on a real clock.
describe('observation cycles over HTTP on the dev server (end to end)', () => {
  let stack: E2eStack;
  const as = (roles: Parameters<typeof bearer>[0], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const hr = as(['hr'], 'hr-clerk-1');
  const hrB = as(['hr'], 'hr-clerk-b', 'district-b');
  const auditor = as(['auditor'], 'auditor-1');
  const evaluator = as(['decider'], 'ev-lee');
  const otherEvaluator = as(['decider'], 'ev-other');
  const educator = as(['participant'], 'E1001');
  const { today, calendars } = calendarsAround(Date.now(), 'district-a');
  const schoolYear = schoolYearOf(today);
  const yearEnd = calendars.find((c) => c.schoolYear === schoolYear)!.lastInstructionalDay;

  const send = (method: string, url: string, headers: Record<string, string>, body?: unknown) => stack.send(method, url, headers, body);
  const opening = (educatorId: string, school: string) => ({
    educator: educatorId,
    school,
    category: 'teacher',
    license: 'professional',
    prior: { loe: 3, growth: 3 },
    evaluators: [{ id: 'ev-lee', name: 'Pat Lee' }],
    contacts: { educator: { name: 'Dana Reyes', email: 'dana@example.org' } },
  });
  const list = async (query: string, headers = hr): Promise<ListPage> => {
    const res = await send('GET', `/v1/observations?${query}`, headers);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ListPage;
  };
  const ids = (page: ListPage) => page.items.map((i) => i.id).sort();
  const cycle = (educatorId: string) => `${schoolYear}:${educatorId}`;

  beforeAll(async () => {
    stack = await startE2eStack(inject('temporalCliPath'), 'e2e-observation');
    for (const [district, token] of [['district-a', hr], ['district-b', hrB]] as const) {
      for (const { district: _d, schoolYear: year, ...body } of calendars) {
        const res = await send('PUT', `/v1/calendars/${district}/${year}`, token, { ...body, reason: 'board approved' });
        expect(res.status, await res.clone().text()).toBe(201);
      }
      // OBS-CERTIFIED / OBS-TRACK: the district's observation year (certified evaluators, the default track table).
      const year = await send('PUT', `/v1/observations/years/${district}/${schoolYear}`, token, { evaluators: [{ id: 'ev-lee', role: 'principal', certifiedOn: `${schoolYear.slice(0, 4)}-07-01` }], reason: 'e2e' });
      expect(year.status, await year.clone().text()).toBeLessThan(300);
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('OBS-TRACK: the district lists its cycles by status, school and next deadline through search attributes; another district and a reader without relation see none of them', async () => {
    for (const [educatorId, school] of [['E1001', 'lincoln-elementary'], ['E1002', 'lincoln-elementary'], ['E1003', 'oak-middle']] as const) {
      const res = await send('POST', '/v1/observations', hr, opening(educatorId, school));
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const b = await send('POST', '/v1/observations', hrB, opening('E9001', 'b-school'));
    expect(b.status, await b.clone().text()).toBe(201);
    const ended = await send('POST', `/v1/observations/${cycle('E1003')}/actions`, hr, { type: 'end-cycle', reason: 'left the district' });
    expect(ended.status, await ended.clone().text()).toBe(200);

    // OBS-TRACK: a new cycle is short of its minimum (in-progress) until its observations are held.
    await expect.poll(async () => ids(await list('status=in-progress')), { timeout: 15_000, interval: 250 }).toEqual([cycle('E1001'), cycle('E1002')]);
    await expect.poll(async () => ids(await list('status=ended')), { timeout: 15_000, interval: 250 }).toEqual([cycle('E1003')]);
    expect(ids(await list('school=oak-middle'))).toEqual([cycle('E1003')]);
    expect(ids(await list('school=lincoln-elementary'))).toEqual([cycle('E1001'), cycle('E1002')]);
    // The next deadline of a cycle without observations is its year's end, the last instructional day (OBS-TRACK).
    // listed as the instant it ends, the end of that day in the district's time zone.
    const yearEndsAt = zonedInstant(yearEnd, { hour: 23, minute: 59, second: 59 }, 'America/Chicago').getTime();
    const open = await list('status=in-progress');
    expect(open.items.map((i) => Date.parse(i.nextDeadline!))).toEqual([yearEndsAt, yearEndsAt]);
    expect(ids(await list(`dueBefore=${yearEnd}&status=in-progress`))).toEqual([cycle('E1001'), cycle('E1002')]);
    expect(ids(await list(`dueBefore=${addDays(yearEnd, -1)}&status=in-progress`))).toEqual([]);
    // Auditors list too; evaluators and educators do not (403); district B sees its own only.
    expect(ids(await list('', auditor))).toEqual([cycle('E1001'), cycle('E1002'), cycle('E1003')]);
    expect((await send('GET', '/v1/observations', evaluator)).status).toBe(403);
    expect((await send('GET', '/v1/observations', educator)).status).toBe(403);
    await expect.poll(async () => ids(await list('', hrB)), { timeout: 15_000, interval: 250 }).toEqual([cycle('E9001')]);
    // A reader without relation to a cycle sees nothing of it (404), nor does another district; its parties do.
    expect((await send('GET', `/v1/observations/${cycle('E1001')}`, otherEvaluator)).status).toBe(404);
    expect((await send('GET', `/v1/observations/${cycle('E1002')}`, educator)).status).toBe(404);
    expect((await send('GET', `/v1/observations/${cycle('E1001')}`, hrB)).status).toBe(404);
    expect((await send('GET', `/v1/observations/${cycle('E1001')}`, educator)).status).toBe(200);
    expect((await send('GET', `/v1/observations/${cycle('E1001')}`, evaluator)).status).toBe(200);
  });
});
