import { z } from 'zod';
import { NOTICE_KINDS } from '../../src/domain/notices/notice';

/** What a case shows of its notices: every delivery, what, to whom, over which channel, when (or why it failed). */
export const noticeRecordsSchema = z
  .array(
    z.object({
      deliveryId: z.string(),
      kind: z.enum(NOTICE_KINDS),
      channel: z.enum(['email', 'webhook', 'letter']),
      at: z.iso.datetime(),
      destination: z.array(z.string()).readonly(),
      failure: z.string().optional(),
      skipped: z.string().optional().describe('Nothing was delivered, and why (no webhook configured, no recipient with an address); the destination is empty'),
    }),
  )
  .readonly()
  .describe('Every notice delivery of the case: what, to whom, over which channel, when (or why it failed, or why a channel had nothing to deliver to)');
