import type { OutboundSms, SendOutcome, SmsGateway } from '../sms-gateway.ts';
import { isTransientStatus, postForm } from '../sms-gateway.ts';

export interface ElksOptions {
  /** The API username and password (basic auth). */
  username: string;
  password: string;
  /** Default `https://api.46elks.com`. */
  baseUrl?: string | undefined;
  timeoutMs?: number | undefined;
  /** `dryrun=yes`: 46elks checks the request but sends nothing. */
  dryRun?: boolean | undefined;
  fetch?: typeof fetch;
}

/**
 * 46elks (`POST /a1/sms`, form-encoded `from`, `to`, `message`,
 * `whendelivered`; basic auth). Like Twilio it has no idempotency key, so
 * it cannot answer `findSent`.
 *
 * @example
 * const elks = createElksGateway({ username: 'u…', password: '…' });
 */
export function createElksGateway(options: ElksOptions): SmsGateway {
  const base = (options.baseUrl ?? 'https://api.46elks.com').replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;
  const credentials = { username: options.username, password: options.password };
  return {
    name: '46elks',
    async send(sms: OutboundSms): Promise<SendOutcome> {
      const form = new URLSearchParams({ from: sms.from, to: sms.to, message: sms.body });
      if (sms.statusCallbackUrl) form.set('whendelivered', sms.statusCallbackUrl);
      if (options.dryRun) form.set('dryrun', 'yes');
      const response = await postForm(doFetch, `${base}/a1/sms`, credentials, form, options.timeoutMs ?? 10_000);
      if (!(response instanceof Response)) return response;
      const text = await response.text().catch(() => '');
      if (response.ok) {
        try {
          const body = JSON.parse(text) as { id?: string; status?: string; parts?: number };
          if (body.id) return { ok: true, gatewayId: body.id, result: `46elks: ${body.status ?? 'created'}${body.parts ? `, ${body.parts} part(s)` : ''}` };
        } catch {
          // fall through: a 2xx without an id is not a send we can track
        }
        return { ok: false, transient: true, error: '46elks answered without a message id' };
      }
      // 46elks explains a refusal in a short plain-text body, e.g. "Invalid to number".
      return { ok: false, transient: isTransientStatus(response.status), error: `46elks HTTP ${response.status}: ${text.slice(0, 200)}`.trim() };
    },
  };
}
