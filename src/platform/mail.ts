import nodemailer, { type Transporter } from 'nodemailer';

/**
 * Mail transports. Capabilities never send directly: they queue a message in the outbox
 * (src/platform/outbox.ts) within their transaction, and the outbox job sends it through one of
 * these. With SMTP_URL set, messages go through that server; without it they are written to the
 * log so that a developer can follow links on a machine without a mail server.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Fixed per outbox message, so a receiving server can recognise a repeat. */
  messageId?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/** A file sent with a message (e.g. an .ics calendar file); the outbox limits their size. */
export interface MailAttachment {
  filename: string;
  /** The full MIME type with its parameters, e.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
  content: Buffer;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send({ attachments, ...message }) {
      await transport.sendMail({
        from, ...message,
        // Base64 carries the bytes exactly (a calendar file's CRLF line ends included) and is
        // what every client expects of a file; a plain `attachment` disposition, so that every
        // client lists it as a file to open (see outbox.ts for why not nodemailer's icalEvent).
        attachments: attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, contentTransferEncoding: 'base64' as const, contentDisposition: 'attachment' as const })),
      });
    },
  };
}

/** Without SMTP: one line per message with its links (verification, reset), so a developer can follow them, and its attachments by name. */
export function logMailer(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Mailer {
  return {
    async send(message) {
      const links = (message.text.match(/https?:\/\/\S+/g) ?? []).filter((url) => !url.includes('/afmelden?'));
      const files = (message.attachments ?? []).map((a) => `       attachment: ${a.filename} (${a.contentType.split(';')[0]}, ${a.content.length} bytes)`);
      write([`[mail] to ${message.to}: ${message.subject}`, ...links.map((url) => `       ${url}`), ...files].join('\n'));
    },
  };
}

/** For tests: keeps every message. */
export function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, async send(message) { sent.push(message); } };
}
