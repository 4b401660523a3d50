import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import { fetchCaseHistories } from '../../src/audit/case-history';
import { decodeCaseRuns } from '../../src/audit/case-records';
import { caseTimeline } from '../../src/audit/case-timeline';
import type { NoticeChannel, NoticeRecord } from '../../src/domain/notices/notice';
import { testDataConverter } from './key-ring';

/**
 * Issue 19, "only deliveries that happened are recorded": checks a case's notice records and its timeline (read
 * from its history) on a test worker without WEBHOOK_URL. A webhook is never a delivery, only a record that says why
 * nothing went out; every other record names where it went (a letter by its file, never the server's path) or why
 * it failed or had nothing to go to; the timeline lists only the deliveries made.
 */
export async function expectOnlyDeliveriesThatHappened(client: Client, workflowId: string, notices: readonly NoticeRecord[], channels: readonly NoticeChannel[]) {
  expect([...new Set(notices.map((n) => n.channel))].sort(), `${workflowId}: channels used`).toEqual([...channels].sort());
  for (const record of notices) {
    const what = `${record.deliveryId}: ${JSON.stringify(record)}`;
    if (record.channel === 'webhook') expect(record, what).toMatchObject({ destination: [], skipped: 'no webhook configured (WEBHOOK_URL)' });
    if (record.destination.length === 0) expect(record.skipped ?? record.failure, what).toBeTruthy();
    if (record.channel === 'letter') for (const file of record.destination) expect(file, what).toMatch(/^[^/\\]+\.pdf$/);
  }
  // Issue 15: the history holds its payloads encrypted; the timeline reads them decrypted, as the audit routes do.
  const runs = await decodeCaseRuns(await fetchCaseHistories(client, workflowId), testDataConverter().payloadCodecs ?? []);
  const entries = caseTimeline(runs).filter((e) => e.kind === 'notice');
  const delivered = notices.filter((n) => n.destination.length > 0);
  expect(entries.map((e) => e.notice!.deliveryId).sort(), `${workflowId}: the timeline's deliveries`).toEqual(delivered.map((n) => n.deliveryId).sort());
  for (const entry of entries) {
    expect(entry.notice!.channel).not.toBe('webhook');
    expect(entry.summary).not.toMatch(/by webhook|no destination/);
    expect(entry.notice!.destination.length, entry.summary).toBeGreaterThan(0);
    if (entry.notice!.channel === 'letter') for (const file of entry.notice!.destination) expect(file).toMatch(/^[^/\\]+\.pdf$/);
  }
}
