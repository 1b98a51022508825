import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../server/postgres.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw RFC 5322 message as received. */
  raw: string;
}

/** A real SMTP server on a free port that keeps what it receives (no TLS, no sign-in: a test inbox). */
export async function startInbox() {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        waiters.splice(0).forEach((w) => w());
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    mails,
    /** Resolves when `count` mails have arrived (or rejects after `ms`). */
    async waitFor(count: number, ms = 15_000): Promise<ReceivedMail[]> {
      const deadline = Date.now() + ms;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} e-mails, got ${mails.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether the x-touchpoint-signature matched an HMAC-SHA256 computed here with the secret. */
  signatureValid: boolean;
  answered: number;
}

/**
 * A webhook receiver on a free port that checks each signature against `secret()` and answers with
 * the next status of `statuses` (then 200).
 */
export async function startHookReceiver(secret: () => string, statuses: number[] = []) {
  const received: ReceivedHook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-touchpoint-timestamp'] ?? '');
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret()).update(`${timestamp}.${body}`).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-touchpoint-signature'] ?? ''));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      const answered = statuses.shift() ?? 200;
      received.push({ at: Date.now(), headers: req.headers, body, signatureValid, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/touchpoint`,
    received,
    async waitFor(count: number, ms = 15_000): Promise<ReceivedHook[]> {
      const deadline = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} webhook calls, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes a quoted-printable part of a raw e-mail (enough for the tests' text checks). */
export function decodeQuotedPrintable(s: string): string {
  return Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}
