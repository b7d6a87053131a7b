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
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return { async send(message) { await transport.sendMail({ from, ...message }); } };
}

/** Without SMTP: one line per message with its links (verification, reset), so a developer can follow them. */
export function logMailer(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Mailer {
  return {
    async send(message) {
      const links = (message.text.match(/https?:\/\/\S+/g) ?? []).filter((url) => !url.includes('/afmelden?'));
      write([`[mail] to ${message.to}: ${message.subject}`, ...links.map((url) => `       ${url}`)].join('\n'));
    },
  };
}

/** For tests: keeps every message. */
export function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, async send(message) { sent.push(message); } };
}
