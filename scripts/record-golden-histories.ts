/**
 * Records golden histories: runs the grievance scenarios on Temporal's time-skipping test server with the current
 * workflow code and writes each closed case's history, in the format `temporal workflow show --output json`
 * prints, to test/histories/grievance/<scenario>--<RULE-ID>[--<RULE-ID>...].json; PAR interventions (several runs,
 * continue-as-new) to test/histories/par/<scenario>-run<n>--<RULE-IDS>.json, one file a run; improvement plans to
 * test/histories/pip/<scenario>--<RULE-IDS>.json; Teacher Assistance Plans (scripts/golden-tap-scenarios.ts) to
 * test/histories/tap/<scenario>--<RULE-IDS>.json; observation cycles to test/histories/observation/<scenario>--<RULE-IDS>.json.
 * test/histories/golden-histories.test.ts replays every file there against the workflow code of the day.
 *
 *   npm run histories:record                          # the scenarios that have no file yet
 *   npm run histories:record -- --tag grievance-v2    # all of them, into test/histories/grievance/grievance-v2/
 *   npm run histories:record -- --scenario happy-path # only that one (repeatable)
 *
 * Existing files are never overwritten: a golden history is the record of what code that ran in production made,
 * and changing running-workflow logic (behind patched()) adds a new recording, under a new --tag.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fetchCaseHistories, historyToJson, type History } from '../src/audit/case-history';
import { replayHistories } from '../src/audit/replay';
import type { Actor } from '../src/domain/actor';
import { addDays, shiftDate, type RunningDeadline } from '../src/domain/calendar';
import type { GrievanceFiling } from '../src/domain/grievance/grievance-case';
import type { GrievanceAction } from '../src/domain/grievance/grievance-process';
import { DEFAULT_GRIEVANCE_POLICY, type GrievancePolicy } from '../src/domain/grievance/grievance-policy';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../src/domain/grievance/sample-grievance-policies';
import { procedureMigratedSignal } from '../workflows/grievance/grievance-procedure-messages';
import { calendarAmendedSignal, pauseClocksUpdate, resumeClocksUpdate } from '../workflows/shared/case-clock-messages';
import { grievanceDriver, grievantSide, hr, principal, type GrievanceHandle } from '../test/helpers/grievance-driver';
import { dana, fullReferredCase, parDriver, parStart, type ParDriver } from '../test/helpers/par-driver';
import { employee, fullPipYear, hr as pipHr, pipDriver, START_2027, type PipDriver } from '../test/helpers/pip-driver';
import { certified, cycleStart, fullObservationYear, hr as obsHr, lee, observationDriver, type ObservationDriver } from '../test/helpers/observation-driver';
import { publishCalendarsAround } from '../test/helpers/publish-calendars';
import { tapDriver } from '../test/helpers/tap-driver';
import { advanceTo, bundleWorkflows, closedState, createTimeSkippingEnvAt, startTestWorker } from '../test/helpers/temporal-env';
import { getTapQuery } from '../workflows/tap/tap-messages';
import { TAP_SCENARIOS } from './golden-tap-scenarios';
import { testDataConverter } from '../test/helpers/key-ring';

const ROOT = path.resolve(__dirname, '..');
const TASK_QUEUE = 'golden-histories';
type Driver = ReturnType<typeof grievanceDriver>;

/** One move of a scenario: an action by an actor (HR unless said), a wait past a deadline, or something else. */
type Step =
  | { act: GrievanceAction | ((g: Driver) => Promise<GrievanceAction>); by?: Actor }
  | { pastDeadline: string }
  | { run: (g: Driver, handle: GrievanceHandle) => Promise<void> };

interface Scenario {
  name: string;
  rules: string[];
  filing?: Partial<GrievanceFiling> | ((g: Driver) => Promise<Partial<GrievanceFiling>>);
  /** The district's procedure the case pins (issue 16); none: a case filed before procedures were data. */
  policy?: GrievancePolicy;
  /** The moves after the filing; the case must be closed after the last. */
  steps: Step[];
}

const decide = (outcome: 'denied' | 'partially-granted' | 'granted', text: string): Step => ({ act: { type: 'decide', outcome, text }, by: principal });
const appeal: Step = { act: { type: 'appeal', conferenceRequested: false }, by: grievantSide };
const withdraw: Step = { act: { type: 'withdraw' }, by: grievantSide };

/** CAL-2: the district closes a school day three school days out, while the decision is pending. */
async function snowDay(g: Driver, handle: GrievanceHandle) {
  const day = shiftDate(g.district(), await g.today(), 'school-day', 3);
  const current = g.calendars().find((c) => c.firstInstructionalDay <= day && day <= c.lastInstructionalDay)!;
  await handle.signal(calendarAmendedSignal, {
    district: 'district-a',
    schoolYear: current.schoolYear,
    version: 2,
    calendar: { ...current, version: 2, events: [{ id: 'snow', kind: 'closure', name: 'Snow day', start: day }] },
    summary: `added closure Snow day (${day})`,
    reason: 'snow',
    by: hr,
    at: new Date(await g.env().currentTimeMs()).toISOString(),
  });
  await g.deadline(handle, '1:decision');
}

/** Issue 16: the second sample district's contract (two levels, 7 calendar days to appeal, arbitration within 20 work days). */
const HARBOR: GrievancePolicy = { ...TWO_LEVEL_ARBITRATION_POLICY, version: 2, unit: 'default' };
const TWO_GRIEVANTS = [
  { name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' },
  { name: 'Sam Ito', position: 'Grade 5 teacher', subject: 'sam.ito' },
];

const SCENARIOS: Scenario[] = [
  {
    name: 'happy-path',
    rules: ['GRV-DECIDE-10', 'GRV-APPEAL-5', 'GRV-FINAL'],
    steps: [decide('denied', 'No violation of handbook 4.2.'), appeal, decide('partially-granted', 'Conference to be held.'), appeal, decide('granted', 'Observation removed.')],
  },
  { name: 'accepted-without-appeal', rules: ['GRV-ACCEPT'], steps: [decide('denied', 'Denied.'), { pastDeadline: '1:appeal' }] },
  { name: 'missed-decision-then-appeal', rules: ['GRV-DECISION-LATE'], steps: [{ pastDeadline: '1:decision' }, appeal, withdraw] },
  {
    name: 'mutual-extension',
    rules: ['GRV-EXTEND'],
    steps: [
      // The sides come from the actors' relations to the case (patch case-parties), not from the actions.
      { act: { type: 'propose-extension', deadline: 'decision', count: 5 }, by: principal },
      { act: { type: 'accept-extension' }, by: grievantSide },
      withdraw,
    ],
  },
  { name: 'withdrawal', rules: ['GRV-WITHDRAW'], steps: [decide('denied', 'No.'), appeal, withdraw] },
  {
    name: 'representative-delay',
    rules: ['GRV-REP', 'GRV-CONF-5'],
    filing: { conferenceRequested: true },
    steps: [
      { act: async (g) => ({ type: 'schedule-conference', on: shiftDate(g.district(), await g.today(), 'school-day', 2) }) },
      { act: { type: 'representative-unavailable' }, by: grievantSide },
      withdraw,
    ],
  },
  {
    name: 'collective-filing',
    rules: ['GRV-COLLECTIVE'],
    filing: {
      level: 2,
      grievants: [
        { name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' },
        { name: 'Sam Ito', position: 'Grade 5 teacher', subject: 'sam.ito' },
      ],
    },
    steps: [decide('denied', 'Level 2: denied.'), withdraw],
  },
  { name: 'informal-step-waived', rules: ['GRV-INFORMAL', 'GRV-FILE-40'], filing: { level: 0 }, steps: [{ pastDeadline: '0:filing' }] },
  {
    name: 'imported-past-case',
    rules: ['CAL-3'],
    async filing(g) {
      const receivedOn = shiftDate(g.district(), await g.today(), 'school-day', -20);
      return { knewOn: addDays(receivedOn, -1), receivedOn };
    },
    steps: [],
  },
  { name: 'snow-day-amendment', rules: ['CAL-2'], steps: [{ run: snowDay }, withdraw] },
  { name: 'clock-pause-resume', rules: ['CAL-2'], steps: [{ run: pauseAndResume }, withdraw] },
  // Issue 16: cases pinned to the district's procedure.
  {
    name: 'contract-arbitration',
    rules: ['GRV-APPEAL-5', 'GRV-FINAL'],
    policy: HARBOR,
    steps: [decide('denied', 'No violation.'), appeal, decide('denied', 'Level 2: denied.'), { act: { type: 'demand-arbitration' }, by: grievantSide }],
  },
  { name: 'contract-arbitration-not-demanded', rules: ['GRV-ACCEPT', 'GRV-FINAL'], policy: HARBOR, filing: { level: 2, grievants: TWO_GRIEVANTS }, steps: [decide('denied', 'Denied.'), { pastDeadline: '2:arbitration' }] },
  {
    name: 'contract-conference-scheduled-later',
    rules: ['GRV-CONF-5'],
    policy: { ...DEFAULT_GRIEVANCE_POLICY, unit: 'default' },
    filing: { conferenceRequested: true },
    steps: [{ act: async (g) => ({ type: 'schedule-conference', on: shiftDate(g.district(), await g.today(), 'school-day', 8) }) }, decide('granted', 'Granted.'), withdraw],
  },
  { name: 'contract-migration', rules: ['GRV-DECIDE-10'], policy: HARBOR, steps: [{ run: migrate }, withdraw] },
];

/** An HR migration to a corrected version reaches the case (as the batch signal delivers it): 12 work days to decide. */
async function migrate(g: Driver, handle: GrievanceHandle) {
  const policy: GrievancePolicy = { ...HARBOR, version: 3, levels: [{ ...HARBOR.levels[0]!, decision: { limit: { count: 12, unit: 'work-day' }, countsFrom: 'conference-or-receipt' } }, HARBOR.levels[1]!] };
  const at = new Date(await g.env().currentTimeMs()).toISOString();
  await handle.signal(procedureMigratedSignal, { district: 'district-a', unit: 'default', policy, migration: { id: 'm1', toVersion: 3, fromVersions: [2], by: hr, at, reason: 'article 7.3 says twelve' } });
  await g.deadline(handle, '1:decision');
}

/** HR pauses the case's clocks (abeyance by mutual agreement) and resumes them: the status is published each time. */
async function pauseAndResume(g: Driver, handle: GrievanceHandle) {
  await handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: 'abeyance by mutual agreement', by: hr }] });
  await handle.executeUpdate(resumeClocksUpdate, { args: [{ by: hr }] });
  await g.deadline(handle, '1:decision');
}

/**
 * PAR interventions (test/histories/par/): long cases that continue as new at semester boundaries, so each run of
 * the chain is its own file, `<scenario>-run<n>--<RULE-IDS>.json`. They run on the Riverside calendars, each on a
 * time-skipping server of its own (the server clock only moves forward, and the scenarios' dates overlap).
 */
interface ParScenario {
  name: string;
  rules: string[];
  run: (par: ParDriver, id: string) => Promise<string>;
}

const PAR_SCENARIOS: ParScenario[] = [
  {
    name: 'par-volunteer-withdraws',
    rules: ['PAR-VOL-TERM'],
    async run(par, id) {
      await par.at('2027-01-06');
      const workflowId = await par.open(parStart('volunteer', id, '2027-01-06'), dana);
      await par.at('2027-01-08');
      await par.act(workflowId, { type: 'withdraw', reason: 'application-withdrawn' }, dana);
      return workflowId;
    },
  },
  { name: 'par-referred-18-months', rules: ['PAR-MONTHLY', 'PAR-SEMESTER', 'PAR-OUTCOME', 'PAR-MAX-18'], run: (par, id) => fullReferredCase(par, id) },
  {
    name: 'par-full-semesters',
    rules: ['PAR-MONTHLY', 'PAR-SEMESTER', 'PAR-FINAL-CONF', 'PAR-OUTCOME', 'PAR-MAX-18'],
    run: (par, id) => fullReferredCase(par, id, { rules: 'full-semesters' }),
  },
];

const parFileName = (scenario: ParScenario, run: number) => `${[`${scenario.name}-run${run}`, ...scenario.rules].join('--')}.json`;

async function recordParScenarios(serverPath: string, bundle: Awaited<ReturnType<typeof bundleWorkflows>>, dir: string, todo: ParScenario[], tag?: string) {
  await mkdir(dir, { recursive: true });
  for (const scenario of todo) {
    const env = await createTimeSkippingEnvAt(serverPath);
    const worker = await startTestWorker(env, bundle, TASK_QUEUE);
    try {
      await recordParScenario(env, bundle, dir, scenario, tag);
    } finally {
      await worker.stop();
      await env.teardown();
    }
  }
}

async function recordParScenario(env: Awaited<ReturnType<typeof createTimeSkippingEnvAt>>, bundle: Awaited<ReturnType<typeof bundleWorkflows>>, dir: string, scenario: ParScenario, tag?: string) {
  const par = parDriver(env, TASK_QUEUE);
  const workflowId = await scenario.run(par, `golden-${tag ? `${tag}-` : ''}${scenario.name}`);
  const closed = await par.closed(workflowId);
  const runs = await fetchCaseHistories(env.client, workflowId);
  const replays = await replayHistories(runs.map(({ history }) => ({ workflowId, history })), { workflowBundle: bundle, dataConverter: testDataConverter() });
  const failed = replays.find((r) => !r.ok);
  if (failed) throw new Error(`${scenario.name}: the fresh recording does not replay: ${failed.error}`);
  for (const [i, { history }] of runs.entries()) {
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    started.workflowId ||= workflowId;
    const file = path.join(dir, parFileName(scenario, i + 1));
    await writeFile(file, compactHistoryJson(history), { flag: 'wx' });
    console.log(`recorded ${path.relative(ROOT, file)} (${history.events?.length} events, ${closed.case.closed?.reason ?? closed.case.status})`);
  }
}

/**
 * Improvement plans (test/histories/pip/): one run a case (a full year stays a few hundred events), each on a
 * time-skipping server of its own, on the Riverside calendars of 2027-2028.
 */
const PIP_SCENARIOS: OwnServerScenario<PipDriver>[] = [
  { name: 'pip-full-year', rules: ['PIP-GOAL', 'PIP-STEPS', 'PIP-EVIDENCE', 'PIP-STATUS'], run: (pip, id) => fullPipYear(pip, id) },
  {
    name: 'pip-withdrawn',
    rules: ['PIP-TEAM', 'PIP-STATUS'],
    async run(pip, id) {
      await pip.at('2027-09-14');
      const workflowId = await pip.open({ ...START_2027, id }, pipHr);
      await pip.at('2027-10-20');
      await pip.act(workflowId, { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'Reading notes' }, employee);
      await pip.act(workflowId, { type: 'withdraw', reason: 'left the district' }, pipHr);
      return workflowId;
    },
  },
];

/**
 * Observation cycles (test/histories/observation/): one run a school year, on the Riverside calendars of 2027-2028,
 * each on a time-skipping server of its own. The scenario's id is the educator's (the workflow id is made of
 * district, year and educator).
 */
const OBSERVATION_SCENARIOS: OwnServerScenario<ObservationDriver>[] = [
  {
    name: 'observation-full-year',
    rules: ['OBS-TRACK', 'OBS-FEEDBACK-7', 'OBS-POSTCONF', 'GRV-FILE-40'],
    async run(obs, id) {
      const workflowId = await fullObservationYear(obs, id);
      // GRV-FILE-40: the closed cycle waits for a grievance's link 40 school days after its last violation.
      await obs.at('2028-11-01');
      return workflowId;
    },
  },
  {
    name: 'observation-ended-early',
    rules: ['OBS-PRECONF', 'OBS-FEEDBACK-7', 'GRV-FILE-40'],
    async run(obs, id) {
      await obs.at('2027-08-20');
      const workflowId = await obs.open({ ...cycleStart(undefined, '2027-08-20'), educator: id });
      await obs.at('2027-09-20');
      await obs.act(workflowId, { type: 'hold-pre-conference', plannedFor: '2027-09-23', lessonPlanReviewed: true, certification: certified }, lee);
      await obs.at('2027-09-23');
      await obs.act(workflowId, { type: 'observe', kind: 'formal', announced: true, certification: certified }, lee);
      await obs.at('2027-10-04');
      // Observation 1's feedback week ended 2027-09-30 without feedback (OBS-FEEDBACK-7): the ended cycle keeps its
      // record for a grievance 40 school days more (GRV-FILE-40).
      await obs.act(workflowId, { type: 'end-cycle', reason: 'left the district' }, obsHr);
      await obs.at('2028-01-31');
      return workflowId;
    },
  },
];

/** A family whose scenarios each run on a time-skipping server of their own (the server clock only moves forward). */
interface OwnServerScenario<D> {
  name: string;
  rules: string[];
  run: (driver: D, id: string) => Promise<string>;
}

interface OwnServerFamily<D extends { closed: (workflowId: string) => Promise<unknown> }> {
  driver: (env: Awaited<ReturnType<typeof createTimeSkippingEnvAt>>) => D;
  outcome: (closed: Awaited<ReturnType<D['closed']>>) => string;
}

async function recordOwnServerScenarios<D extends { closed: (workflowId: string) => Promise<unknown> }>(
  serverPath: string,
  bundle: Awaited<ReturnType<typeof bundleWorkflows>>,
  dir: string,
  todo: OwnServerScenario<D>[],
  family: OwnServerFamily<D>,
  tag?: string,
) {
  await mkdir(dir, { recursive: true });
  for (const scenario of todo) {
    const env = await createTimeSkippingEnvAt(serverPath);
    const worker = await startTestWorker(env, bundle, TASK_QUEUE);
    try {
      const driver = family.driver(env);
      const workflowId = await scenario.run(driver, `golden-${tag ? `${tag}-` : ''}${scenario.name}`);
      const closed = (await driver.closed(workflowId)) as Awaited<ReturnType<D['closed']>>;
      await writeSingleRun(env, bundle, workflowId, path.join(dir, goldenFileName(scenario)), family.outcome(closed));
    } finally {
      await worker.stop();
      await env.teardown();
    }
  }
}

/** Files the scenario's case and makes its moves. */
async function runScenario(g: Driver, scenario: Scenario, id: string): Promise<GrievanceHandle> {
  const filing = typeof scenario.filing === 'function' ? await scenario.filing(g) : scenario.filing;
  const handle = await g.file({ ...filing, id }, scenario.policy);
  for (const step of scenario.steps) {
    if ('pastDeadline' in step) {
      const due = (await g.deadline(handle, step.pastDeadline)).current as RunningDeadline;
      await advanceTo(g.env(), Date.parse(due.dueAt) + 60_000);
    } else if ('run' in step) await step.run(g, handle);
    else await g.act(handle, typeof step.act === 'function' ? await step.act(g) : step.act, step.by ?? hr);
  }
  return handle;
}

/** Writes a closed one-run case's history as a golden file, once it replays on the code that made it. */
async function writeSingleRun(env: Awaited<ReturnType<typeof createTimeSkippingEnvAt>>, bundle: Awaited<ReturnType<typeof bundleWorkflows>>, workflowId: string, file: string, outcome: string) {
  const runs = await fetchCaseHistories(env.client, workflowId);
  if (runs.length !== 1) throw new Error(`${workflowId}: expected one run, got ${runs.length}`);
  const { history } = runs[0]!;
  // A golden history must replay on the code that made it.
  const [replay] = await replayHistories([{ workflowId, history }], { workflowBundle: bundle, dataConverter: testDataConverter() });
  if (!replay?.ok) throw new Error(`${workflowId}: the fresh recording does not replay: ${replay?.error}`);
  // The Java test server leaves the started event's workflowId empty; servers since 1.27 record it, and replay
  // tools read it from there.
  const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
  started.workflowId ||= workflowId;
  await writeFile(file, compactHistoryJson(history), { flag: 'wx' });
  console.log(`recorded ${path.relative(ROOT, file)} (${history.events?.length} events, ${outcome})`);
}

/** CLI-format JSON (`{"events":[...]}`) with one event a line: the same JSON as the CLI's, a fifth smaller. */
function compactHistoryJson(history: History): string {
  return `{"events":[\n${historyToJson(history).events.map((event) => JSON.stringify(event)).join(',\n')}\n]}\n`;
}

const goldenFileName = (scenario: Pick<Scenario, 'name' | 'rules'>) => `${[scenario.name, ...scenario.rules].join('--')}.json`;

function parseArgs(argv: string[]) {
  const only: string[] = [];
  let tag: string | undefined;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--scenario') {
      const names = [...SCENARIOS, ...PAR_SCENARIOS, ...PIP_SCENARIOS, ...OBSERVATION_SCENARIOS, ...TAP_SCENARIOS].map((s) => s.name);
      if (!names.includes(value)) throw new Error(`unknown scenario ${value}; one of ${names.join(', ')}`);
      only.push(value);
    } else if (flag === '--tag') {
      if (!/^[a-z0-9][a-z0-9.-]{0,63}$/.test(value)) throw new Error('--tag must be lowercase letters, digits, dots and dashes');
      tag = value;
    } else throw new Error(`unknown option ${flag}`);
  }
  return { only, tag };
}

async function main() {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`histories:record: ${(error as Error).message}`);
    process.exit(2);
  }
  const { only, tag } = args;
  const dir = path.join(ROOT, 'test', 'histories', 'grievance', ...(tag ? [tag] : []));
  const todo = SCENARIOS.filter((s) => (only.length === 0 || only.includes(s.name)) && !existsSync(path.join(dir, goldenFileName(s))));
  for (const s of SCENARIOS.filter((s) => !todo.includes(s) && (only.length === 0 || only.includes(s.name)))) {
    console.log(`kept     ${path.relative(ROOT, path.join(dir, goldenFileName(s)))} (golden files are never overwritten)`);
  }
  const parDir = path.join(ROOT, 'test', 'histories', 'par', ...(tag ? [tag] : []));
  const parTodo = PAR_SCENARIOS.filter((s) => (only.length === 0 || only.includes(s.name)) && !existsSync(path.join(parDir, parFileName(s, 1))));
  const pipDir = path.join(ROOT, 'test', 'histories', 'pip', ...(tag ? [tag] : []));
  const pipTodo = PIP_SCENARIOS.filter((s) => (only.length === 0 || only.includes(s.name)) && !existsSync(path.join(pipDir, goldenFileName(s))));
  const tapDir = path.join(ROOT, 'test', 'histories', 'tap', ...(tag ? [tag] : []));
  const tapTodo = TAP_SCENARIOS.filter((s) => (only.length === 0 || only.includes(s.name)) && !existsSync(path.join(tapDir, goldenFileName(s))));
  const obsDir = path.join(ROOT, 'test', 'histories', 'observation', ...(tag ? [tag] : []));
  const obsTodo = OBSERVATION_SCENARIOS.filter((s) => (only.length === 0 || only.includes(s.name)) && !existsSync(path.join(obsDir, goldenFileName(s))));
  if (todo.length === 0 && parTodo.length === 0 && pipTodo.length === 0 && tapTodo.length === 0 && obsTodo.length === 0) return;

  const serverPath =
    process.env.TEMPORAL_TEST_SERVER_PATH ||
    execFileSync('bash', [path.join(ROOT, 'scripts', 'provision-test-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const [env, bundle] = await Promise.all([createTimeSkippingEnvAt(serverPath), bundleWorkflows()]);
  const worker = await startTestWorker(env, bundle, TASK_QUEUE);
  try {
    const { calendars } = await publishCalendarsAround(env.client, TASK_QUEUE, 'district-a', await env.currentTimeMs());
    const g = grievanceDriver(() => env, () => calendars, TASK_QUEUE);
    if (todo.length > 0) await mkdir(dir, { recursive: true });
    for (const scenario of todo) {
      const handle = await runScenario(g, scenario, `golden-${tag ? `${tag}-` : ''}${scenario.name}`);
      const closed = await g.closed(handle);
      await writeSingleRun(env, bundle, handle.workflowId, path.join(dir, goldenFileName(scenario)), `${closed.status}/${closed.outcome}`);
    }
    if (tapTodo.length > 0) {
      await mkdir(tapDir, { recursive: true });
      const tap = tapDriver(() => env, () => calendars, TASK_QUEUE);
      for (const scenario of tapTodo) {
        const handle = await scenario.run(tap, `golden-${tag ? `${tag}-` : ''}${scenario.name}`);
        const closed = await closedState(handle, getTapQuery);
        await writeSingleRun(env, bundle, handle.workflowId, path.join(tapDir, goldenFileName(scenario)), closed.case.closed?.outcome ?? closed.case.status);
      }
    }
    if (parTodo.length > 0) await recordParScenarios(serverPath, bundle, parDir, parTodo, tag);
    if (pipTodo.length > 0) {
      await recordOwnServerScenarios(serverPath, bundle, pipDir, pipTodo, { driver: (e) => pipDriver(e, TASK_QUEUE), outcome: (c) => c.case.closed?.reason ?? c.case.status }, tag);
    }
    if (obsTodo.length > 0) {
      await recordOwnServerScenarios(serverPath, bundle, obsDir, obsTodo, { driver: (e) => observationDriver(e, TASK_QUEUE), outcome: (c) => c.cycle.closed?.reason ?? c.cycle.status }, tag);
    }
  } finally {
    await worker.stop();
    await env.teardown();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`histories:record: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
