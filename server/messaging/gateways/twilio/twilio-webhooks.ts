import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryReport, InboundSms } from '../sms-gateway.ts';

/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 of HMAC-SHA1,
 * keyed with the auth token, over the full URL Twilio called followed by
 * each POST parameter's name and value, sorted by name.
 *
 * @example
 * twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' });
 * // '0/KCTR6DLpKmkAf8muzZqo1nDgQ='
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((key) => key + params[key]).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Checks a request's signature in constant time. */
export function verifyTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const FINAL: Record<string, DeliveryReport['status']> = { sent: 'sent', delivered: 'delivered', undelivered: 'failed', failed: 'failed' };

/**
 * A status callback as a delivery report; null for the interim statuses
 * (queued, accepted, sending) that change nothing for staff.
 */
export function parseTwilioStatus(params: Record<string, string>, messageId?: string): DeliveryReport | null {
  const status = FINAL[params.MessageStatus ?? params.SmsStatus ?? ''];
  const gatewayId = params.MessageSid ?? params.SmsSid;
  if (!status || !gatewayId) return null;
  return { gatewayId, messageId, status, error: params.ErrorCode ? `Twilio error ${params.ErrorCode}` : undefined };
}

/** An incoming message webhook as an inbound SMS; null when it lacks the fields. */
export function parseTwilioInbound(params: Record<string, string>): InboundSms | null {
  const gatewayId = params.MessageSid ?? params.SmsSid;
  if (!gatewayId || !params.From) return null;
  return { gatewayId, from: params.From, to: params.To ?? '', body: params.Body ?? '' };
}

/** The empty TwiML answer: we reply to nothing automatically. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
