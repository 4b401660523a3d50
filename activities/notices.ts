import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../src/logger';

/** A notice to the people on a case. `deliveryId` is its idempotency key: the same id is delivered once. */
export interface Notice {
  readonly deliveryId: string;
  readonly caseId: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
}

export interface NoticeDeps {
  /** The embedded run's outbox: one JSON file per delivery instead of an SMTP server. */
  readonly outboxDir: string;
  readonly logger: Logger;
}

export function createNoticeActivities(deps: NoticeDeps) {
  return {
    /**
     * Writes the notice to the outbox. Activities run at least once; the file is created exclusively under its
     * delivery id, so a retried attempt finds it and sends nothing twice.
     */
    async deliverNotice(notice: Notice): Promise<{ deliveryId: string; duplicate: boolean }> {
      await mkdir(deps.outboxDir, { recursive: true });
      const file = path.join(deps.outboxDir, `${encodeURIComponent(notice.deliveryId)}.json`);
      try {
        await writeFile(file, JSON.stringify({ ...notice, writtenAt: new Date().toISOString() }, null, 2), {
          flag: 'wx',
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          return { deliveryId: notice.deliveryId, duplicate: true };
        }
        throw error;
      }
      deps.logger.info({ deliveryId: notice.deliveryId, caseId: notice.caseId, to: notice.to, file }, 'notice written to outbox');
      return { deliveryId: notice.deliveryId, duplicate: false };
    },
  };
}
