import type { SmsGatewayName } from '../../../sdk/schemas/messaging.ts';

/** One SMS to hand to a gateway. */
export interface OutboundSms {
  to: string;
  from: string;
  body: string;
  /** Our message id: the gateway's idempotency key where it has one, and carried in its callback URLs. */
  messageId: string;
  /** Where the gateway should post delivery reports for this message. */
  statusCallbackUrl?: string | undefined;
}

/**
 * What a send attempt came to. `transient` failures (timeouts, 429, 5xx) are
 * retried with back-off; `permanent` ones (a rejected number) fail at once.
 */
export type SendOutcome =
  | { ok: true; gatewayId: string; result: string }
  | { ok: false; transient: boolean; error: string };

/** A delivery report as every gateway's webhook is reduced to. */
export interface DeliveryReport {
  gatewayId: string;
  /** Our message id, when the callback URL carried it. */
  messageId?: string | undefined;
  status: 'sent' | 'delivered' | 'failed';
  error?: string | undefined;
  at?: Date | undefined;
}

/** An inbound SMS (a reply, S14). */
export interface InboundSms {
  gatewayId: string;
  from: string;
  to: string;
  body: string;
}

/**
 * An SMS gateway: sends, and — for those that support it — answers whether
 * a message with our id was accepted before, so a worker that crashed
 * between sending and recording never sends twice. Webhooks (delivery
 * reports, replies) are parsed by each gateway's `webhooks.ts`.
 *
 * @example
 * const outcome = await gateway.send({ to: '+4791234567', from: 'Clinic', body: 'Hei!', messageId });
 */
export interface SmsGateway {
  readonly name: SmsGatewayName;
  send(sms: OutboundSms): Promise<SendOutcome>;
  /** The gateway id of a message sent earlier with this `messageId`, or null; absent when the gateway cannot tell. */
  findSent?(messageId: string): Promise<string | null>;
}

/** Turns a fetch failure into an outcome: timeouts and network errors are transient. */
export function networkFailure(error: unknown): SendOutcome {
  const name = (error as { name?: string })?.name;
  const text = name === 'TimeoutError' || name === 'AbortError' ? 'Timed out waiting for the gateway' : `Network error: ${error instanceof Error ? error.message : String(error)}`;
  return { ok: false, transient: true, error: text };
}

/** 408, 425, 429 and 5xx are worth retrying; other 4xx are the gateway refusing the message. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * POSTs a form with basic auth and a timeout, as both Twilio and 46elks
 * take it: the response, or the transient outcome of a timeout or network
 * failure.
 *
 * @example
 * const answer = await postForm(fetch, url, { username: sid, password: token }, form, 10_000);
 * if (!(answer instanceof Response)) return answer;
 */
export async function postForm(doFetch: typeof fetch, url: string, credentials: { username: string; password: string }, form: URLSearchParams, timeoutMs: number): Promise<Response | SendOutcome> {
  try {
    return await doFetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return networkFailure(error);
  }
}
