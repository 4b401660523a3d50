import { ApplicationFailure } from '@temporalio/common';
import { Webhook } from 'standardwebhooks';
import type { Notice, NoticeReceipt } from '../../src/domain/notices/notice';
import type { Logger } from '../../src/logger';
import { channelDeliveryId, receipt, withoutAddresses } from './delivery';
import type { RenderedNotice } from './render-template';

export interface WebhookSettings {
  /** The HR system's endpoint. */
  readonly url: string;
  /** The signing secret: `whsec_<base64>` as Standard Webhooks serializes it, or any string of 32+ characters. */
  readonly secret: string;
  readonly timeoutMs?: number | undefined;
}

/**
 * The official Standard Webhooks signer for a secret, reading it exactly as a receiver's `new Webhook(secret)`
 * does (base64 after an optional `whsec_` prefix), so the HR system verifies with the same string it was given.
 * A secret that library cannot read as base64 (a passphrase with `-`, `!` ...) is used as raw bytes, as
 * `new Webhook(secret, { format: 'raw' })` reads it: the only way a receiver can verify such a secret.
 */
export function webhookSigner(secret: string): Webhook {
  try {
    return new Webhook(secret);
  } catch {
    return new Webhook(secret, { format: 'raw' });
  }
}

/** `v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<body>` (https://www.standardwebhooks.com/), by the library. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return webhookSigner(secret).sign(id, new Date(timestamp * 1000), body);
}

/**
 * Checks a notice webhook as a receiver does, with the library: the `webhook-signature` header (one or more
 * space-separated `v1,<base64>` entries) must match, and `webhook-timestamp` must lie within 5 minutes of now
 * (a replayed old request fails).
 */
export function verifyWebhookSignature(input: { secret: string; id: string; timestamp: string | number; body: string; signature: string }): boolean {
  try {
    webhookSigner(input.secret).verify(input.body, { 'webhook-id': input.id, 'webhook-timestamp': String(input.timestamp), 'webhook-signature': input.signature }, { jsonParse: false });
    return true;
  } catch {
    return false;
  }
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
  const signer = settings ? webhookSigner(settings.secret) : undefined;

  return async function postWebhook(notice: Notice, rendered: RenderedNotice): Promise<NoticeReceipt> {
    const deliveryId = channelDeliveryId(notice, 'webhook');
    if (!settings || !signer) {
      logger.debug({ deliveryId }, 'no webhook configured: notice not posted');
      return receipt('webhook', deliveryId, false, [], 'no webhook configured (WEBHOOK_URL)');
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
      ...(notice.deadline ? { deadline: notice.deadline } : {}),
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
          'webhook-signature': signer.sign(deliveryId, new Date(timestamp * 1000), body),
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
    const answer = withoutAddresses((await response.text().catch(() => '')).slice(0, 200));
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
