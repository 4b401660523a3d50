/**
 * The clients of `npm run bench:api` (issue 11), in a process of their own as HR systems are: the API's HTTP client
 * and the raw SDK client side by side. The service process (bench/api.bench.ts: API and worker, as `npm start`)
 * forks this one, answers its `idle` and `rss` asks, and measures only itself. It prints figures, asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { procedureForFiling } from '../api/routes/grievances/procedures';
import { createDocumentStore } from '../src/audit/document-store';
import { storeTexts } from '../src/audit/stored-texts';
import { mintToken } from '../src/cli/mint-token';
import type { Config } from '../src/config/config';
import type { Actor } from '../src/domain/actor';
import { addDays, dateInZone, sampleCalendar, schoolYearOf } from '../src/domain/calendar';
import { grievanceWorkflowId } from '../src/domain/grievance/grievance-case';
import { publishDistrictCalendar, readDistrictCalendar } from '../src/temporal/district-calendars';
import { CaseDistrict, CaseType } from '../src/temporal/search-attributes';
import { testDataConverter } from '../test/helpers/key-ring';
import { grievanceActionUpdate, grievanceWorkflow } from '../workflows/grievance/grievance-workflow';
import { caseOpenedUpdate } from '../workflows/shared/case-opened';

/** What the service process hands its clients. */
export interface DriverSetup {
  readonly apiUrl: string;
  readonly temporalAddress: string;
  readonly config: Pick<Config, 'auth' | 'archive'> & { temporal: Pick<Config['temporal'], 'taskQueue'> };
  readonly creates: number;
  readonly seconds: number;
  readonly open: number;
  readonly concurrency: number;
}

/** The driver's asks of the service process, answered by a message of the same `ask`. */
export type DriverAsk = { ask: 'idle' } | { ask: 'rss' };
export type ServiceAnswer = { ask: 'idle'; seconds: number } | { ask: 'rss'; bytes: number };

const district = 'bench-district';
const TZ = 'America/Chicago';
const hr: Actor = { id: 'bench-hr', roles: ['hr'], district };
const principal: Actor = { id: 'bench-principal', roles: ['decider'], district, levels: [1, 2, 3] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (v: number) => (Number.isNaN(v) ? '-' : `${v.toFixed(0)} ms`);

/** Asks the service process, and waits for its answer. */
function ask<A extends DriverAsk['ask']>(what: A): Promise<Extract<ServiceAnswer, { ask: A }>> {
  return new Promise((resolve) => {
    const listener = (message: ServiceAnswer) => {
      if (message.ask !== what) return;
      process.off('message', listener);
      resolve(message as Extract<ServiceAnswer, { ask: A }>);
    };
    process.on('message', listener);
    process.send!({ ask: what } satisfies DriverAsk);
  });
}

/**
 * Until the service process (API and worker) is idle, so that what one phase left behind (a new case's calendar
 * load and notices) is done before the next is measured: the seconds waited.
 */
const untilIdle = async () => (await ask('idle')).seconds;

interface Run {
  latencies: number[];
  seconds: number;
  failures: number;
  why: Map<string, number>;
}

async function closedLoop<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = [];
  let failures = 0;
  const why = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t = performance.now();
        try {
          await work(item);
          latencies.push(performance.now() - t);
        } catch (error) {
          failures += 1;
          const reason = error instanceof Error ? error.message : String(error);
          why.set(reason, (why.get(reason) ?? 0) + 1);
        }
      }
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000, failures, why };
}

/** Offers `rate` requests per second for `seconds` seconds whatever the answers take (open loop). */
async function openLoop(rate: number, work: (i: number) => Promise<number | undefined>, seconds: number, first = 0): Promise<{ latencies: number[]; statuses: Map<string, number> }> {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = first; i < first + rate * seconds; i += 1) {
    const due = t0 + ((i - first) * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      (async () => {
        const t = performance.now();
        let status: string;
        try {
          status = String((await work(i)) ?? 'ok');
        } catch (error) {
          status = error instanceof Error ? error.name : 'error';
        }
        if (status === 'ok' || status === '200') latencies.push(performance.now() - t);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      })(),
    );
  }
  await Promise.all(pending);
  return { latencies, statuses };
}

async function drive(setup: DriverSetup) {
  const { apiUrl, config, creates: CREATES, seconds: SECONDS, open: OPEN, concurrency: CONCURRENCY } = setup;
  const client = new Client({ connection: await Connection.connect({ address: setup.temporalAddress }), dataConverter: testDataConverter() });
  const token = (actor: Actor) => `Bearer ${mintToken({ sub: actor.id, roles: [...actor.roles], district, ...(actor.levels ? { levels: [...actor.levels] } : {}) }, config.auth)}`;
  const hrToken = token(hr);
  const deciderToken = token(principal);
  const post = async (url: string, body: unknown, authorization: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${apiUrl}${url}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 1) };
  };

  const today = dateInZone(new Date(), TZ);
  const schoolYear = schoolYearOf(today);
  await publishDistrictCalendar(client, config.temporal.taskQueue, sampleCalendar(district, schoolYear, TZ), hr, 'bench');
  const calendars = (await readDistrictCalendar(client, district, schoolYear))?.calendar;
  const filing = (id: string) => ({
    id,
    grievants: [{ name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' }],
    statement: 'The post-observation conference after the observation was never held.',
    policyProvisions: ['Evaluation handbook 4.2'],
    correctiveAction: 'Hold the post-conference.',
    knewOn: addDays(today, -2),
    signedBy: 'Dana Reyes',
    level: 1 as const,
    conferenceRequested: false,
    disputes: ['evaluation-procedure' as const],
  });
  // An HR system's create: with an Idempotency-Key, sent again after Retry-After when answered 503 (overload), as
  // the README tells clients to; the latency is the whole wait, the retries are counted.
  let createRetries = 0;
  const create = async (id: string) => {
    for (;;) {
      const { status, retryAfter } = await post('/v1/grievances', filing(id), hrToken, { 'idempotency-key': `bench-${id}` });
      if (status !== 503) return status;
      createRetries += 1;
      await sleep(retryAfter * 1000);
    }
  };
  // The start input the API gives a case: the filing with its texts' claim checks (stored once: the same texts
  // for every case), the calendars it read, and the procedure in force it pins.
  const policy = await procedureForFiling(client, district, undefined);
  const storedFiling = await storeTexts(createDocumentStore(config.archive), district, filing('X'), ['statement', 'correctiveAction']);
  const startOptions = (id: string) => ({
    workflowId: grievanceWorkflowId(district, id),
    taskQueue: config.temporal.taskQueue,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [{ filing: { ...storedFiling, id }, filedBy: hr, calendars: calendars ? [calendars] : [], policy }] as [never],
    typedSearchAttributes: [{ key: CaseType, value: 'grievance' }, { key: CaseDistrict, value: district }],
  });
  const rawStart = (id: string) => client.workflow.start(grievanceWorkflow, startOptions(id));
  // What the API asks of Temporal for a create: one update-with-start, answered with the case's view once its first
  // workflow task ran (the API also reads the procedure and the calendars first, and stores the texts).
  const rawCreate = (id: string) =>
    client.workflow.executeUpdateWithStart(caseOpenedUpdate, {
      args: [{ requestId: id }],
      startWorkflowOperation: new WithStartWorkflowOperation(grievanceWorkflow, {
        ...startOptions(id),
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        memo: { requestId: id },
      }),
    });
  const apiCreate = async (id: string) => {
    const status = await create(id);
    if (status !== 201) throw new Error(String(status));
    apiOpened.push(id);
  };

  // Creates: first a few of each, not counted (the service's first cases warm it), then API and raw in the order
  // API, raw, raw, API (half the creates each time, each half until idle), so that a drift during the run (the
  // server's store growing, the machine) falls on both alike.
  const apiOpened: string[] = [];
  await closedLoop(Array.from({ length: CONCURRENCY }, (_, i) => `WA-${i}`), CONCURRENCY, apiCreate);
  await closedLoop(Array.from({ length: CONCURRENCY }, (_, i) => `WR-${i}`), CONCURRENCY, rawCreate);
  await untilIdle();
  const total = () => ({ latencies: [] as number[], seconds: 0, failures: 0, why: new Map<string, number>(), idle: 0 });
  const apiCreates = total();
  const rawCreates = total();
  const add = (into: ReturnType<typeof total>, run: Run, idle: number) => {
    into.latencies.push(...run.latencies);
    into.seconds += run.seconds;
    into.failures += run.failures;
    for (const [why, n] of run.why) into.why.set(why, (into.why.get(why) ?? 0) + n);
    into.idle += idle;
  };
  const half = Math.ceil(CREATES / 2);
  const ids = (prefix: string, part: number) => Array.from({ length: part === 0 ? half : CREATES - half }, (_, i) => `${prefix}-${part * half + i}`);
  for (const [side, part] of [['api', 0], ['raw', 0], ['raw', 1], ['api', 1]] as const) {
    const run = side === 'api' ? await closedLoop(ids('A', part), CONCURRENCY, apiCreate) : await closedLoop(ids('R', part), CONCURRENCY, rawCreate);
    add(side === 'api' ? apiCreates : rawCreates, run, await untilIdle());
  }
  const startsOnly = await closedLoop(Array.from({ length: CREATES }, (_, i) => `S-${i}`), CONCURRENCY, rawStart);
  const startsIdle = await untilIdle();
  const rate = (run: { latencies: number[]; seconds: number }) => run.latencies.length / run.seconds;
  const figures = (run: Run, idle: number) =>
    `${rate(run).toFixed(1)}/s answered, ${(run.latencies.length / (run.seconds + idle)).toFixed(1)}/s until idle, p50 ${ms(percentile(run.latencies, 50))} p99 ${ms(percentile(run.latencies, 99))}${run.failures ? ` (${run.failures} failed: ${[...run.why].map(([w, n]) => `${w.slice(0, 80)} x${n}`).join(', ')})` : ''}`;
  console.log(
    `creates (${CREATES} each, in halves API, raw, raw, API, ${CONCURRENCY} at a time): API ${figures(apiCreates, apiCreates.idle)}, ${createRetries} sent again after a 503; raw update-with-start ${figures(rawCreates, rawCreates.idle)}; API/raw ${(rate(apiCreates) / rate(rawCreates)).toFixed(2)}`,
  );
  console.log(`  for reference, raw start alone (answered before the first workflow task): ${figures(startsOnly, startsIdle)}`);

  // Actions: repeatable ones (GRV-EXTEND proposals by the decider), spread over the cases just opened.
  const action = (i: number) => ({ type: 'propose-extension', deadline: 'decision', count: 1 + (i % 5) });
  // API and raw take turns, SLICES slices each of one phase (open loop: a slow answer does not hold up the next).
  const SLICES = 4;
  for (const rate of [5, 20]) {
    const viaApi = { latencies: [] as number[] };
    const raw = { latencies: [] as number[] };
    for (let slice = 0; slice < SLICES; slice += 1) {
      const first = (slice * rate * SECONDS) / SLICES;
      const apiSlice = await openLoop(rate, async (i) => (await post(`/v1/grievances/${apiOpened[i % apiOpened.length]}/actions`, action(i), deciderToken)).status, SECONDS / SLICES, first);
      const rawSlice = await openLoop(
        rate,
        async (i) => {
          await client.workflow.getHandle(grievanceWorkflowId(district, `R-${i % CREATES}`)).executeUpdate(grievanceActionUpdate, { args: [{ action: action(i) as never, by: principal }] });
          return undefined;
        },
        SECONDS / SLICES,
        first,
      );
      viaApi.latencies.push(...apiSlice.latencies);
      raw.latencies.push(...rawSlice.latencies);
    }
    const p50 = percentile(viaApi.latencies, 50);
    const rawP50 = percentile(raw.latencies, 50);
    console.log(
      `actions at ${rate}/s for ${SECONDS} s: API p50 ${ms(p50)} p99 ${ms(percentile(viaApi.latencies, 99))} (${viaApi.latencies.length} answered 200); raw p50 ${ms(rawP50)} p99 ${ms(percentile(raw.latencies, 99))} (${raw.latencies.length} answered); API/raw p50 ${(p50 / rawP50).toFixed(2)}`,
    );
  }
  const flood = await openLoop(50, async (i) => (await post(`/v1/grievances/${apiOpened[i % apiOpened.length]}/actions`, action(i), deciderToken)).status, SECONDS);
  // Overload answers 503 with Retry-After (issue 11); any other 5xx (a 500 above all) is a failure.
  const failures = [...flood.statuses].filter(([s]) => /^5\d\d$/.test(s) && s !== '503');
  console.log(
    `actions at 50/s for ${SECONDS} s: answers ${[...flood.statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}; 5xx other than 503: ${failures.reduce((n, [, c]) => n + c, 0)} (${failures.map(([s, n]) => `${s}: ${n}`).join(', ') || 'none'})`,
  );

  // History bytes per case, the server's figure.
  const sample = apiOpened.slice(0, 50);
  const sizes = await Promise.all(sample.map(async (id) => Number((await client.workflow.getHandle(grievanceWorkflowId(district, id)).describe()).raw.workflowExecutionInfo?.historySizeBytes ?? 0)));
  console.log(`history bytes per case after the action phases (${sample.length} API cases): mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(0)}, max ${Math.max(...sizes)}`);
  const fresh = Number((await (await rawStart('H-fresh')).describe()).raw.workflowExecutionInfo?.historySizeBytes ?? 0);
  await sleep(2000);
  const opened = Number((await client.workflow.getHandle(grievanceWorkflowId(district, 'H-fresh')).describe()).raw.workflowExecutionInfo?.historySizeBytes ?? 0);
  console.log(`history bytes of a new case: ${opened} (at its start ${fresh})`);

  // RSS per open case: the service process holds the API and the worker, whose cache keeps every open case.
  const before = (await ask('rss')).bytes;
  const opening = await closedLoop(Array.from({ length: OPEN }, (_, i) => `O-${i}`), CONCURRENCY * 2, rawStart);
  // Each case runs its first workflow tasks (and enters the worker's cache) after its start: let them.
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline && (await client.workflow.count(`CaseDistrict = '${district}' AND ExecutionStatus = 'Running'`)).count < OPEN) await sleep(500);
  await sleep(5000);
  const after = (await ask('rss')).bytes;
  console.log(`RSS of the service process: ${(before / 2 ** 20).toFixed(0)} MB before, ${(after / 2 ** 20).toFixed(0)} MB with ${OPEN} more open cases (opened at ${(opening.latencies.length / opening.seconds).toFixed(0)}/s): ${((after - before) / 2 ** 20 / OPEN).toFixed(3)} MB per open case`);
  await client.connection.close();
}

process.once('message', (setup: DriverSetup) => {
  drive(setup).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
