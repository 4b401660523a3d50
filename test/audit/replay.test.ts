import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtQuery } from '../../api/routes/audit/replays';
import { historyFromJson } from '../../src/audit/case-history';
import { divergingEventId, replayErrorMessage, replayHistories, type HistoryToReplay } from '../../src/audit/replay';
import { installTemporalRuntime } from '../../src/temporal/runtime-logger';
import { buildTestApp } from '../helpers/api';
import { testLogger } from '../helpers/temporal';
import { bearer } from '../helpers/tokens';
import { readGoldenHistory } from '../histories/golden-files';

const withdrawal = readGoldenHistory('grievance/withdrawal--GRV-WITHDRAW.json');
const accepted = readGoldenHistory('grievance/accepted-without-appeal--GRV-ACCEPT.json');

/** The golden history with its first scheduled activity renamed: what an edited history looks like to replay. */
function tampered(golden: HistoryToReplay) {
  const json = structuredClone(golden.history) as { events: Record<string, any>[] };
  const event = json.events.find((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')!;
  event.activityTaskScheduledEventAttributes.activityType.name = 'forgedActivity';
  return { history: { workflowId: golden.workflowId, history: json }, eventId: Number(event.eventId) };
}

describe('replayHistories', () => {
  beforeAll(() => installTemporalRuntime(testLogger));

  it('GRV-WITHDRAW / GRV-ACCEPT: replays CLI-format JSON and decoded histories alike, in order', async () => {
    const decoded = { workflowId: accepted.workflowId, history: historyFromJson(accepted.history) };
    const results = await replayHistories([withdrawal, decoded]);
    expect(results).toEqual([
      { workflowId: 'grievance:golden-withdrawal', runId: expect.any(String), ok: true },
      { workflowId: 'grievance:golden-accepted-without-appeal', runId: expect.any(String), ok: true },
    ]);
  });

  it('reports an edited history as a failure naming the event, and a non-history without stopping the others', async () => {
    const edited = tampered(withdrawal);
    async function* stream(): AsyncGenerator<HistoryToReplay> {
      yield edited.history;
      yield { workflowId: 'grievance:not-a-history', history: { events: 'none' } };
      yield accepted;
    }
    const results = await replayHistories(stream());
    expect(results).toEqual([
      {
        workflowId: 'grievance:golden-withdrawal',
        runId: expect.any(String),
        ok: false,
        eventId: edited.eventId,
        error: expect.stringContaining("Activity type of scheduled event 'forgedActivity'"),
      },
      { workflowId: 'grievance:not-a-history', runId: '', ok: false, error: expect.stringContaining('not a workflow history') },
      { workflowId: 'grievance:golden-accepted-without-appeal', runId: expect.any(String), ok: true },
    ]);
  });

  it.each([
    ['[TMPRL1100] Nondeterminism error: Timer machine does not handle this event: HistoryEvent(id: 5, UpsertWorkflowSearchAttributes)', 5],
    ['No command scheduled for event HistoryEvent(id: 12, TimerStarted)', 12],
    ['mismatch at event_id: 31', 31],
    ['Event 8 of type ActivityTaskScheduled does not match', 8],
    ['Workflow task failed: boom', undefined],
  ])('finds the diverging event in %j', (message, eventId) => {
    expect(divergingEventId(message)).toBe(eventId);
  });

  it('keeps Core’s non-determinism message and drops the SDK wrapping', () => {
    const wrapped =
      'Replay failed with a nondeterminism error. This means that ... Details: Workflow activation completion failed: Failure { failure: Some(Failure { ' +
      'message: "[TMPRL1100] Nondeterminism error: Timer machine does not handle this event: HistoryEvent(id: 5, X)", source: "" }) }';
    expect(replayErrorMessage(wrapped)).toBe('[TMPRL1100] Nondeterminism error: Timer machine does not handle this event: HistoryEvent(id: 5, X)');
    expect(replayErrorMessage('Replay failed due workflow task failure. Details: boom')).toBe('Replay failed due workflow task failure. Details: boom');
  });
});

describe('districtQuery: an auditor’s visibility query, always inside their district', () => {
  it('wraps the query and scopes it', () => {
    expect(districtQuery("CaseType = 'grievance' OR CaseType = 'par'", 'district-a')).toBe("(CaseType = 'grievance' OR CaseType = 'par') AND CaseDistrict = 'district-a'");
    expect(districtQuery(undefined, 'district-a')).toBe("CaseDistrict = 'district-a'");
    expect(districtQuery("CaseSchool = 'a (b)'", 'district-a')).toBe("(CaseSchool = 'a (b)') AND CaseDistrict = 'district-a'");
  });

  it.each([
    ["CaseType = 'grievance') OR (CaseDistrict = 'district-b'", 'closes the wrapping parenthesis'],
    ["CaseType = 'grievance", 'leaves a quote open'],
    ["CaseType = 'a\\' ) OR ( x = '", 'uses a backslash'],
    ['((CaseType = 1)', 'leaves a parenthesis open'],
  ])('refuses %j: it %s', (query) => {
    expect(() => districtQuery(query, 'district-a')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('refuses a district that holds a quote', () => {
    expect(() => districtQuery(undefined, "a' OR 'b")).toThrow(expect.objectContaining({ status: 403 }));
  });
});

describe('POST /v1/audit/replays (uploaded histories)', () => {
  let app: FastifyInstance;
  const auditor = bearer(['auditor'], { district: 'district-a' });
  // Replaying uploaded histories needs no Temporal server: the client stays unconnected.
  const client = new Client();

  beforeAll(async () => {
    installTemporalRuntime(testLogger);
    app = await buildTestApp(client);
  });
  afterAll(async () => {
    await app?.close();
    await client.connection.close();
  });

  const replay = (payload: object, headers: Record<string, string> = auditor) => app.inject({ method: 'POST', url: '/v1/audit/replays', headers, payload });
  const upload = (h: HistoryToReplay) => ({ workflowId: h.workflowId, ...(h.history as object) });

  it('GRV-WITHDRAW / GRV-ACCEPT: answers ok with one result per history', async () => {
    const res = await replay({ histories: [upload(withdrawal), upload(accepted)] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      results: [
        { workflowId: 'grievance:golden-withdrawal', runId: expect.any(String), ok: true },
        { workflowId: 'grievance:golden-accepted-without-appeal', runId: expect.any(String), ok: true },
      ],
    });
  });

  it('answers 200 with ok: false and the diverging event when a history does not replay', async () => {
    const edited = tampered(withdrawal);
    const res = await replay({ histories: [upload(accepted), upload(edited.history)] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
    expect(body.results[1]).toMatchObject({ workflowId: 'grievance:golden-withdrawal', eventId: edited.eventId, error: expect.stringContaining('Nondeterminism') });
  });

  it('is described in the OpenAPI document, with the history download', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths['/v1/audit/replays'])).toEqual(['post']);
    expect(doc.paths['/v1/cases/{id}/history'].get.responses).toHaveProperty('200');
    expect(doc.components.schemas).toHaveProperty('ReplayReport');
  });

  it('is for auditors only, and refuses a body that is neither histories nor a query', async () => {
    expect((await replay({ histories: [upload(withdrawal)] }, bearer(['hr']))).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/v1/audit/replays', payload: {} })).statusCode).toBe(401);
    for (const body of [{ histories: [] }, { histories: [{ events: [] }] }, { query: 'x', histories: [upload(withdrawal)] }]) {
      const res = await replay(body);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const widened = await replay({ query: "CaseType = 'grievance') OR (CaseDistrict = 'district-b'" });
    expect(widened.statusCode).toBe(400);
    expect(widened.json().errors).toEqual([expect.objectContaining({ field: '/query' })]);
  });
});
