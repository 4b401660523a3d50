import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import nodemailer from 'nodemailer';
import type { Notice, NoticeReceipt } from '../../src/domain/notices/notice';
import type { Logger } from '../../src/logger';
import { channelDeliveryId, createExclusive, deliveryFileName, receipt, withoutAddresses } from './delivery';
import { writeToOutbox } from './outbox';
import { noticeHtml } from './notice-html';
import type { RenderedNotice } from './render-template';

export interface EmailSettings {
  /** The From header, e.g. `Case deadlines <no-reply@district.example>`. */
  readonly from: string;
  /** `smtp://` or `smtps://` URL (credentials in the userinfo). Unset: the outbox folder instead of SMTP. */
  readonly smtpUrl?: string | undefined;
  /** Connection, greeting and socket timeouts of the SMTP session. */
  readonly smtpTimeoutMs?: number | undefined;
}

/**
 * The Message-ID of a delivery, derived from its id alone: every attempt sends the same Message-ID, so a receiver
 * that de-duplicates on it honours the idempotency key. Percent-encoded, with the characters a msg-id may not hold
 * (parentheses; dots, which may not repeat) encoded too.
 */
export function messageIdFor(deliveryId: string): string {
  const local = encodeURIComponent(deliveryId).replace(/[().!'*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `<${local}@case-deadlines>`;
}

/** The SMTP error fields nodemailer sets (`permanent`: the reply class says the message was refused for good). */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

/**
 * A permanent rejection of the message (5xx but 503) fails for good; everything else (4xx, connection and
 * timeout errors, and failed logins, which an operator fixes while Temporal keeps retrying) is retried.
 */
function smtpFailure(deliveryId: string, error: unknown): ApplicationFailure {
  const e = error as SmtpError;
  const reply = withoutAddresses(e.response ?? e.message ?? String(error));
  const isLogin = e.code === 'EAUTH' || e.code === 'ENOAUTH';
  const permanent = !isLogin && (e.permanent ?? (e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode !== 503));
  // The failure goes into the case's history and the logs: the server's reply without the addresses it may echo
  // ("550 <dana@example.org>: mailbox unknown"), and not the error itself (whose message and stack hold them too).
  return ApplicationFailure.create({
    message: permanent
      ? `SMTP server rejected notice email ${deliveryId} permanently (${e.responseCode ?? 'no code'}): ${reply}`
      : `SMTP delivery of notice email ${deliveryId} failed, will retry: ${reply}`,
    type: permanent ? 'SmtpRejected' : 'SmtpUnavailable',
    nonRetryable: permanent,
  });
}

interface SentRecord {
  readonly messageId: string;
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
  readonly sentAt: string;
}

/**
 * Email: one message to every recipient with an email address, over SMTP when configured, otherwise into the
 * outbox folder (the embedded run). On SMTP, a ledger file per delivery id (`<outbox>/sent/`) written after the
 * server accepted the message keeps a retried activity on this host from sending again, and the deterministic
 * Message-ID lets the receiving side drop a copy sent by an attempt that died between sending and writing the ledger.
 */
export function createEmailSender(options: { outboxDir: string; logger: Logger; settings: EmailSettings }) {
  const { outboxDir, logger, settings } = options;
  const timeout = settings.smtpTimeoutMs ?? 20_000;
  const transport = settings.smtpUrl
    ? nodemailer.createTransport({
        url: settings.smtpUrl,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      })
    : undefined;
  const ledgerFile = (deliveryId: string) => path.join(outboxDir, 'sent', deliveryFileName(deliveryId, '.json'));

  async function alreadySent(deliveryId: string): Promise<SentRecord | undefined> {
    try {
      return JSON.parse(await readFile(ledgerFile(deliveryId), 'utf8')) as SentRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  return async function sendEmail(notice: Notice, rendered: RenderedNotice): Promise<NoticeReceipt> {
    const deliveryId = channelDeliveryId(notice, 'email');
    const to = notice.recipients.flatMap((r) => (r.email ? [{ name: r.name, address: r.email }] : []));
    const addresses = [...new Set(to.map((r) => r.address))];
    if (addresses.length === 0) {
      logger.debug({ deliveryId, caseId: notice.caseId }, 'notice has no recipient with an email address');
      return receipt('email', deliveryId, false, [], 'no recipient has an email address');
    }
    const messageId = messageIdFor(deliveryId);
    // Plain text and HTML say the same: the HTML part is made from the rendered text.
    const html = noticeHtml(rendered);

    if (!transport) {
      const written = await writeToOutbox(outboxDir, logger, {
        deliveryId,
        caseId: notice.caseId,
        to: addresses,
        subject: rendered.subject,
        body: rendered.text,
        html,
        from: settings.from,
        messageId,
        kind: notice.kind,
        workflowId: notice.workflowId,
      });
      return receipt('email', deliveryId, written.duplicate, addresses);
    }

    const earlier = await alreadySent(deliveryId);
    if (earlier) {
      logger.info({ deliveryId, messageId }, 'notice email already sent: not sending again');
      return receipt('email', deliveryId, true, earlier.accepted);
    }
    let info;
    try {
      info = await transport.sendMail({
        from: settings.from,
        to,
        subject: rendered.subject,
        text: rendered.text,
        html,
        messageId,
        headers: { 'X-Delivery-Id': deliveryId },
      });
    } catch (error) {
      const failure = smtpFailure(deliveryId, error);
      // Issue 15: the log names no address (the failure's message has them taken out).
      logger.warn({ deliveryId, code: (error as SmtpError).code, responseCode: (error as SmtpError).responseCode, nonRetryable: failure.nonRetryable, reason: failure.message }, 'notice email not sent');
      throw failure;
    }
    const record: SentRecord = {
      messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      sentAt: new Date().toISOString(),
    };
    await createExclusive(ledgerFile(deliveryId), JSON.stringify(record, null, 2));
    // Issue 15: the log counts recipients, never names their addresses.
    if (record.rejected.length > 0) logger.warn({ deliveryId, rejected: record.rejected.length }, 'SMTP server refused some recipients');
    logger.info({ deliveryId, caseId: notice.caseId, messageId, recipients: record.accepted.length }, 'notice email sent');
    return receipt('email', deliveryId, false, record.accepted);
  };
}
