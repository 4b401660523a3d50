import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMessage {
  readonly mailFrom: string;
  readonly rcptTo: string[];
  readonly headers: Map<string, string>;
  /** The plain text: the body, or the text/plain part of a multipart/alternative message. */
  readonly body: string;
  /** The text/html part of a multipart/alternative message. */
  readonly html?: string | undefined;
}

/** Splits a raw RFC 5322 message into unfolded headers (lower-case names) and a body decoded per its encoding. */
export function parseMessage(raw: string): { headers: Map<string, string>; body: string; html?: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const field of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = field.indexOf(':');
    headers.set(field.slice(0, colon).trim().toLowerCase(), field.slice(colon + 1).trim());
  }
  const encoded = raw.slice(split + 4);
  const boundary = /^multipart\/alternative;.*boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    const parts = encoded
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) => parseMessage(part.replace(/^\r\n/, '')));
    const text = parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'));
    const html = parts.find((p) => p.headers.get('content-type')?.startsWith('text/html'));
    return { headers, body: text?.body ?? '', ...(html ? { html: html.body } : {}) };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(encoded, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            encoded.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : encoded;
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server, no TLS, no login) that keeps what it receives. Recipients whose
 * mailbox is in `refuse` are answered with that SMTP reply code.
 */
export async function startSmtpSink() {
  const received: ReceivedMessage[] = [];
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const code = refuse.get(address.address);
      if (code === undefined) return callback();
      return callback(Object.assign(new Error(`mailbox ${address.address} refused by test`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { headers, body, html } = parseMessage(Buffer.concat(chunks).toString('utf8'));
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          headers,
          body,
          html,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
