import { defaultPayloadConverter } from '@temporalio/common';
import { decodeHistory } from '../../../src/crypto/data-converter';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { DistrictCalendars, shiftDate } from '../../../src/domain/calendar';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { HISTORY_BUDGET_BYTES } from '../../../workflows/case/history-budget';
import { useApiOnTimeSkipping } from '../../helpers/api';
import { aFiling } from '../../helpers/grievance-fixtures';
import { bearer } from '../../helpers/tokens';

/** `n` characters of `word` repeated, ending in a full stop. */
const long = (n: number, word: string) => `${word.repeat(Math.ceil(n / word.length)).slice(0, n - 1).trim()}.`;

/** A filing with every text at the schema's maximum (GRV-CONTENT): 20,000 characters of statement, 30 provisions ... */
function aLongFiling() {
  return aFiling({
    grievants: [{ name: long(200, 'Dana Reyes '), position: long(200, 'Grade 4 teacher '), subject: 'dana.reyes', email: 'dana.reyes@example.org', postalAddress: Array.from({ length: 6 }, () => long(200, 'Elm Street ')) }],
    statement: long(20_000, 'statement '),
    policyProvisions: Array.from({ length: 30 }, (_, i) => long(500, `Handbook ${i} `)),
    correctiveAction: long(5_000, 'remedy '),
    level: 1,
    conferenceRequested: true,
  });
}

describe('issue 11: a case history stays within its budget (app.inject, time-skipping server)', () => {
  const t = useApiOnTimeSkipping('case-history-budget-test');
  const hr = bearer(['hr'], { sub: 'hr-clerk-1' });
  const decider = bearer(['decider'], { sub: 'principal-lincoln' });
  const grievant = bearer(['participant'], { sub: 'dana.reyes' });
  const act = (id: string, action: object, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/v1/grievances/${id}/actions`, headers, payload: action });
  /** The history as Temporal stores it (protobuf bytes: what its limits count). */
  const historyBytes = async (id: string) => temporal.api.history.v1.History.encode(await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', id)).fetchHistory()).finish().length;
  const file = async (overrides: Partial<ReturnType<typeof aFiling>> = {}) => {
    const filing = { ...aLongFiling(), ...overrides };
    const filed = await t.app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing });
    expect(filed.statusCode, filed.body).toBe(201);
    return filing.id;
  };

  it('GRV-CONTENT, GRV-CONF-5, GRV-DECIDE-10, GRV-APPEAL-5, GRV-FINAL: the longest grievance, every text at its maximum, all three levels, stays under 2 MB', async () => {
    const id = await file();
    const decision = long(20_000, 'The decision. ');
    for (const level of [1, 2, 3]) {
      const on = shiftDate(new DistrictCalendars('district-a', t.calendars), t.today, 'school-day', 1);
      expect((await act(id, { type: 'schedule-conference', on, at: '15:45', dutyConflictReason: long(2_000, 'reason ') }, hr)).statusCode).toBe(200);
      expect((await act(id, { type: 'propose-extension', deadline: 'decision', count: 5 }, decider)).statusCode).toBe(200);
      expect((await act(id, { type: 'accept-extension' }, grievant)).statusCode).toBe(200);
      const decided = await act(id, { type: 'decide', outcome: 'denied', text: decision }, decider);
      expect(decided.statusCode, decided.body).toBe(200);
      if (level < 3) expect((await act(id, { type: 'appeal', conferenceRequested: true }, grievant)).statusCode).toBe(200);
    }
    const read = await t.app.inject({ method: 'GET', url: `/v1/grievances/${id}`, headers: hr });
    expect(read.json()).toMatchObject({ status: 'closed', outcome: 'final' });
    // The texts live in the case document store; every reader gets them written out.
    expect(read.json().filing.statement).toBe(long(20_000, 'statement '));
    expect(read.json().process.decisions.map((d: { text: string }) => d.text)).toEqual([decision, decision, decision]);
    expect(await historyBytes(id)).toBeLessThan(HISTORY_BUDGET_BYTES);
    // Fourteen actions one after another, each answered by the worker: room for a machine loaded by other work.
  }, 180_000);

  it('refuses with 413, naming the body, the action the history has no room for: nothing changes and the case still answers', async () => {
    const id = await file({ conferenceRequested: false });
    let refused;
    let accepted = 0;
    for (let i = 0; i < 60 && !refused; i += 1) {
      const res = await act(id, { type: 'propose-extension', deadline: 'decision', count: 1 + (i % 5) }, decider);
      if (res.statusCode === 200) accepted += 1;
      else refused = res;
    }
    expect(refused?.statusCode, refused?.body).toBe(413);
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.json()).toMatchObject({ status: 413, detail: expect.stringContaining('budget of 2 MB'), errors: [{ in: 'body', field: '/' }] });
    expect(accepted).toBeGreaterThan(3);
    // Nothing was accepted past the budget: the history is within it and the case reads as before.
    expect(await historyBytes(id)).toBeLessThan(HISTORY_BUDGET_BYTES);
    const read = await t.app.inject({ method: 'GET', url: `/v1/grievances/${id}`, headers: hr });
    expect(read.statusCode).toBe(200);
    expect(read.json().actions.filter((a: { action: string }) => a.action === 'propose-extension')).toHaveLength(accepted);
  });

  it('CAL-1: a new case holds each district calendar once: in its start input, and the load at its opening answers only newer ones', async () => {
    const filing = aFiling();
    expect((await t.app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing })).statusCode).toBe(201);
    const handle = t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id));
    const decode = (payloads: temporal.api.common.v1.IPayloads | null | undefined) => (payloads?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
    // Issue 15: the history's payloads are encrypted; read them as the timeline does, decrypted with the key ring.
    const history = async () => decodeHistory(await handle.fetchHistory(), t.env.client.options.loadedDataConverter.payloadCodecs);
    const loadResult = async () => {
      const events = (await history()).events ?? [];
      const load = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'loadDistrictCalendars');
      const loaded = load && events.find((e) => e.activityTaskCompletedEventAttributes?.scheduledEventId?.toString() === load.eventId?.toString());
      return loaded && decode(loaded.activityTaskCompletedEventAttributes?.result);
    };
    // The load runs after the case answered its creation: wait for its result.
    await expect.poll(loadResult).toEqual([[]]);
    const { events } = await history();
    const [start] = decode(events?.[0]?.workflowExecutionStartedEventAttributes?.input) as [{ calendars: { schoolYear: string }[] }];
    expect(start.calendars.map((c) => c.schoolYear).sort()).toEqual(t.calendars.map((c) => c.schoolYear).sort());
  });
});
