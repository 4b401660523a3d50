import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Notice, NoticeReceipt } from '../../src/domain/notices/notice';
import type { Logger } from '../../src/logger';
import { channelDeliveryId, receipt } from './delivery';
import type { RenderedNotice } from './render-template';

export interface WebhookSettings {
  /** The HR system's endpoint. */
  readonly url: string;
  /** The signing secret: `whsec_<base64>` as Standard Webhooks serializes it, or any string of 32+ characters. */
  readonly secret: string;
  readonly timeoutMs?: number | undefined;
}

/** The HMAC key: the base64 after `whsec_` (the Standard Webhooks form), otherwise the secret's UTF-8 bytes. */
function signingKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

/** `v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>` (https://www.standardwebhooks.com/). */
export function signWebhook(secret: string, id: string, timestamp: number | string, body: string): string {
  return `v1,${createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * Checks a Standard Webhooks signature header (one or more space-separated `v1,<base64>` entries) in constant
 * time. With `nowSeconds`, a timestamp more than `toleranceSeconds` (default 300) away is refused too (replays).
 */
export function verifyWebhookSignature(input: {
  secret: string;
  id: string;
  timestamp: string | number;
  body: string;
  signature: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): boolean {
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  if (input.nowSeconds !== undefined && Math.abs(input.nowSeconds - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, input.id, String(input.timestamp), input.body));
  return input.signature
    .split(' ')
    .map((entry) => Buffer.from(entry))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}

/** The endpoint without credentials or query, for logs and receipts. */
function redact(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** Retry-After as seconds or an HTTP date, capped at an hour; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 3_600_000) : undefined;
}

/**
 * Webhook: POSTs the notice as signed JSON to the HR system. 2xx delivers; 408, 429, 5xx and network errors are
 * retried by Temporal (honouring Retry-After); another status fails for good, naming it. The receiver
 * de-duplicates on `webhook-id`, the delivery id, which every attempt sends unchanged.
 */
export function createWebhookPoster(options: { logger: Logger; settings: WebhookSettings | undefined }) {
  const { logger, settings } = options;

  return async function postWebhook(notice: Notice, rendered: RenderedNotice): Promise<NoticeReceipt> {
    const deliveryId = channelDeliveryId(notice, 'webhook');
    if (!settings) {
      logger.debug({ deliveryId }, 'no webhook configured: notice not posted');
      return receipt('webhook', deliveryId, false, []);
    }
    const destination = redact(settings.url);
    const body = JSON.stringify({
      deliveryId,
      kind: notice.kind,
      caseType: notice.caseType,
      caseId: notice.caseId,
      workflowId: notice.workflowId,
      district: notice.district,
      subject: rendered.subject,
      text: rendered.text,
      facts: notice.facts,
      sentAt: new Date().toISOString(),
    });
    const timestamp = Math.floor(Date.now() / 1000);

    let response: Response;
    try {
      response = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': deliveryId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(settings.secret, deliveryId, timestamp, body),
        },
        body,
        // A redirect would turn the POST into a GET and drop the body: the URL must be the final one.
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
      });
    } catch (error) {
      logger.warn({ deliveryId, destination, err: error }, 'webhook unreachable');
      throw ApplicationFailure.create({
        message: `webhook ${destination} unreachable for ${deliveryId}, will retry: ${(error as Error).message}`,
        type: 'WebhookUnavailable',
        cause: error instanceof Error ? error : undefined,
      });
    }
    const answer = (await response.text().catch(() => '')).slice(0, 200);
    const { status } = response;
    if (status >= 200 && status < 300) {
      logger.info({ deliveryId, caseId: notice.caseId, destination, status }, 'notice posted to webhook');
      return receipt('webhook', deliveryId, false, [destination]);
    }
    const retryable = status >= 500 || status === 408 || status === 429;
    logger.warn({ deliveryId, destination, status, answer, retryable }, 'webhook refused the notice');
    const delay = retryable ? retryAfterMs(response.headers.get('retry-after')) : undefined;
    throw ApplicationFailure.create({
      message: retryable
        ? `webhook ${destination} answered ${status} for ${deliveryId}, will retry`
        : `webhook ${destination} refused ${deliveryId} with status ${status}${answer ? `: ${answer}` : ''}`,
      type: retryable ? 'WebhookUnavailable' : 'WebhookRejected',
      nonRetryable: !retryable,
      details: [{ status }],
      ...(delay !== undefined ? { nextRetryDelay: delay } : {}),
    });
  };
}
