import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJson, workflowIdOf } from '../../src/audit/case-history';

export const GOLDEN_DIR = path.resolve(__dirname);

/** Every golden history under test/histories, as paths relative to it (`grievance/happy-path--GRV-FINAL.json`). */
export function goldenHistoryFiles(): string[] {
  return (readdirSync(GOLDEN_DIR, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** A golden file as a history to replay: the workflow id it records (the file name if it records none). */
export function readGoldenHistory(file: string) {
  const json: unknown = JSON.parse(readFileSync(path.join(GOLDEN_DIR, file), 'utf8'));
  return { workflowId: workflowIdOf(historyFromJson(json)) ?? `golden:${file}`, history: json };
}
