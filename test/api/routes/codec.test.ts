import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app';
import { historyJsonText } from '../../../src/audit/case-history';
import { loadConfig } from '../../../src/config/config';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { aFiling } from '../../helpers/grievance-fixtures';
import { publishCalendarsAround } from '../../helpers/publish-calendars';
import { checkResponsesAgainstDocument } from '../../helpers/openapi-conformance';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker, testDocuments } from '../../helpers/temporal';
import { readableText } from '../../helpers/history-text';
import { bearer, TEST_JWT_SECRET } from '../../helpers/tokens';

const taskQueue = 'codec-endpoint';
const UI_ORIGIN = 'http://localhost:8233';

/** The filing's personal fields, each one unmistakable: none may be found in clear outside the payloads. */
const PERSONAL = {
  name: 'Zelda Quimby-Marchetti',
  email: 'zelda.quimby@example.org',
  position: 'Grade 4 teacher, Marchetti wing',
  representative: 'Ophelia Brannigan-Tusk',
  representativeEmail: 'ophelia.bt@union.example.org',
  statement: 'STATEMENT-a81f: the post-observation conference was never held',
  correctiveAction: 'CORRECTIVE-77b2: hold the conference',
  provision: 'PROVISION-3c9e: handbook 4.2',
  decision: 'DECISION-TEXT-5d1a: no violation found',
};

/**
 * Issue 15: nothing personal outside the payloads, and the codec endpoint. A grievance filed, decided and withdrawn
 * through the API; its raw history read from the server as the CLI reads it (no codec) holds the filing's personal
 * fields only as ciphertext, and neither does the service log. The same case decodes through /codec/decode with an
 * auditor's token, and not with a participant's (the payloads come back encrypted) or without a token (401).
 */
describe('payload encryption end to end and the codec endpoint (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let app: FastifyInstance;
  const log: string[] = [];
  const filing = aFiling({
    grievants: [{ name: PERSONAL.name, position: PERSONAL.position, subject: 'zq-1001', email: PERSONAL.email }],
    contacts: [{ name: PERSONAL.representative, role: 'representative', email: PERSONAL.representativeEmail }],
    statement: PERSONAL.statement,
    correctiveAction: PERSONAL.correctiveAction,
    policyProvisions: [PERSONAL.provision],
    signedBy: PERSONAL.name,
  });
  const workflowId = grievanceWorkflowId('district-a', filing.id);
  const hr = bearer(['hr'], { sub: 'hr-clerk' });
  const auditor = bearer(['auditor'], { sub: 'auditor-1' });
  let rawJson = '';

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (log.push(chunk.toString('utf8')), done()) });
    const logger = pino({ level: 'debug' }, sink);
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue, undefined, { logger });
    const config = loadConfig({ AUTH_JWT_SECRET: TEST_JWT_SECRET, CODEC_CORS_ORIGIN: UI_ORIGIN });
    // The worker's document store (issue 11: long texts outside the history), and every answer checked against the
    // OpenAPI document as buildTestApp does.
    app = checkResponsesAgainstDocument(await buildApp({ config: { ...config, temporal: { ...config.temporal, taskQueue } }, logger, temporal: env.client, documents: testDocuments }));
    await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs());

    expect((await app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing })).statusCode).toBe(201);
    const decide = await app.inject({ method: 'POST', url: `/v1/grievances/${filing.id}/actions`, headers: bearer(['decider'], { sub: 'principal-1' }), payload: { type: 'decide', outcome: 'denied', text: PERSONAL.decision } });
    expect(decide.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/v1/grievances/${filing.id}/actions`, headers: hr, payload: { type: 'withdraw' } })).statusCode).toBe(200);
    const handle = env.client.workflow.getHandle(workflowId);
    for (let attempt = 0; (await handle.describe()).status.name === 'RUNNING'; attempt++) {
      if (attempt > 600) throw new Error(`${workflowId} did not close`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // As the CLI reads it: a client with no codec, the history as the server holds it.
    const cli = new Client({ connection: env.connection });
    rawJson = historyJsonText(await cli.workflow.getHandle(workflowId).fetchHistory());
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await env?.teardown();
  });

  it('the raw history (workflow id, search attributes, memo, every event) holds no personal field in clear', () => {
    expect(JSON.parse(rawJson).events.length).toBeGreaterThan(10);
    const text = readableText(rawJson);
    for (const [field, value] of Object.entries(PERSONAL)) expect(text.includes(value), `${field} in the raw history`).toBe(false);
    // The payloads are there, encrypted under the tests' key ring and labelled with the case's family and district.
    expect(rawJson).toContain(Buffer.from('binary/encrypted').toString('base64'));
    expect(rawJson).toContain(Buffer.from('test-key-1').toString('base64'));
  });

  it('the service log (API and activities, debug level) holds no personal field', () => {
    expect(log.length).toBeGreaterThan(0);
    const text = log.join('');
    for (const [field, value] of Object.entries(PERSONAL)) expect(text.includes(value), `${field} in the log`).toBe(false);
  });

  /** The filing as the start event holds it: one encrypted payload in the codec-server JSON form. */
  const startPayloads = () => JSON.parse(rawJson).events[0].workflowExecutionStartedEventAttributes.input.payloads as { metadata: Record<string, string>; data: string }[];
  const decode = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/codec/decode', headers: { ...headers, 'content-type': 'application/json', 'x-namespace': 'default' }, payload: { payloads: startPayloads() } });

  it('/codec/decode decrypts the case for an auditor of its district (the grievance access table gives them the record)', async () => {
    const res = await decode(auditor);
    expect(res.statusCode).toBe(200);
    const [payload] = res.json().payloads as { metadata: Record<string, string>; data: string }[];
    expect(Buffer.from(payload!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    const input = JSON.parse(Buffer.from(payload!.data, 'base64').toString('utf8')) as { filing: { statement: unknown; grievants: { name: string }[] } };
    // The statement is in the case document store (issue 11): the filing holds its claim check.
    expect(input.filing.statement).toMatchObject({ stored: { sha256: createHash('sha256').update(PERSONAL.statement).digest('hex') } });
    expect(input.filing.grievants[0]!.name).toBe(PERSONAL.name);
    expect((await decode(hr)).json().payloads).not.toEqual(startPayloads());
  });

  it('/codec/decode gives the grievant (a participant) the payloads still encrypted, refuses a call without a token (401), and decrypts nothing for another district', async () => {
    const participant = await decode(bearer(['participant'], { sub: 'zq-1001' }));
    expect(participant.statusCode).toBe(200);
    expect(participant.json().payloads).toEqual(startPayloads());
    for (const value of Object.values(PERSONAL)) expect(readableText(participant.body)).not.toContain(value);
    const anonymous = await decode({});
    expect(anonymous.statusCode).toBe(401);
    const elsewhere = await decode(bearer(['auditor'], { sub: 'auditor-9', district: 'district-b' }));
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().payloads).toEqual(startPayloads());
  });

  it('/codec/encode encrypts with the active key, and what it encrypts decodes again', async () => {
    const clear = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"G-1"').toString('base64') };
    const encoded = await app.inject({ method: 'POST', url: '/codec/encode', headers: { ...auditor, 'content-type': 'application/json' }, payload: { payloads: [clear] } });
    expect(encoded.statusCode).toBe(200);
    const [payload] = encoded.json().payloads as { metadata: Record<string, string>; data: string }[];
    expect(Buffer.from(payload!.metadata['encryption-key-id']!, 'base64').toString()).toBe('test-key-1');
    expect((await app.inject({ method: 'POST', url: '/codec/encode', payload: { payloads: [clear] } })).statusCode).toBe(401);
  });

  it('signs the Web UI in: a token posted to /codec/session becomes an HttpOnly same-site cookie that /codec/decode accepts', async () => {
    const token = auditor.authorization.slice('Bearer '.length);
    const session = await app.inject({ method: 'POST', url: '/codec/session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
    expect(session.statusCode).toBe(200);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/^codec_token=.+; Path=\/codec; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const viaCookie = await decode({ cookie: cookie.split(';')[0]!, origin: UI_ORIGIN });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.headers['access-control-allow-credentials']).toBe('true');
    expect(viaCookie.json().payloads).not.toEqual(startPayloads());
    const participant = bearer(['participant'], { sub: 'zq-1001' }).authorization.slice('Bearer '.length);
    expect((await app.inject({ method: 'POST', url: '/codec/session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${participant}` })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/codec/session' })).body).toContain('<form method="post" action="session">');
  });

  it('answers browsers from the configured Web UI origin only (CORS)', async () => {
    const preflight = (origin: string) =>
      app.inject({ method: 'OPTIONS', url: '/codec/decode', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    const allowed = await preflight(UI_ORIGIN);
    expect(allowed.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/);
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });
});
