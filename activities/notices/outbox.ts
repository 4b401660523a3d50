import path from 'node:path';
import type { Logger } from '../../src/logger';
import { createExclusive, deliveryFileName } from './delivery';

/** An email as the embedded run's outbox keeps it. `deliveryId` is its idempotency key: the same id is written once. */
export interface OutboxNotice {
  readonly deliveryId: string;
  readonly caseId: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
  /** The HTML part of the email, when it has one. */
  readonly html?: string | undefined;
}

/**
 * Writes the notice to the outbox as `<encodeURIComponent(deliveryId)>.json`, created exclusively: a retried
 * attempt finds the file and writes nothing twice (`duplicate: true`).
 */
export async function writeToOutbox<T extends OutboxNotice>(
  outboxDir: string,
  logger: Logger,
  notice: T,
): Promise<{ deliveryId: string; duplicate: boolean }> {
  const file = path.join(outboxDir, deliveryFileName(notice.deliveryId, '.json'));
  const created = await createExclusive(file, JSON.stringify({ ...notice, writtenAt: new Date().toISOString() }, null, 2));
  if (!created) return { deliveryId: notice.deliveryId, duplicate: true };
  // Issue 15: the log counts recipients, never names or addresses them.
  logger.info({ deliveryId: notice.deliveryId, caseId: notice.caseId, recipients: notice.to.length, file }, 'notice written to outbox');
  return { deliveryId: notice.deliveryId, duplicate: false };
}
