import { escapeHtml } from './templates/merge-fields.ts';
import type { AttemptMessage, ClaimedMessage, Outcome } from './outbox-repository.ts';
import { retryDelayMs } from './send-time.ts';
import { smsSender } from './settings.ts';
import { smsRecipient } from './sms-recipient.ts';
import { gatewayFor, statusCallbackUrl, type MessagingChannels, type OrganizationMessaging } from './worker-context.ts';

/** What a worker sends with, and how it retries. */
export interface DeliveryOptions {
  channels: MessagingChannels;
  now: () => Date;
  /** Attempts before a transiently failing message is given up (see `WorkerOptions.maxAttempts`). */
  maxAttempts: number;
  random: () => number;
}

/** Begins the attempt on a claimed message (`beginAttempts`): the message as it is now, or undefined when it must not be sent. */
export type BeginAttempt = (m: ClaimedMessage) => Promise<AttemptMessage | undefined>;

/**
 * What one claimed message comes to, sending it if it may go. Null when it
 * was not attempted after all (cancelled, moved or taken over since the
 * claim: `begin` refused it). A message taken over in doubt is settled
 * before any attempt begins, so null also means its doubt is settled (see
 * `releaseClaims`): an SMS is never sent blindly again (the gateway is
 * asked whether it has it; one that cannot tell gets it failed with the
 * reason), an e-mail is sent again.
 *
 * @example
 * const deliver = createDeliver({ channels, now: () => new Date(), maxAttempts: Infinity, random: Math.random });
 * const outcome = await deliver(claimed, orgs.get(claimed.organization_id), tickStart, begin);
 */
export function createDeliver(options: DeliveryOptions) {
  const { channels, now } = options;

  return async function deliver(m: ClaimedMessage, org: OrganizationMessaging | undefined, at: Date, begin: BeginAttempt): Promise<Outcome | null> {
    if (!org) return { id: m.id, status: 'failed', error: 'The organization no longer exists' };
    const expired = m.expires_at !== null && new Date(m.expires_at) <= at;
    if (m.channel === 'sms') {
      const gateway = gatewayFor(channels, org);
      // A delivery report (its URL carries our id) says the gateway has it: an attempt that timed out, or whose worker died, got through.
      if (m.gateway_id) return { id: m.id, status: 'sent', sentAt: m.sent_at ?? at, gateway: m.gateway, gatewayId: m.gateway_id, result: 'Known sent from its delivery report' };
      if (m.previous_attempt !== null) {
        // The last worker died between handing this over and recording the answer.
        const known = gateway?.findSent ? await gateway.findSent(m.id) : undefined;
        if (known) return { id: m.id, status: 'sent', sentAt: at, gateway: gateway!.name, gatewayId: known, result: 'Found at the gateway after a worker restart' };
        if (known === undefined) return { id: m.id, status: 'failed', gateway: gateway?.name ?? null, error: 'Outcome unknown: the worker stopped while sending. Not resent, to avoid a duplicate; check with the gateway and resend if needed' };
      }
      if (expired) return { id: m.id, status: 'expired', result: 'Expired before it could be sent' };
      if (!org.settings.smsEnabled) return { id: m.id, status: 'failed', error: 'SMS is switched off for the organization (S1)' };
      const current = await begin(m);
      if (!current) return null;
      // The number as the attempt found it (a rebooking may have changed it), checked once. A worker that dies
      // before recording a refused number leaves it in doubt, settled as any other (nothing was sent).
      const checked = smsRecipient(current.recipient, org.settings.smsCountries, org.locale);
      if (!checked.ok) return { id: m.id, status: 'failed', error: checked.message };
      const to = checked.e164;
      const from = smsSender(org.settings, org.name);
      if (org.settings.testMode) return { id: m.id, status: 'sent', sentAt: at, gateway: 'test', sender: from, result: 'Test mode: nothing was sent (S15)' };
      if (!gateway) return retryOrFail(m, at, `No SMS gateway "${org.settings.gateway ?? channels.defaultGateway}" is configured`);
      const outcome = await guard(() => gateway.send({ to, from, body: current.body, messageId: m.id, statusCallbackUrl: statusCallbackUrl(channels, gateway.name, org.subdomain, m.id) }));
      if (outcome.ok) return { id: m.id, status: 'sent', sentAt: now(), gateway: gateway.name, gatewayId: outcome.gatewayId, sender: from, result: outcome.result };
      return outcome.transient ? retryOrFail(m, at, outcome.error, gateway.name) : { id: m.id, status: 'failed', gateway: gateway.name, error: outcome.error };
    }
    // E-mail is sent at least once: a resend after a crash is a lesser harm than a lost confirmation.
    if (expired) return { id: m.id, status: 'expired', result: 'Expired before it could be sent' };
    const current = await begin(m);
    if (!current) return null;
    if (org.settings.testMode) return { id: m.id, status: 'sent', sentAt: at, gateway: 'test', result: 'Test mode: nothing was sent (S15)' };
    const transport = channels.email;
    if (!transport) return retryOrFail(m, at, 'No e-mail transport is configured');
    const from = org.settings.emailFrom ? `"${(org.settings.emailFromName ?? org.name).replace(/"/g, '')}" <${org.settings.emailFrom}>` : channels.defaultEmailFrom;
    const outcome = await guard(() => transport.send({
      from, to: current.recipient, subject: current.subject ?? '', text: current.body, html: `<div style="white-space:pre-line">${escapeHtml(current.body)}</div>`, messageId: m.id,
      calendar: current.ics ? { method: /METHOD:CANCEL/.test(current.ics) ? 'CANCEL' : 'REQUEST', content: current.ics } : undefined,
    }));
    if (outcome.ok) return { id: m.id, status: 'sent', sentAt: now(), gateway: transport.name, gatewayId: outcome.id, sender: from, result: outcome.result };
    return outcome.transient ? retryOrFail(m, at, outcome.error, transport.name) : { id: m.id, status: 'failed', gateway: transport.name, error: outcome.error };
  };

  function retryOrFail(m: ClaimedMessage, at: Date, error: string, gateway?: string): Outcome {
    if (m.attempts >= (m.expires_at === null ? Math.min(options.maxAttempts, 20) : options.maxAttempts)) return { id: m.id, status: 'failed', gateway: gateway ?? null, error: `Gave up after ${m.attempts} attempts: ${error}` };
    return { id: m.id, status: 'retrying', gateway: gateway ?? null, error, retryAt: new Date(at.getTime() + retryDelayMs(m.attempts, options.random)) };
  }
}

/** An adapter that throws is a transient failure, not a dead worker. */
async function guard<T extends { ok: boolean }>(send: () => Promise<T>): Promise<T | { ok: false; transient: true; error: string }> {
  try {
    return await send();
  } catch (error) {
    return { ok: false, transient: true, error: `Gateway error: ${error instanceof Error ? error.message : String(error)}` };
  }
}
