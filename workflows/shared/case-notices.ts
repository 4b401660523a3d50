import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import type { Notice, NoticeChannel, NoticeReceipt, NoticeRecord } from '../../src/domain/notices/notice';

// A notice must go out even if a receiver is down for a while: Temporal retries with backoff for up to a week.
// Retries are safe: every channel delivers under the notice's idempotency key.
const channels = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '7 days',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

function deliver(channel: NoticeChannel, notice: Notice): Promise<NoticeReceipt> {
  switch (channel) {
    case 'email':
      return channels.sendNoticeEmail(notice);
    case 'webhook':
      return channels.postNoticeWebhook(notice);
    case 'letter':
      return channels.printNoticeLetter(notice);
    default: {
      const unknown: never = channel;
      throw ApplicationFailure.nonRetryable(`unknown channel ${String(unknown)}`);
    }
  }
}

/**
 * Sends a case's notices without holding up the case: each channel runs as its own activity, and the case records
 * what each delivered (or why it gave up). `drain()` waits for all before the workflow completes.
 */
export class CaseNotices {
  private readonly pending = new Set<Promise<void>>();
  private readonly log: NoticeRecord[] = [];

  constructor(private readonly onChange: () => void = () => {}) {}

  get records(): readonly NoticeRecord[] {
    return this.log;
  }

  send(notice: Notice): void {
    for (const channel of notice.channels) {
      const delivery: Promise<void> = deliver(channel, notice).then(
        // A receipt that delivered nothing says why (no webhook configured): recorded as that, never as a delivery.
        (receipt) =>
          this.record({
            deliveryId: receipt.deliveryId,
            kind: notice.kind,
            channel,
            at: new Date().toISOString(),
            destination: receipt.destination,
            ...(receipt.skipped === undefined ? {} : { skipped: receipt.skipped }),
          }),
        (error: unknown) =>
          this.record({
            deliveryId: `${notice.deliveryId}:${channel}`,
            kind: notice.kind,
            channel,
            at: new Date().toISOString(),
            destination: [],
            failure: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error),
          }),
      );
      this.pending.add(delivery);
      void delivery.finally(() => this.pending.delete(delivery));
    }
  }

  /** Waits for every notice under way. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private record(entry: NoticeRecord): void {
    this.log.push(entry);
    this.onChange();
  }
}
