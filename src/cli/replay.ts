import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { historiesMatching, historyFromJson, invalidQueryReason, workflowIdOf } from '../audit/case-history';
import { productionWorkflowBundle, replayHistories, type HistoryToReplay, type ReplayOutcome } from '../audit/replay';
import { existsSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import { loadConfig } from '../config/config';
import { caseDataConverter } from '../crypto/data-converter';
import { loadKeyRing } from '../crypto/key-ring';
import { temporalLoggerFrom } from '../temporal/runtime-logger';

const USAGE = `Replays recorded case histories against the current workflow code.

  npm run replay -- --query "<visibility query>" [--address host:port] [--namespace ns] [--limit N]
  npm run replay -- --file <history.json> [--file <history.json> ...]

--query lists executions (each run of a chain is one) and replays each; --address and --namespace default to
TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE. --file takes histories as \`temporal workflow show --output json\` or
GET /v1/cases/:id/history wrote them. Exit code 0: every history replays; 1: one or more do not; 2: bad usage.`;

export class UsageError extends Error {}

export interface ReplayArgs {
  query?: string | undefined;
  files: string[];
  address: string;
  namespace: string;
  limit?: number | undefined;
  /** The cases' data converter with the configured key ring (issue 15), when there is one. */
  dataConverter?: DataConverter | undefined;
}

export function parseReplayArgs(argv: string[], env: Record<string, string | undefined> = process.env): ReplayArgs {
  const config = loadConfig(env);
  // The key ring the service uses (PAYLOAD_KEY_RING, PAYLOAD_KEY_RING_FILE, or the embedded run's): encrypted
  // histories replay with it. The replay tool never creates a development ring; without one, clear histories only.
  const keys = config.payloadKeys;
  const dataConverter = keys.kind !== 'dev' || existsSync(keys.path) ? caseDataConverter(loadKeyRing(keys)) : undefined;
  const args: ReplayArgs = { files: [], address: config.temporal.address, namespace: config.temporal.namespace, dataConverter };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--help' || flag === '-h') throw new UsageError('');
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (flag === '--query') args.query = value;
    else if (flag === '--file') args.files.push(value);
    else if (flag === '--address') args.address = value;
    else if (flag === '--namespace') args.namespace = value;
    else if (flag === '--limit') {
      args.limit = Number(value);
      if (!Number.isInteger(args.limit) || args.limit < 1) throw new UsageError('--limit must be a positive integer');
    } else throw new UsageError(`unknown option ${flag}`);
  }
  if ((args.query === undefined) === (args.files.length === 0)) throw new UsageError('give either --query or one or more --file');
  return args;
}

/** The histories in a file: one run (`{ events }`) or a chain as GET /v1/cases/:id/history answers it (`{ workflowId, runs }`). */
export function historiesInFile(file: string, json: unknown): HistoryToReplay[] {
  const fallbackId = path.basename(file).replace(/(\.history)?\.json$/, '');
  const body = json as { workflowId?: unknown; runs?: unknown; events?: unknown };
  if (Array.isArray(body?.runs)) {
    const workflowId = typeof body.workflowId === 'string' ? body.workflowId : fallbackId;
    return (body.runs as { runId?: string }[]).map((run) => ({ workflowId, runId: run.runId, history: run }));
  }
  let workflowId = typeof body?.workflowId === 'string' ? body.workflowId : undefined;
  try {
    workflowId ??= workflowIdOf(historyFromJson(json));
  } catch {
    // Not a history: replayHistories reports it.
  }
  return [{ workflowId: workflowId ?? fallbackId, history: json }];
}

export function formatOutcome(result: ReplayOutcome): string {
  const where = `${result.workflowId}${result.runId ? ` run ${result.runId}` : ''}`;
  if (result.ok) return `ok    ${where}`;
  return `FAIL  ${where}${result.eventId !== undefined ? ` at event ${result.eventId}` : ''}: ${result.error}`;
}

async function main(argv: string[]): Promise<number> {
  let args: ReplayArgs;
  try {
    args = parseReplayArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `replay: ${error.message}\n\n` : ''}${USAGE}\n`);
    return 2;
  }
  // Logs (the replay worker's and Core's) go to stderr, errors only unless LOG_LEVEL says otherwise: stdout is the report.
  const level = process.env.LOG_LEVEL ?? 'error';
  Runtime.install({
    logger: temporalLoggerFrom(pino({ level }, pino.destination(2))),
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: level === 'error' ? 'ERROR' : 'WARN' }) } },
    shutdownSignals: [],
  });

  const histories: HistoryToReplay[] = [];
  for (const file of args.files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      process.stderr.write(`replay: cannot read ${file}: ${(error as Error).message}\n`);
      return 2;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      json = { invalidJson: (error as Error).message };
    }
    histories.push(...historiesInFile(file, json));
  }

  const workflowBundle = await productionWorkflowBundle();
  let connection: Connection | undefined;
  let results: ReplayOutcome[];
  let truncated = false;
  try {
    if (args.query !== undefined) {
      connection = await Connection.connect({ address: args.address });
      // The listing decodes each execution's memo and summary: with the key ring's codec (issue 15), as the service wrote them.
      const listed = historiesMatching(new Client({ connection, namespace: args.namespace, ...(args.dataConverter ? { dataConverter: args.dataConverter } : {}) }), args.query, { limit: args.limit });
      try {
        results = await replayHistories(listed, { workflowBundle, replayName: 'cli-replay', dataConverter: args.dataConverter });
      } catch (error) {
        const reason = invalidQueryReason(error);
        if (reason === undefined) throw error;
        process.stderr.write(`replay: --query is not a valid visibility query: ${reason}\n`);
        return 2;
      }
      truncated = listed.truncated();
    } else {
      results = await replayHistories(histories, { workflowBundle, replayName: 'cli-replay', dataConverter: args.dataConverter });
    }
  } finally {
    await connection?.close();
  }

  for (const result of results) process.stdout.write(`${formatOutcome(result)}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(
    `replayed ${results.length} ${results.length === 1 ? 'history' : 'histories'}: ${results.length - failed} ok, ${failed} failed` +
      `${truncated ? ` (more matched: raise --limit)` : ''}\n`,
  );
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`replay: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
