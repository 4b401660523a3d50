import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory & { events: temporal.api.history.v1.IHistoryEvent[] };

/** psql of the PostgreSQL the cluster script installed (Debian's package), or the one on PATH. */
function psqlPath(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => `${base}/${v}/bin/psql`).find((p) => existsSync(p));
  return found ?? 'psql';
}

/**
 * A run's history read straight from Temporal's PostgreSQL tables, not through the server: the `history_node` rows
 * of the run's history tree (one row per batch of events, each a proto3 `History`), decoded and concatenated in
 * order. Fails on anything but one plain branch with one row per batch (no reset, no conflict resolution).
 */
export async function readHistoryFromPostgres(pgUrl: string, runId: string): Promise<History> {
  const treeId = runId.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/.test(treeId)) throw new Error(`not a run id: ${runId}`);
  const sql =
    "SELECT encode(branch_id, 'hex'), node_id, data_encoding, encode(data, 'hex') FROM history_node " +
    `WHERE tree_id = decode('${treeId}', 'hex') ORDER BY branch_id, node_id, txn_id`;
  const out = await new Promise<string>((resolve, reject) =>
    execFile(psqlPath(), [pgUrl, '-At', '-F', '|', '-c', sql], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  const rows = out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [branch, node, encoding, data] = line.split('|') as [string, string, string, string];
      return { branch, node, encoding, data: Buffer.from(data, 'hex') };
    });
  if (rows.length === 0) throw new Error(`no history rows for run ${runId}`);
  if (new Set(rows.map((r) => r.branch)).size !== 1) throw new Error(`run ${runId} has more than one history branch`);
  if (new Set(rows.map((r) => r.node)).size !== rows.length) throw new Error(`run ${runId} has more than one row for a batch`);
  const events = rows.flatMap((row) => {
    if (row.encoding !== 'Proto3') throw new Error(`unexpected history encoding ${row.encoding}`);
    return temporal.api.history.v1.History.decode(row.data).events;
  });
  events.forEach((event, index) => {
    if (Number(event.eventId) !== index + 1) throw new Error(`history of ${runId} is not contiguous at event ${index + 1}`);
  });
  return { events };
}
