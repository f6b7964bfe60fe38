import { timingSafeEqual } from 'node:crypto';
import { DATE_RANGE } from '../../../../sdk/schemas/common.ts';
import type { DeliveryReport, InboundSms } from '../sms-gateway.ts';

/**
 * 46elks does not sign its webhooks; we give it URLs that carry a secret
 * (`?secret=…`) and check it in constant time.
 *
 * @example
 * verifyElksSecret(process.env.ELKS_WEBHOOK_SECRET, c.req.query('secret'));
 */
export function verifyElksSecret(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A `whendelivered` callback (`id`, `status` sent/delivered/failed, `delivered`) as a delivery report. */
export function parseElksDelivery(params: Record<string, string>, messageId?: string): DeliveryReport | null {
  const status = params.status;
  if (!params.id || (status !== 'sent' && status !== 'delivered' && status !== 'failed')) return null;
  const at = params.delivered ? new Date(params.delivered.replace(' ', 'T') + (params.delivered.endsWith('Z') ? '' : 'Z')) : undefined;
  // A time the database cannot hold, or no clinic could mean, is left out: the report still counts.
  const plausible = at && !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) >= DATE_RANGE.min && at.toISOString().slice(0, 10) <= DATE_RANGE.max;
  return { gatewayId: params.id, messageId, status, error: status === 'failed' ? '46elks: delivery failed' : undefined, at: plausible ? at : undefined };
}

/** An incoming SMS callback (`id`, `from`, `to`, `message`) as an inbound SMS. */
export function parseElksInbound(params: Record<string, string>): InboundSms | null {
  if (!params.id || !params.from) return null;
  return { gatewayId: params.id, from: params.from, to: params.to ?? '', body: params.message ?? '' };
}
