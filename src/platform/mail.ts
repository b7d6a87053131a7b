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

export function logMailer(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Mailer {
  return {
    async send(message) {
      write(`[mail] to ${message.to}: ${message.subject}\n${message.text}\n[/mail]`);
    },
  };
}

/** For tests: keeps every message. */
export function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, async send(message) { sent.push(message); } };
}
