import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Notice, NoticeReceipt } from '../../src/domain/notices/notice';
import type { Logger } from '../../src/logger';
import { DEFAULT_NOTICE_FROM } from '../../src/config/config';
import { withStoredFacts } from '../../src/audit/stored-texts';
import { documentStoreOf, type DocumentDeps } from '../case-documents';
import { createEmailSender } from './email';
import { createLetterPrinter } from './letter';
import { writeToOutbox, type OutboxNotice } from './outbox';
import { defaultTemplatesDir, renderNotice } from './templates';
import { createWebhookPoster, type WebhookSettings } from './webhook';

export type { OutboxNotice } from './outbox';
export type { WebhookSettings } from './webhook';
export { signWebhook, verifyWebhookSignature, webhookSigner } from './webhook';

/** How notices leave the service. Every field has a default that makes the embedded run work untouched. */
export interface NoticeSettings {
  /** The From header of notice emails. Default `Case deadlines <no-reply@case-deadlines.local>`. */
  readonly from?: string | undefined;
  /** `smtp://` or `smtps://` URL. Unset: emails are written to the outbox folder instead. */
  readonly smtpUrl?: string | undefined;
  readonly smtpTimeoutMs?: number | undefined;
  /** The HR system's webhook. Unset: no webhook is posted (receipts with no destination). */
  readonly webhook?: WebhookSettings | undefined;
  /** Where printed letters go (the service sets `<DATA_DIR>/letters`). Default: `letters/` in the outbox folder. */
  readonly lettersDir?: string | undefined;
  /** Default: `templates/` at the package root. */
  readonly templatesDir?: string | undefined;
  /** The service's public base URL (API_PUBLIC_URL): case links in notices are made absolute on it. */
  readonly publicUrl?: string | undefined;
}

export interface NoticeDeps {
  /** The embedded run's outbox: one JSON file per delivery instead of an SMTP server; also holds the SMTP ledger. */
  readonly outboxDir: string;
  readonly logger: Logger;
  readonly notices?: NoticeSettings | undefined;
}

export function createNoticeActivities(deps: NoticeDeps & DocumentDeps) {
  const documents = documentStoreOf(deps);
  const filled = (notice: Notice) => withStoredFacts(documents, notice);
  const settings = deps.notices ?? {};
  const templatesDir = settings.templatesDir ?? defaultTemplatesDir();
  const render = (notice: Notice) => renderNotice(templatesDir, notice, { publicUrl: settings.publicUrl });
  if (!existsSync(templatesDir)) {
    // Cases still run; each notice fails for good naming the missing template until the folder is deployed.
    deps.logger.error({ templatesDir }, 'notice templates folder not found: notices cannot be rendered (set NOTICE_TEMPLATES_DIR)');
  }
  const sendEmail = createEmailSender({
    outboxDir: deps.outboxDir,
    logger: deps.logger,
    settings: { from: settings.from ?? DEFAULT_NOTICE_FROM, smtpUrl: settings.smtpUrl, smtpTimeoutMs: settings.smtpTimeoutMs },
  });
  const postWebhook = createWebhookPoster({ logger: deps.logger, settings: settings.webhook });
  const printLetter = createLetterPrinter({
    lettersDir: settings.lettersDir ?? path.join(deps.outboxDir, 'letters'),
    logger: deps.logger,
  });

  return {
    /**
     * Writes the notice to the outbox. Activities run at least once; the file is created exclusively under its
     * delivery id, so a retried attempt finds it and sends nothing twice.
     */
    async deliverNotice(notice: OutboxNotice): Promise<{ deliveryId: string; duplicate: boolean }> {
      return writeToOutbox(deps.outboxDir, deps.logger, notice);
    },

    /**
     * Emails the rendered notice to every recipient with an address (one message, all of them in To), idempotent
     * per `<deliveryId>:email`. A permanent SMTP rejection or a template error fails non-retryably.
     */
    async sendNoticeEmail(notice: Notice): Promise<NoticeReceipt> {
      const full = await filled(notice);
      return sendEmail(full, await render(full));
    },

    /**
     * Posts the notice to the HR system's webhook, signed per Standard Webhooks, with `webhook-id`
     * `<deliveryId>:webhook`. 408, 429, 5xx and network errors are retried; another 4xx fails non-retryably.
     */
    async postNoticeWebhook(notice: Notice): Promise<NoticeReceipt> {
      const full = await filled(notice);
      return postWebhook(full, await render(full));
    },

    /** Prints the notice as a PDF letter for registered mail, once per `<deliveryId>:letter`. */
    async printNoticeLetter(notice: Notice): Promise<NoticeReceipt> {
      const full = await filled(notice);
      return printLetter(full, await render(full));
    },
  };
}
