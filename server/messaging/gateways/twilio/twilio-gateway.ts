import type { OutboundSms, SendOutcome, SmsGateway } from '../sms-gateway.ts';
import { isTransientStatus, postForm } from '../sms-gateway.ts';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** Send through a Messaging Service instead of a `From` number or sender id. */
  messagingServiceSid?: string | undefined;
  /** Default `https://api.twilio.com`. */
  baseUrl?: string | undefined;
  timeoutMs?: number | undefined;
  fetch?: typeof fetch;
}

/**
 * Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded, basic auth with the account SID and auth token). Twilio has
 * no idempotency key for sending, so this gateway cannot answer `findSent`:
 * the worker never resends a message whose first attempt has no known
 * outcome, and the delivery report (whose URL carries our id) settles it.
 *
 * @example
 * const twilio = createTwilioGateway({ accountSid: 'AC…', authToken: '…' });
 */
export function createTwilioGateway(options: TwilioOptions): SmsGateway {
  const base = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;
  const credentials = { username: options.accountSid, password: options.authToken };
  return {
    name: 'twilio',
    async send(sms: OutboundSms): Promise<SendOutcome> {
      const form = new URLSearchParams({ To: sms.to, Body: sms.body });
      if (options.messagingServiceSid) form.set('MessagingServiceSid', options.messagingServiceSid);
      else form.set('From', sms.from);
      if (sms.statusCallbackUrl) form.set('StatusCallback', sms.statusCallbackUrl);
      const response = await postForm(doFetch, `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`, credentials, form, options.timeoutMs ?? 10_000);
      if (!(response instanceof Response)) return response;
      const body = (await response.json().catch(() => ({}))) as { sid?: string; status?: string; code?: number; message?: string };
      if (response.ok && body.sid) return { ok: true, gatewayId: body.sid, result: `Twilio: ${body.status ?? 'accepted'}` };
      const detail = body.code ? `Twilio error ${body.code}: ${body.message ?? ''}`.trim() : `Twilio HTTP ${response.status}`;
      return { ok: false, transient: isTransientStatus(response.status), error: detail };
    },
  };
}
