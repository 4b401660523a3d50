import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROUTE_ROLES, rolesOfRoute } from '../../../api/authorization';
import { PROBLEM_MEDIA_TYPE } from '../../../api/plugins/openapi-conventions';
import { DOCUMENT_CONTENT_TYPES } from '../../../api/routes/documents';
import { MAX_DOCUMENT_BYTES } from '../../../src/audit/document-store';
import { loadConfig } from '../../../src/config/config';
import { startDevServer, type DevServer } from '../../../src/dev/dev-server';
import { ROLES } from '../../../src/domain/actor';
import { startService, type RunningService } from '../../../src/service';
import { buildTestApp } from '../../helpers/api';
import { operationsOf, undeclared, type DocumentedOperation } from '../../helpers/openapi-conformance';
import { freePort } from '../../helpers/ports';
import { testLogger } from '../../helpers/temporal';
import { TEST_KEY_RING_JSON } from '../../helpers/key-ring';
import { TEST_JWT_SECRET, bearer } from '../../helpers/tokens';


/**
 * Issue 19, item 4: the OpenAPI document describes the server as it behaves, for every route registered (the
 * kernel's and each family's, whichever families the registry holds). The service runs as `npm start` runs it, on
 * the Temporal CLI dev server, and is driven over HTTP; every answer is checked against the document it serves: a
 * status, media type or Location / Retry-After / WWW-Authenticate header the document does not declare fails,
 * naming it. The outage probe uses `buildTestApp`, whose every `inject` is checked the same way.
 */
const ROOT = path.resolve(__dirname, '../../..');
let devServer: DevServer;
let service: RunningService;
let dataDir: string;
let api: string;
let doc: any;
let operations: DocumentedOperation[];
let offline: { app: FastifyInstance; connection: Connection };

beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'openapi-e2e-'));
  devServer = await startDevServer({ cliPath: inject('temporalCliPath'), port: 0, namespace: 'default', logger: testLogger });
  service = await startService(
    loadConfig({ TEMPORAL_ADDRESS: devServer.address, TEMPORAL_EMBEDDED: 'false', PAYLOAD_KEY_RING: TEST_KEY_RING_JSON, AUTH_JWT_SECRET: TEST_JWT_SECRET, TEMPORAL_TASK_QUEUE: 'openapi', API_PORT: '0', DATA_DIR: dataDir }),
    testLogger,
  );
  api = service.apiUrl!;
  doc = await (await fetch(`${api}/docs/json`)).json();
  operations = operationsOf(doc);
  // The same API on a Temporal that is not there: what a caller meets during an outage.
  // No retry interceptor: each call fails at once, and no retry timer outlives the connection.
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: [] });
  offline = { app: await buildTestApp(new Client({ connection }), { TEMPORAL_RPC_TIMEOUT_MS: '500' }), connection };
});
afterAll(async () => {
  await offline?.app.close();
  await offline?.connection.close();
  await service?.stop();
  await devServer?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** One request over HTTP; its answer must be as the document says. */
async function call(o: DocumentedOperation, options: { url?: string; body?: string | undefined; headers?: Record<string, string> } = {}) {
  const url = options.url ?? urlOf(o);
  const response = await fetch(`${api}${url}`, { method: o.method.toUpperCase(), headers: options.headers ?? {}, ...(options.body !== undefined ? { body: options.body } : {}) });
  const body = await response.text();
  const headers = Object.fromEntries(response.headers.entries());
  const problems = undeclared(doc, o.method, url, { statusCode: response.status, headers, body });
  expect(problems, `${name(o)}: ${body.slice(0, 300)}`).toEqual([]);
  return { status: response.status, headers, body };
}

const name = (o: DocumentedOperation) => `${o.method.toUpperCase()} ${o.path}`;
const routeKey = (o: DocumentedOperation) => `${o.method.toUpperCase()} ${o.path.replace(/\{([^}]+)\}/g, ':$1')}`;
const parameters = (o: DocumentedOperation, where: string): any[] => (o.operation.parameters ?? []).filter((p: any) => p.in === where);
const exampleOf = (p: any) => p.example ?? p.schema?.examples?.[0] ?? p.schema?.example;

/** The operation's URL with its parameters' examples (and a required query parameter's). */
function urlOf(o: DocumentedOperation, replace: Record<string, string> = {}): string {
  let url = o.path;
  for (const p of parameters(o, 'path')) url = url.replace(`{${p.name}}`, encodeURIComponent(replace[p.name] ?? String(exampleOf(p))));
  const query = parameters(o, 'query').filter((p) => p.required).map((p) => `${p.name}=${encodeURIComponent(String(exampleOf(p)))}`);
  return query.length ? `${url}?${query.join('&')}` : url;
}

/** The district a request acts in: the path's own, else the one the examples use (the embedded run's sample district). */
const districtOf = (o: DocumentedOperation) => String(exampleOf(parameters(o, 'path').find((p) => p.name === 'district') ?? {}) ?? 'demo-district');

/** The operation's example body as its first media type sends it. */
function exampleBody(o: DocumentedOperation): { body?: string; headers: Record<string, string> } {
  const [mediaType, media] = Object.entries<any>(o.operation.requestBody?.content ?? {})[0] ?? [];
  if (!mediaType) return { headers: {} };
  const example = media.example ?? Object.values<any>(media.examples ?? {})[0]?.value;
  return { body: typeof example === 'string' ? example : JSON.stringify(example), headers: { 'content-type': mediaType } };
}

/** A token of every role, in the operation's district. */
const everyRole = (o: DocumentedOperation) => bearer([...ROLES], { district: districtOf(o) });

describe('the OpenAPI document (issue 19, item 4)', () => {
  it('passes Redocly CLI lint (recommended rules, examples checked against their schemas) with 0 errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      const cli = path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
      const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--config', path.join(ROOT, 'redocly.yaml'), '--format', 'json'], {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout: string; stderr: string }) => error);
      const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
      const errors = report.problems.filter((p: any) => p.severity === 'error').map((p: any) => `${p.ruleId}: ${p.message} (${p.location?.[0]?.pointer})`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('documents every route of the authorization matrix (so every /v1 route the app registers)', () => {
    const documented = new Set(operations.map(routeKey));
    expect(Object.keys(ROUTE_ROLES).filter((route) => !documented.has(route))).toEqual([]);
    expect(operations.filter((o) => o.path.startsWith('/v1/')).map(routeKey).filter((route) => !(route in ROUTE_ROLES))).toEqual([]);
  });

  it('gives each operation a unique operationId, a summary, an example, its security, and problem+json for every error', () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.filter((id) => typeof id !== 'string')).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of operations) {
      expect(o.operation.summary, name(o)).toBeTruthy();
      const media = [...Object.values<any>(o.operation.requestBody?.content ?? {}), ...Object.values<any>(o.operation.responses).flatMap((r: any) => Object.values<any>(r.content ?? {}))];
      const examples = [...(o.operation.parameters ?? []).map(exampleOf), ...media.map((m) => m.example ?? m.examples)].filter((e) => e !== undefined);
      expect(examples.length, `${name(o)} has an example`).toBeGreaterThan(0);
      for (const p of parameters(o, 'path')) expect(exampleOf(p), `${name(o)}: path parameter ${p.name} has an example`).toBeDefined();
      if (o.operation.requestBody) expect(exampleBody(o).body, `${name(o)}: the request body has an example`).toBeDefined();
      // The codec endpoint (issue 15) takes the API's tokens too, outside /v1: the Temporal codec-server protocol fixes its shape.
      expect(o.operation.security, name(o)).toEqual(o.path.startsWith('/v1/') || o.path.startsWith('/codec/') ? [{ bearerAuth: [] }] : []);
      for (const [status, response] of Object.entries<any>(o.operation.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content), `${name(o)} ${status}`).toEqual([PROBLEM_MEDIA_TYPE]);
        if (status === '201') expect(Object.keys(response.headers ?? {}), `${name(o)} 201`).toContain('Location');
        if (status === '503') expect(Object.keys(response.headers ?? {}), `${name(o)} 503`).toContain('Retry-After');
      }
      if (o.path.startsWith('/v1/')) expect(Object.keys(o.operation.responses), name(o)).toEqual(expect.arrayContaining(['401', '403', '503']));
      if (parameters(o, 'header').some((p) => p.name === 'idempotency-key')) expect(parameters(o, 'header').find((p) => p.name === 'idempotency-key').description, name(o)).toBeTruthy();
    }
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    // Generated clients drop readOnly fields from requests (a filing without its grievants answers 400).
    expect(JSON.stringify(doc)).not.toContain('"readOnly"');
  });

  it('declares the real media types: a zip packet, an iCalendar import, problem+json errors', () => {
    expect(Object.keys(doc.paths['/v1/cases/{id}/packet'].get.responses['200'].content)).toEqual(['application/zip']);
    expect(Object.keys(doc.paths['/v1/calendars/{district}/{schoolYear}/import'].post.requestBody.content)).toEqual(['text/calendar']);
    // A document is its bytes, of one of the types the route's parser reads, within the body limit it enforces.
    const upload = doc.paths['/v1/documents'].post.requestBody;
    expect(upload.required).toBe(true);
    expect(Object.keys(upload.content).sort()).toEqual([...DOCUMENT_CONTENT_TYPES].sort());
    expect(upload.content['text/plain'].schema.description).toContain(`at most ${MAX_DOCUMENT_BYTES} bytes`);
    expect(upload.content['application/pdf'].example).toBeUndefined();
    expect(Object.keys(doc.paths['/v1/grievances'].post.responses['201'].headers)).toContain('Location');
    expect(parameters({ method: 'post', path: '/v1/grievances', operation: doc.paths['/v1/grievances'].post }, 'header').map((p) => p.name)).toContain('idempotency-key');
  });

  it('each operation answers as documented: 401 without a token, 403 to a role its route leaves out, 415 for a body it cannot read', async () => {
    for (const o of operations.filter((op) => op.path.startsWith('/v1/'))) {
      const example = exampleBody(o);
      const anonymous = await call(o, example);
      expect(anonymous.status, name(o)).toBe(401);
      expect(anonymous.headers['www-authenticate'], name(o)).toBeDefined();
      const allowed = rolesOfRoute(o.method, routeKey(o).split(' ')[1]!) ?? [];
      const other = ROLES.find((role) => !allowed.includes(role));
      if (other) {
        const refused = await call(o, { ...example, headers: { ...example.headers, ...bearer([other], { district: districtOf(o) }) } });
        expect(refused.status, `${name(o)} as ${other}`).toBe(403);
      }
      if (o.operation.requestBody) {
        const foreign = await call(o, { body: 'x', headers: { 'content-type': 'application/x-unknown', ...everyRole(o) } });
        expect(foreign.status, name(o)).toBe(415);
      }
    }
  });

  it('each operation with input answers 400 to a path parameter that breaks its pattern or a JSON body of the wrong shape', async () => {
    for (const o of operations.filter((op) => op.path.startsWith('/v1/'))) {
      const example = exampleBody(o);
      const patterned = parameters(o, 'path').find((p) => p.schema?.pattern);
      if (patterned) {
        const bad = ['-', 'x'.repeat(300), '..'].find((value) => !new RegExp(patterned.schema.pattern).test(value))!;
        const res = await call(o, { url: urlOf(o, { [patterned.name]: bad }), ...example, headers: { ...example.headers, ...everyRole(o) } });
        expect(res.status, `${name(o)} with ${patterned.name}=${bad}`).toBe(400);
      }
      if (o.operation.requestBody?.content?.['application/json']) {
        const res = await call(o, { body: '[]', headers: { 'content-type': 'application/json', ...everyRole(o) } });
        expect(res.status, `${name(o)} with the body []`).toBe(400);
      }
      expect(patterned || o.operation.requestBody || parameters(o, 'path').length === 0, `${name(o)}: a path parameter without a pattern`).toBeTruthy();
    }
  });

  it('each operation given its own examples (in document order) takes them as valid input and answers as documented, never 500', async () => {
    for (const o of operations) {
      const example = exampleBody(o);
      const res = await call(o, { ...example, headers: { ...example.headers, ...everyRole(o) } });
      // 503 (documented, with Retry-After) is what a loaded machine's Temporal may answer in time; a 500 is a bug.
      expect(res.status === 503 || res.status < 500, `${name(o)}: ${res.status} ${res.body.slice(0, 300)}`).toBe(true);
      expect(res.status, `${name(o)}: its examples are valid input: ${res.body.slice(0, 300)}`).not.toBe(400);
    }
  });

  it('with Temporal out of reach every /v1 operation that reads a case or calendar answers 503 problem+json with Retry-After, as documented', async () => {
    const probes = operations
      .filter((op) => op.path.startsWith('/v1/'))
      .map(async (o) => {
        const example = exampleBody(o);
        const res = await offline.app.inject({ method: o.method.toUpperCase() as 'GET', url: urlOf(o), payload: example.body, headers: { ...example.headers, ...everyRole(o) } });
        return { o, res };
      });
    for (const { o, res } of await Promise.all(probes)) {
      // An operation that needs no Temporal for this request (storing a document) refuses or answers on its own.
      if (parameters(o, 'path').length === 0 && res.statusCode !== 503) {
        expect(res.statusCode, `${name(o)}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        continue;
      }
      expect(res.statusCode, `${name(o)}: ${res.body.slice(0, 300)}`).toBe(503);
      expect(res.headers['retry-after'], name(o)).toMatch(/^\d+$/);
      expect(res.headers['content-type'], name(o)).toMatch(/^application\/problem\+json/);
    }
  }, 120_000);
});
