import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNoticeActivities, verifyWebhookSignature } from '../../../activities/notices';
import { signWebhook } from '../../../activities/notices/webhook';
import { freePort } from '../../helpers/ports';
import { failureOf, grievanceNotice, silentLogger, tempDir } from './notice-fixtures';

/** The secret forms the configuration accepts: Standard Webhooks' own, a plain base64 string, a passphrase. */
const SECRETS = {
  whsec: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  base64: 'Yo9bT2Zk4nQp8sVw1xRc6mLh3jUa0eGiK7dF',
  passphrase: 'hr-webhook-secret-0123456789abcdef0123!',
} as const;
const SECRET = SECRETS.passphrase;

interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let baseUrl: string;
const requests: ReceivedRequest[] = [];
/** What the HR system answers next: status and headers; 204 when nothing is queued. */
const answers: { status: number; headers?: Record<string, string>; body?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? { status: 204 };
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  answers.length = 0;
});

async function postWith(url: string | undefined, notice = grievanceNotice('deadline-reminder'), secret: string = SECRET) {
  const { postNoticeWebhook } = createNoticeActivities({
    outboxDir: await tempDir('outbox'),
    logger: silentLogger,
    notices: url ? { webhook: { url, secret, timeoutMs: 2000 } } : {},
  });
  return postNoticeWebhook(notice);
}

describe('notice webhook to the HR system', () => {
  it('posts the rendered notice as JSON signed per Standard Webhooks under its delivery id', async () => {
    const notice = grievanceNotice('deadline-reminder');
    const before = Math.floor(Date.now() / 1000);

    const receipt = await postWith(`${baseUrl}/hooks/notices?token=abc`, notice);

    const deliveryId = `${notice.deliveryId}:webhook`;
    expect(receipt).toEqual({ channel: 'webhook', deliveryId, duplicate: false, destination: [`${baseUrl}/hooks/notices`] });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/hooks/notices?token=abc');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['webhook-id']).toBe(deliveryId);
    const timestamp = Number(request!.headers['webhook-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));

    const signed = { id: deliveryId, timestamp: String(timestamp), body: request!.body, signature: String(request!.headers['webhook-signature']) };
    expect(verifyWebhookSignature({ ...signed, secret: SECRET })).toBe(true);
    expect(verifyWebhookSignature({ ...signed, secret: 'another-secret-of-the-same-length-0123' })).toBe(false);
    expect(verifyWebhookSignature({ ...signed, secret: SECRET, body: request!.body.replace('G-2026-001', 'G-2026-002') })).toBe(false);
    expect(verifyWebhookSignature({ ...signed, secret: SECRET, id: `${notice.deliveryId}:email` })).toBe(false);

    const body = JSON.parse(request!.body);
    expect(body).toEqual({
      deliveryId,
      kind: 'deadline-reminder',
      caseType: 'grievance',
      caseId: 'G-2026-001',
      workflowId: 'grievance:G-2026-001',
      district: 'lakeview',
      subject: 'Reminder for Friday, October 23, 2026: level 1 written decision due (grievance G-2026-001)',
      text: expect.stringContaining('School days left: 3'),
      facts: notice.facts,
      sentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(body.text).toContain('October 17 to 18, 2026 (weekend)');
  });

  it.each(Object.entries(SECRETS))('signs so that the standardwebhooks library verifies the request with a %s secret as the HR system was given it', async (form, secret) => {
    await postWith(`${baseUrl}/hook`, grievanceNotice('decision'), secret);
    const [request] = requests;
    const headers = { 'webhook-id': String(request!.headers['webhook-id']), 'webhook-timestamp': String(request!.headers['webhook-timestamp']), 'webhook-signature': String(request!.headers['webhook-signature']) };
    // The receiver's stock library, reading the secret the way its README says: as given; a passphrase as raw bytes.
    const receiver = form === 'passphrase' ? new Webhook(secret, { format: 'raw' }) : new Webhook(secret);
    expect(receiver.verify(request!.body, headers)).toMatchObject({ deliveryId: headers['webhook-id'], kind: 'decision' });
    expect(() => receiver.verify(request!.body.replace('G-2026-001', 'G-2026-002'), headers)).toThrow(/signature/);
    expect(verifyWebhookSignature({ secret, id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], body: request!.body, signature: headers['webhook-signature'] })).toBe(true);
  });

  it('carries the deadline the notice is about, as the case clock counted it', async () => {
    const deadline = { label: 'appeal to level 2 due', rule: 'GRV-APPEAL-5', trigger: '2026-10-21', unit: 'school-day' as const, count: 5, due: '2026-10-28', dueAt: '2026-10-29T04:59:59.000Z', timeZone: 'America/Chicago', skipped: [{ from: '2026-10-24', to: '2026-10-25', reason: 'weekend' }] };
    await postWith(`${baseUrl}/hook`, grievanceNotice('decision', { deadline }));
    expect(JSON.parse(requests[0]!.body).deadline).toEqual(deadline);
  });

  it('sends the same webhook-id on every attempt, so the receiver can drop a repeat', async () => {
    const notice = grievanceNotice('decision');
    await postWith(`${baseUrl}/hook`, notice);
    await postWith(`${baseUrl}/hook`, notice);
    expect(requests.map((r) => r.headers['webhook-id'])).toEqual([`${notice.deliveryId}:webhook`, `${notice.deliveryId}:webhook`]);
  });

  it.each([503, 500, 502, 408, 429])('throws a retryable failure when the HR system answers %i', async (status) => {
    answers.push({ status, body: 'busy' });
    const failure = await failureOf(postWith(`${baseUrl}/hook`));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.type).toBe('WebhookUnavailable');
    expect(failure.message).toContain(String(status));
  });

  it('asks Temporal to wait as long as Retry-After says', async () => {
    answers.push({ status: 503, headers: { 'retry-after': '7' } });
    const failure = await failureOf(postWith(`${baseUrl}/hook`));
    expect(failure.nextRetryDelay).toBe(7000);
  });

  it.each([400, 401, 404, 410, 422])('fails for good, naming the status, when the HR system answers %i', async (status) => {
    answers.push({ status, body: '{"error":"unknown case"}' });
    const failure = await failureOf(postWith(`${baseUrl}/hook`));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('WebhookRejected');
    expect(failure.message).toContain(`status ${status}`);
    expect(failure.message).toContain('unknown case');
  });

  it('issue 15: an error body that echoes an address names none in the failure (the case history)', async () => {
    answers.push({ status: 422, body: '{"error":"no employee with email dana@example.org"}' });
    const failure = await failureOf(postWith(`${baseUrl}/hook`));
    expect(failure.message).toContain('no employee with email <address>');
    expect(failure.message).not.toContain('dana@example.org');
  });

  it('does not follow a redirect, which would drop the body, and fails for good', async () => {
    answers.push({ status: 301, headers: { location: '/elsewhere' } });
    const failure = await failureOf(postWith(`${baseUrl}/hook`));
    expect(failure.nonRetryable).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('throws a retryable failure when the HR system cannot be reached', async () => {
    const port = await freePort();
    const failure = await failureOf(postWith(`http://127.0.0.1:${port}/hook`));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('unreachable');
  });

  it('posts nothing and reports no destination, and why, when no webhook is configured', async () => {
    const notice = grievanceNotice('case-closed');
    expect(await postWith(undefined, notice)).toEqual({
      channel: 'webhook',
      deliveryId: `${notice.deliveryId}:webhook`,
      duplicate: false,
      destination: [],
      skipped: 'no webhook configured (WEBHOOK_URL)',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('webhook signatures (through the standardwebhooks library)', () => {
  // The published Standard Webhooks test vector: a receiver's stock library must accept what we send.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };
  // The library checks the timestamp against the clock: the tests set the clock, not wait on it.
  const at = (seconds: number) => vi.setSystemTime(seconds * 1000);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(vector.timestamp);
  });
  afterEach(() => vi.useRealTimers());

  it('reproduce the Standard Webhooks test vector with a whsec_ secret', () => {
    expect(signWebhook(vector.secret, vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
    expect(verifyWebhookSignature(vector)).toBe(true);
  });

  it('read a plain base64 secret as the library does by default, the same key as with whsec_ before it', () => {
    const plain = SECRETS.base64;
    const signature = signWebhook(plain, 'id-1', vector.timestamp, '{}');
    expect(signature).toBe(new Webhook(plain).sign('id-1', new Date(vector.timestamp * 1000), '{}'));
    expect(signature).toBe(signWebhook(`whsec_${plain}`, 'id-1', vector.timestamp, '{}'));
  });

  it('use a passphrase the library cannot read as base64 as raw bytes, as its raw format does', () => {
    expect(() => new Webhook(SECRETS.passphrase)).toThrow();
    expect(signWebhook(SECRETS.passphrase, 'id-1', vector.timestamp, '{}')).toBe(new Webhook(SECRETS.passphrase, { format: 'raw' }).sign('id-1', new Date(vector.timestamp * 1000), '{}'));
  });

  it('verify when any one of several space-separated signatures matches', () => {
    expect(verifyWebhookSignature({ ...vector, signature: `v1,bm9wZQ== ${vector.signature}` })).toBe(true);
    expect(verifyWebhookSignature({ ...vector, signature: 'v1,bm9wZQ== v1a,xyz' })).toBe(false);
    expect(verifyWebhookSignature({ ...vector, signature: '' })).toBe(false);
  });

  it('refuse a request whose timestamp is more than 5 minutes from the receiver clock', () => {
    at(vector.timestamp + 299);
    expect(verifyWebhookSignature(vector)).toBe(true);
    at(vector.timestamp + 301);
    expect(verifyWebhookSignature(vector)).toBe(false);
    at(vector.timestamp - 301);
    expect(verifyWebhookSignature(vector)).toBe(false);
  });

  it('refuse a signature for another timestamp or a timestamp that is not a number', () => {
    expect(verifyWebhookSignature({ ...vector, timestamp: vector.timestamp + 1 })).toBe(false);
    expect(verifyWebhookSignature({ ...vector, timestamp: 'soon' })).toBe(false);
  });
});
