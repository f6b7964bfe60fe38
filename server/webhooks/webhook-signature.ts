import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * A new signing secret: `whsec_` and the base64 of 32 random bytes, as the
 * Standard Webhooks libraries take it.
 *
 * @example
 * const secret = newWebhookSecret(); // 'whsec_…'
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The `webhook-signature` header for one attempt: `v1,<base64>` for each
 * secret given, space-separated (the current one first; the previous one
 * during a rotation's overlap), so a receiver with either verifies.
 *
 * @example
 * const headers = signatureHeaders(delivery.id, new Date(), body, [endpoint.secret]);
 */
export function signatureHeaders(id: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(id, at, body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
