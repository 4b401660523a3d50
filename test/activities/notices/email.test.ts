import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeActivities, type NoticeSettings } from '../../../activities/notices';
import { messageIdFor } from '../../../activities/notices/email';
import { freePort } from '../../helpers/ports';
import { failureOf, grievanceNotice, silentLogger, tempDir } from './notice-fixtures';
import { startSmtpSink } from './smtp-sink';

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let outboxDir: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.refuse.clear();
  outboxDir = await tempDir('outbox');
});

function activities(settings: NoticeSettings = { smtpUrl: smtp.url, from: 'Lakeview HR <hr@lakeview.example>' }) {
  return createNoticeActivities({ outboxDir, logger: silentLogger, notices: settings });
}

describe('notice email over SMTP', () => {
  it('sends one message to every recipient with an address, with the template filled in and the delivery id as Message-ID', async () => {
    const notice = grievanceNotice('filing-receipt');

    const receipt = await activities().sendNoticeEmail(notice);

    const deliveryId = `${notice.deliveryId}:email`;
    expect(receipt).toEqual({ channel: 'email', deliveryId, duplicate: false, destination: ['dana@example.org', 'sam@example.org'] });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.mailFrom).toBe('hr@lakeview.example');
    expect(message!.rcptTo).toEqual(['dana@example.org', 'sam@example.org']);
    expect(message!.headers.get('to')).toBe('Dana Reyes <dana@example.org>, Sam Ortiz <sam@example.org>');
    expect(message!.headers.get('from')).toBe('Lakeview HR <hr@lakeview.example>');
    expect(message!.headers.get('subject')).toBe('Grievance G-2026-001 received');
    expect(message!.headers.get('message-id')).toBe('<grievance%3AG-2026-001%3A1%3Afiling-receipt%3A2026-10-20%3Aemail@case-deadlines>');
    expect(message!.headers.get('message-id')).toBe(messageIdFor(deliveryId));
    expect(message!.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    expect(message!.body).toContain('Grievance G-2026-001 was received on Friday, October 9, 2026.');
    expect(message!.body).toContain('No post-observation conference after the 2026-10-02 observation.');
    expect(message!.body).toContain('Case record: https://cases.example/v1/grievances/G-2026-001');
    expect(message!.body).not.toContain('{{');
    // The HTML part says the same: labels in bold, the case link clickable.
    expect(message!.html).toContain('<p style="margin:0 0 1em">Grievance G-2026-001 was received on Friday, October 9, 2026.</p>');
    expect(message!.html).toContain('<strong>Filed by:</strong> Human Resources');
    expect(message!.html).toContain('<a href="https://cases.example/v1/grievances/G-2026-001">https://cases.example/v1/grievances/G-2026-001</a>');
  });

  it('links the case absolutely on API_PUBLIC_URL when the notice recorded its path', async () => {
    const notice = grievanceNotice('decision');
    await activities({ smtpUrl: smtp.url, publicUrl: 'https://hr.lakeview.example/cases/' }).sendNoticeEmail({ ...notice, facts: { ...notice.facts, caseUrl: '/v1/grievances/G-2026-001' } });
    expect(smtp.received[0]!.body).toContain('Case record: https://hr.lakeview.example/cases/v1/grievances/G-2026-001');
  });

  it('sends nothing again for a delivery id it already sent, even from a new worker on the same host', async () => {
    const notice = grievanceNotice('decision');
    const first = await activities().sendNoticeEmail(notice);

    const retried = await activities().sendNoticeEmail(notice);
    const again = await activities().sendNoticeEmail(notice);

    expect(smtp.received).toHaveLength(1);
    expect(first.duplicate).toBe(false);
    expect(retried).toEqual({ ...first, duplicate: true });
    expect(again.duplicate).toBe(true);
    // Another occasion of the same case is another delivery.
    await activities().sendNoticeEmail({ ...notice, deliveryId: `${notice.deliveryId}:remind-2` });
    expect(smtp.received).toHaveLength(2);
  });

  it('sends nothing and reports no destination when no recipient has an email address', async () => {
    const notice = grievanceNotice('deadline-reminder', {
      recipients: [{ name: 'Pat Lee', role: 'representative', audience: 'grievant-side', postalAddress: ['PO Box 9'] }],
    });

    const receipt = await activities().sendNoticeEmail(notice);

    expect(receipt).toEqual({ channel: 'email', deliveryId: `${notice.deliveryId}:email`, duplicate: false, destination: [], skipped: 'no recipient has an email address' });
    expect(smtp.received).toHaveLength(0);
  });

  it('fails for good, saying so, when the server rejects every recipient permanently (550)', async () => {
    smtp.refuse.set('dana@example.org', 550).set('sam@example.org', 550);

    const failure = await failureOf(activities().sendNoticeEmail(grievanceNotice('case-closed')));

    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('SmtpRejected');
    expect(failure.message).toMatch(/rejected .* permanently \(550\)/);
    expect(smtp.received).toHaveLength(0);
  });

  it('issue 15: a refusal that echoes the addresses names none of them in the failure (the case history) or the log', async () => {
    // The test server's reply names the mailbox ("mailbox dana@example.org refused by test"), as real servers do.
    smtp.refuse.set('dana@example.org', 550).set('sam@example.org', 451);
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });

    const failure = await failureOf(createNoticeActivities({ outboxDir, logger, notices: { smtpUrl: smtp.url, from: 'hr@lakeview.example' } }).sendNoticeEmail(grievanceNotice('case-closed')));

    expect(failure.message).toMatch(/mailbox <address> refused by test/);
    expect(failure.cause).toBeUndefined();
    const told = [failure.message, failure.stack ?? '', ...lines].join('\n');
    expect(told).not.toMatch(/dana@example\.org|sam@example\.org/);
    expect(lines.map((line) => JSON.parse(line) as { msg: string; deliveryId?: string })).toContainEqual(expect.objectContaining({ msg: 'notice email not sent', deliveryId: expect.any(String) }));
  });

  it('delivers to the accepted recipients and leaves out the refused one', async () => {
    smtp.refuse.set('sam@example.org', 550);

    const receipt = await activities().sendNoticeEmail(grievanceNotice('action-recorded'));

    expect(receipt.destination).toEqual(['dana@example.org']);
    expect(smtp.received[0]!.rcptTo).toEqual(['dana@example.org']);
  });

  it('throws a retryable failure on a transient rejection (451), and the retry delivers once', async () => {
    smtp.refuse.set('dana@example.org', 451).set('sam@example.org', 451);
    const notice = grievanceNotice('deadline-missed');

    const failure = await failureOf(activities().sendNoticeEmail(notice));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.type).toBe('SmtpUnavailable');
    expect(smtp.received).toHaveLength(0);

    smtp.refuse.clear();
    const retried = await activities().sendNoticeEmail(notice);
    expect(retried.duplicate).toBe(false);
    expect(smtp.received).toHaveLength(1);
  });

  it('throws a retryable failure when the SMTP server cannot be reached', async () => {
    const port = await freePort();
    const failure = await failureOf(activities({ smtpUrl: `smtp://127.0.0.1:${port}` }).sendNoticeEmail(grievanceNotice()));
    expect(failure.nonRetryable).toBe(false);
  });

  it('keeps retrying when the SMTP login fails, so a corrected password delivers the notice', async () => {
    const guarded = new SMTPServer({
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')),
    });
    await new Promise<void>((resolve) => guarded.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = guarded.server.address() as AddressInfo;
      const failure = await failureOf(activities({ smtpUrl: `smtp://notices:wrong@127.0.0.1:${port}` }).sendNoticeEmail(grievanceNotice()));
      expect(failure.nonRetryable).toBe(false);
      expect(failure.message).toContain('Invalid username or password');
    } finally {
      await new Promise<void>((resolve) => guarded.close(resolve));
    }
  });

  it('fails non-retryably before sending anything when the template has a placeholder without a fact', async () => {
    const templatesDir = await tempDir('templates');
    await mkdir(path.join(templatesDir, 'grievance'));
    await writeFile(path.join(templatesDir, 'grievance', 'decision.txt'), 'Subject: {{caseId}}\n\nAppeal by {{appealDeadline}}.\n');

    const failure = await failureOf(
      activities({ smtpUrl: smtp.url, templatesDir }).sendNoticeEmail(grievanceNotice('decision')),
    );

    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('{{appealDeadline}}');
    expect(failure.message).toContain('grievance/decision');
    expect(smtp.received).toHaveLength(0);
  });
});

describe('notice email without SMTP (the embedded run)', () => {
  it('writes one outbox file per delivery id, and a retry writes nothing twice', async () => {
    const notice = grievanceNotice('filing-receipt');
    const outbox = activities({});

    const first = await outbox.sendNoticeEmail(notice);
    const retried = await outbox.sendNoticeEmail(notice);

    const deliveryId = `${notice.deliveryId}:email`;
    expect(first).toEqual({ channel: 'email', deliveryId, duplicate: false, destination: ['dana@example.org', 'sam@example.org'] });
    expect(retried.duplicate).toBe(true);
    expect(await readdir(outboxDir)).toEqual([`${encodeURIComponent(deliveryId)}.json`]);
    const written = JSON.parse(await readFile(path.join(outboxDir, `${encodeURIComponent(deliveryId)}.json`), 'utf8'));
    expect(written).toMatchObject({
      deliveryId,
      caseId: 'G-2026-001',
      to: ['dana@example.org', 'sam@example.org'],
      subject: 'Grievance G-2026-001 received',
      from: 'Case deadlines <no-reply@case-deadlines.local>',
      messageId: messageIdFor(deliveryId),
    });
    expect(written.body).toContain('No post-observation conference');
    expect(written.html).toContain('No post-observation conference');
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps the outbox file of the workflow deliverNotice activity as it was', async () => {
    const { deliverNotice } = activities({});
    const notice = { deliveryId: 'grievance:G-1:filing-receipt', caseId: 'G-1', to: ['dana@example.org'], subject: 'S', body: 'B' };

    expect(await deliverNotice(notice)).toEqual({ deliveryId: notice.deliveryId, duplicate: false });
    expect(await deliverNotice(notice)).toEqual({ deliveryId: notice.deliveryId, duplicate: true });

    expect(await readdir(outboxDir)).toEqual(['grievance%3AG-1%3Afiling-receipt.json']);
    const written = JSON.parse(await readFile(path.join(outboxDir, 'grievance%3AG-1%3Afiling-receipt.json'), 'utf8'));
    expect(written).toEqual({ ...notice, writtenAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  });
});

describe('the Message-ID of a delivery', () => {
  it.each([
    ['grievance:G-1:1:decision', '<grievance%3AG-1%3A1%3Adecision@case-deadlines>'],
    ['a (b).c', '<a%20%28b%29%2Ec@case-deadlines>'],
    ['é', '<%C3%A9@case-deadlines>'],
  ])('of %j is %s', (id, expected) => {
    expect(messageIdFor(id)).toBe(expected);
  });
});
