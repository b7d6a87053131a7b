import { SMTPServer } from 'smtp-server';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server on loopback for tests: point SMTP_URL (or `smtpMailer`) at `url` and check
 * the messages as they arrived, raw and parsed by mailparser (subject, to, text, html,
 * attachments). A message is in `received` before the server accepts it, so once the sender's
 * send (or a job runner's drain) has finished, it is there.
 */
export interface ReceivedMail {
  /** The message exactly as it came over the wire (after the SMTP dot-unstuffing). */
  raw: Buffer;
  parsed: ParsedMail;
  /** The SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string | null; to: string[] };
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Refuse the next `count` messages with a temporary error (451). */
  fail(count: number): void;
  /** The messages whose envelope goes to this address. */
  to(address: string): ReceivedMail[];
  /** Wait until at least `count` messages arrived (for mail sent by a server's own job runner). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiting = new Set<() => void>();
  let failNext = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (failNext > 0) {
          failNext--;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        try {
          const raw = Buffer.concat(chunks);
          const { mailFrom, rcptTo } = session.envelope;
          received.push({ raw, parsed: await simpleParser(raw), envelope: { from: mailFrom ? mailFrom.address : null, to: rcptTo.map((r) => r.address) } });
          for (const wake of waiting) wake();
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    fail(count) { failNext = count; },
    to(address) { return received.filter((m) => m.envelope.to.some((to) => to.toLowerCase() === address.toLowerCase())); },
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiting.delete(wake);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiting.delete(wake);
          reject(new Error(`Expected ${count} mail message(s) within ${timeoutMs} ms, got ${received.length}`));
        }, timeoutMs);
        waiting.add(wake);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The one attachment with this file name; fails the test with the names there are when it is missing. */
export function attachmentNamed(mail: ReceivedMail, filename: string): Attachment {
  const found = mail.parsed.attachments.filter((a) => a.filename === filename);
  if (found.length !== 1) throw new Error(`Expected one attachment "${filename}", found: ${mail.parsed.attachments.map((a) => a.filename ?? '(no name)').join(', ') || 'none'}`);
  return found[0]!;
}

/** The addresses in the parsed To header. */
export function toAddresses(mail: ReceivedMail): string[] {
  const to = mail.parsed.to;
  return (Array.isArray(to) ? to : to ? [to] : []).flatMap((group) => group.value.map((a) => a.address ?? ''));
}
