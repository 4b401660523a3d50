import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Notice, NoticeChannel, NoticeReceipt } from '../../src/domain/notices/notice';

/** The idempotency key of one channel's delivery of a notice: `<notice.deliveryId>:<channel>`. */
export function channelDeliveryId(notice: Pick<Notice, 'deliveryId'>, channel: NoticeChannel): string {
  return `${notice.deliveryId}:${channel}`;
}

/** A file name for a delivery id: the same id always maps to the same name, and no id escapes the folder. */
export function deliveryFileName(deliveryId: string, extension: string): string {
  return `${encodeURIComponent(deliveryId)}${extension}`;
}

/** What a channel did; `skipped` says why nothing was delivered (then `destination` is empty). */
export function receipt(channel: NoticeChannel, deliveryId: string, duplicate: boolean, destination: readonly string[], skipped?: string): NoticeReceipt {
  return skipped === undefined ? { channel, deliveryId, duplicate, destination } : { channel, deliveryId, duplicate, destination, skipped };
}

/**
 * Creates `file` with `data` unless it exists (flag 'wx', atomic on one file system): true when this call created
 * it, false when an earlier attempt already had. Activities run at least once; this makes a retry a no-op.
 */
export async function createExclusive(file: string, data: string | Uint8Array): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, data, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * `text` with every email address in it replaced by `<address>`: what a receiving server answered (an SMTP reply, a
 * webhook's error body) may echo the recipients, and it goes into logs and the case's history (nothing personal there).
 */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '<address>');
}
