import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  archiveCaseRun,
  chainHashOf,
  loadArchivedRuns,
  readCaseChain,
  sha256Hex,
  verifyCaseArchive,
  type ChainEntry,
} from '../../src/audit/case-archive';
import { historyFromJson, historyToJson, type CaseRunHistory } from '../../src/audit/case-history';
import { localRecordStore } from '../../src/audit/record-store';

const district = 'district-a';

/** A closed run in the CLI's JSON: started (continuing `from`, if given) at `startedAt`, then completed. */
function aClosedRun(runId: string, startedAt: string, from?: string): CaseRunHistory {
  const json = {
    events: [
      {
        eventId: '1',
        eventTime: startedAt,
        eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
        workflowExecutionStartedEventAttributes: { workflowType: { name: 'grievanceWorkflow' }, originalExecutionRunId: runId, ...(from ? { continuedExecutionRunId: from } : {}) },
      },
      { eventId: '2', eventTime: startedAt, eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', workflowExecutionCompletedEventAttributes: {} },
    ],
  };
  return { runId, history: historyFromJson(json) };
}

async function anArchive() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'case-archive-'));
  const store = localRecordStore(root);
  const fileOf = (workflowId: string, name: string) => path.join(root, district, workflowId, name);
  /** Rewrites a stored file as a tamperer with write access to the folder would. */
  const tamper = async (workflowId: string, name: string, edit: (text: string) => string) => {
    const file = fileOf(workflowId, name);
    const text = await readFile(file, 'utf8');
    await chmod(file, 0o644);
    await writeFile(file, edit(text));
  };
  return { root, store, fileOf, tamper };
}

/** A case of two closed runs (the second continued the first), both archived: four files, four chain entries. */
async function anArchivedCase(workflowId: string) {
  const archive = await anArchive();
  await archiveCaseRun(archive.store, { district, workflowId, ...aClosedRun('run-1', '2026-01-05T15:00:00Z') });
  await archiveCaseRun(archive.store, { district, workflowId, ...aClosedRun('run-2', '2026-02-05T15:00:00Z', 'run-1') });
  return archive;
}

describe('case archive: files and digest chain', () => {
  it("writes a run's history in the CLI's JSON and its timeline, each chained to the one before", async () => {
    const { store, fileOf } = await anArchive();
    const run = aClosedRun('run-1', '2026-01-05T15:00:00Z');
    const archived = await archiveCaseRun(store, { district, workflowId: 'grievance:G-1', ...run }, () => new Date('2026-01-06T00:00:00Z'));

    expect(await store.list(`${district}/grievance:G-1/`)).toEqual([
      `${district}/grievance:G-1/chain/000001.json`,
      `${district}/grievance:G-1/chain/000002.json`,
      `${district}/grievance:G-1/run-1.history.json`,
      `${district}/grievance:G-1/run-1.timeline.json`,
    ]);
    const history = await readFile(fileOf('grievance:G-1', 'run-1.history.json'), 'utf8');
    expect(JSON.parse(history)).toEqual(historyToJson(run.history));
    const timeline = JSON.parse(await readFile(fileOf('grievance:G-1', 'run-1.timeline.json'), 'utf8'));
    expect(timeline).toMatchObject({ workflowId: 'grievance:G-1', runs: ['run-1'], entries: [{ kind: 'filed', eventId: 1 }, { kind: 'closed', eventId: 2 }] });

    const [first, second] = archived.entries as [ChainEntry, ChainEntry];
    expect(first).toEqual({
      seq: 1,
      file: 'run-1.history.json',
      sha256: sha256Hex(history),
      previous: null,
      archivedAt: '2026-01-06T00:00:00.000Z',
      chainHash: sha256Hex(JSON.stringify([1, null, sha256Hex(history), 'run-1.history.json', '2026-01-06T00:00:00.000Z'])),
    });
    expect(second).toMatchObject({ seq: 2, file: 'run-1.timeline.json', previous: first.chainHash });
    expect(second.chainHash).toBe(chainHashOf(second));
    expect(await readCaseChain(store, district, 'grievance:G-1')).toEqual([first, second]);
    expect(await verifyCaseArchive(store, district, 'grievance:G-1')).toEqual({ ok: true, entries: 2, head: second.chainHash });
  });

  it('archiving a run again (a retried activity) writes nothing new; a file written but not chained is chained as stored', async () => {
    const { store } = await anArchive();
    const run = { district, workflowId: 'grievance:G-2', ...aClosedRun('run-1', '2026-01-05T15:00:00Z') };
    const first = await archiveCaseRun(store, run);
    expect(await archiveCaseRun(store, run)).toEqual(first);
    expect(await store.list(`${district}/grievance:G-2/chain/`)).toHaveLength(2);

    // An attempt that died between writing the history and chaining it.
    const next = { district, workflowId: 'grievance:G-2', ...aClosedRun('run-2', '2026-02-05T15:00:00Z', 'run-1') };
    await store.put(`${district}/grievance:G-2/run-2.history.json`, Buffer.from(`${JSON.stringify(historyToJson(next.history), null, 2)}\n`));
    const archived = await archiveCaseRun(store, next);
    expect(archived.entries.map((e) => [e.seq, e.file])).toEqual([
      [3, 'run-2.history.json'],
      [4, 'run-2.timeline.json'],
    ]);
    expect(await verifyCaseArchive(store, district, 'grievance:G-2')).toMatchObject({ ok: true, entries: 4 });
  });

  it('chains the runs of one case archived at the same time without a gap or a fork', async () => {
    const { store } = await anArchive();
    const runs = ['run-1', 'run-2', 'run-3'].map((id, i) => aClosedRun(id, `2026-0${i + 1}-05T15:00:00Z`, i > 0 ? `run-${i}` : undefined));
    await Promise.all(runs.map((run) => archiveCaseRun(store, { district, workflowId: 'grievance:G-3', ...run })));
    const chain = await readCaseChain(store, district, 'grievance:G-3');
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyCaseArchive(store, district, 'grievance:G-3')).toMatchObject({ ok: true, entries: 6 });
  });

  it('loads the archived runs first to latest, following continue-as-new links, whatever order they were archived in', async () => {
    const { store } = await anArchive();
    const runs = [aClosedRun('c', '2026-03-05T15:00:00Z', 'b'), aClosedRun('a', '2026-01-05T15:00:00Z'), aClosedRun('b', '2026-02-05T15:00:00Z', 'a')];
    for (const run of runs) await archiveCaseRun(store, { district, workflowId: 'grievance:G-4', ...run });
    const loaded = await loadArchivedRuns(store, district, 'grievance:G-4');
    expect(loaded.map((r) => r.runId)).toEqual(['a', 'b', 'c']);
    expect(historyToJson(loaded[2]!.history)).toEqual(historyToJson(runs[0]!.history));
    expect(await loadArchivedRuns(store, district, 'grievance:never-archived')).toEqual([]);
    expect(await verifyCaseArchive(store, district, 'grievance:never-archived')).toEqual({ ok: true, entries: 0, head: null });
  });
});

describe('case archive: tampering shows', () => {
  it('an edited file breaks the chain at its entry', async () => {
    const { store, tamper } = await anArchivedCase('grievance:T-1');
    await tamper('grievance:T-1', 'run-2.history.json', (text) => text.replace('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', 'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED'));
    expect(await verifyCaseArchive(store, district, 'grievance:T-1')).toEqual({
      ok: false,
      entries: 4,
      broken: { seq: 3, file: 'run-2.history.json', problem: expect.stringContaining('was changed') },
    });
  });

  it('a removed file breaks the chain at its entry', async () => {
    const { store, fileOf } = await anArchivedCase('grievance:T-2');
    await rm(fileOf('grievance:T-2', 'run-1.timeline.json'));
    expect(await verifyCaseArchive(store, district, 'grievance:T-2')).toMatchObject({ ok: false, broken: { seq: 2, problem: 'run-1.timeline.json is missing' } });
  });

  it('a removed entry leaves a gap; removing the last one leaves its file unchained', async () => {
    const { store, fileOf } = await anArchivedCase('grievance:T-3');
    await rm(fileOf('grievance:T-3', 'chain/000004.json'));
    expect(await verifyCaseArchive(store, district, 'grievance:T-3')).toMatchObject({ ok: false, broken: { seq: 4, file: 'run-2.timeline.json', problem: expect.stringContaining('in no chain entry') } });
    await rm(fileOf('grievance:T-3', 'chain/000002.json'));
    expect(await verifyCaseArchive(store, district, 'grievance:T-3')).toMatchObject({ ok: false, broken: { seq: 2, problem: 'chain entry 2 is missing (the next is 3)' } });
  });

  it('reordered entries show, even when the tamperer renumbers and rehashes them', async () => {
    const { store, tamper, fileOf } = await anArchivedCase('grievance:T-4');
    const [second, third] = await Promise.all(['000002.json', '000003.json'].map((name) => readFile(fileOf('grievance:T-4', `chain/${name}`), 'utf8')));
    await tamper('grievance:T-4', 'chain/000002.json', () => third!);
    await tamper('grievance:T-4', 'chain/000003.json', () => second!);
    expect(await verifyCaseArchive(store, district, 'grievance:T-4')).toMatchObject({ ok: false, broken: { seq: 2, problem: expect.stringContaining('entries were moved') } });

    // Renumbered and rehashed: the chain hash no longer follows from the entry before.
    const renumber = (text: string, seq: number) => {
      const { chainHash: _, ...fields } = { ...(JSON.parse(text) as ChainEntry), seq };
      return JSON.stringify({ ...fields, chainHash: chainHashOf(fields) });
    };
    await tamper('grievance:T-4', 'chain/000002.json', () => renumber(third!, 2));
    await tamper('grievance:T-4', 'chain/000003.json', () => renumber(second!, 3));
    expect(await verifyCaseArchive(store, district, 'grievance:T-4')).toMatchObject({ ok: false, broken: { seq: 2, problem: expect.stringContaining('does not follow entry 1') } });
  });

  it('an edited entry (its digest or date changed to match an edited file) breaks its chain hash', async () => {
    const { store, tamper } = await anArchivedCase('grievance:T-5');
    await tamper('grievance:T-5', 'chain/000001.json', (text) => text.replace(/"archivedAt": "[^"]+"/, '"archivedAt": "2020-01-01T00:00:00.000Z"'));
    expect(await verifyCaseArchive(store, district, 'grievance:T-5')).toMatchObject({ ok: false, broken: { seq: 1, problem: expect.stringContaining('was edited') } });
  });
});
