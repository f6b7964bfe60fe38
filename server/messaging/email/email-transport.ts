import { createTransport } from 'nodemailer';

/** One e-mail to hand to a transport. */
export interface OutboundEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Our message id, used for the Message-ID header so a resend can be recognised. */
  messageId: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string } | undefined;
}

export type EmailOutcome = { ok: true; id: string; result: string } | { ok: false; transient: boolean; error: string };

/**
 * Sends e-mail. SMTP in production; an in-memory or console sink for tests
 * and demos.
 *
 * @example
 * const outcome = await transport.send({ from, to, subject, text, html, messageId });
 */
export interface EmailTransport {
  readonly name: string;
  send(email: OutboundEmail): Promise<EmailOutcome>;
}

/**
 * SMTP through nodemailer, e.g. `smtp://user:pass@smtp.example.com:587`.
 * The confirmation's calendar goes as an `.ics` attachment (method
 * REQUEST or CANCEL). 4xx SMTP answers and connection failures are
 * transient; 5xx answers (a refused address) are permanent.
 *
 * @example
 * const smtp = createSmtpTransport({ url: process.env.SMTP_URL! });
 */
export function createSmtpTransport(options: { url: string; timeoutMs?: number | undefined; tls?: { rejectUnauthorized?: boolean } | undefined }): EmailTransport & { close(): void } {
  const timeout = options.timeoutMs ?? 15_000;
  const transporter = createTransport(options.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.tls ? { tls: options.tls } : {}),
  } as never);
  return {
    name: 'smtp',
    async send(email) {
      try {
        const info = await transporter.sendMail({
          from: email.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: `<${email.messageId}@opus-booking>`,
          attachments: email.calendar
            ? [{ filename: email.calendar.method === 'CANCEL' ? 'cancelled.ics' : 'appointment.ics', content: email.calendar.content, contentType: `text/calendar; charset=utf-8; method=${email.calendar.method}` }]
            : [],
        });
        return { ok: true, id: info.messageId, result: `SMTP: ${String(info.response ?? 'accepted').slice(0, 120)}` };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, transient: code === undefined || code < 500, error: `SMTP${code ? ` ${code}` : ''}: ${message.slice(0, 200)}` };
      }
    },
    close: () => transporter.close(),
  };
}

/** An e-mail sink in memory (tests) that can log a line per message without address or text (demo). */
export function createMemoryEmailTransport(log?: (line: string) => void): EmailTransport & { sent: OutboundEmail[] } {
  const sent: OutboundEmail[] = [];
  return {
    name: 'memory',
    sent,
    async send(email) {
      sent.push(email);
      log?.(`[email] message ${email.messageId} kept in the local sink${email.calendar ? ' with a calendar attachment' : ''}`);
      return { ok: true, id: email.messageId, result: 'Kept in the local sink' };
    },
  };
}
