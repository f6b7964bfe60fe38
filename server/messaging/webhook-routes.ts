import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { Subdomain } from '../../sdk/schemas/organization.ts';
import type { Db } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import { parseElksDelivery, parseElksInbound, verifyElksSecret } from './gateways/elks/elks-webhooks.ts';
import { EMPTY_TWIML, parseTwilioInbound, parseTwilioStatus, verifyTwilioSignature } from './gateways/twilio/twilio-webhooks.ts';
import type { DeliveryReport, InboundSms } from './gateways/sms-gateway.ts';
import { applyDeliveryReport, recordInbound } from './receipts.ts';

/** A gateway's form: text fields, each checked like any text we keep (no NUL, no unpaired surrogate). */
const GatewayForm = z.record(z.string(), z.string().check(z.maxLength(5000)));

export interface WebhookDeps {
  db: Db;
  now: () => Date;
  /** The URL the gateways call us at (Twilio signs the full URL), e.g. `https://booking.example.no`. */
  publicUrl: string;
  twilioAuthToken?: string | undefined;
  elksWebhookSecret?: string | undefined;
}

/**
 * Gateway webhooks under `/api/v1/webhooks/sms/:gateway/:org/(status|inbound)`:
 * delivery reports and replies (S13, S14). Twilio's are checked by
 * `X-Twilio-Signature`; 46elks' by the secret in the URL. A gateway that is
 * not configured answers 404; a bad signature 401.
 *
 * @example
 * app.route('/api/v1/webhooks', messagingWebhooks({ db, now, publicUrl, twilioAuthToken }));
 */
export function messagingWebhooks(deps: WebhookDeps) {
  const app = new Hono();

  /**
   * One gateway's pair of routes: read the form, check the request is the
   * gateway's (a configured secret or signature, else 404), then apply the
   * delivery report or record the reply.
   */
  function mount(gateway: 'twilio' | '46elks', adapter: {
    /** Throws 404 when the gateway is not configured, 401 when the request is not its own. */
    verify(c: Context, params: Record<string, string>): void;
    parseStatus(params: Record<string, string>, messageId: string | undefined): DeliveryReport | null;
    parseInbound(params: Record<string, string>): InboundSms | null;
    /** The field an inbound webhook without an id or sender is refused for. */
    inboundIdField: string;
    answerInbound(c: Context): Response;
  }) {
    async function verified(c: Context): Promise<Record<string, string>> {
      const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
      adapter.verify(c, params);
      return validate(GatewayForm, params);
    }
    async function organizationId(c: Context): Promise<string> {
      return (await findOrganization(deps.db, validate(Subdomain, c.req.param('org'), 'organization'))).id;
    }
    app.post(`/sms/${gateway}/:org/status`, async (c) => {
      const report = adapter.parseStatus(await verified(c), c.req.query('m'));
      if (report) {
        const orgId = await organizationId(c);
        await deps.db.transaction().execute((trx) => applyDeliveryReport(trx, orgId, gateway, report));
      }
      return c.body(null, 204);
    });
    app.post(`/sms/${gateway}/:org/inbound`, async (c) => {
      const sms = adapter.parseInbound(await verified(c));
      if (!sms) throw DomainError.invalid(adapter.inboundIdField, 'Not an incoming message', 'invalid');
      await recordInbound(deps.db, await organizationId(c), gateway, sms, deps.now());
      return adapter.answerInbound(c);
    });
  }

  mount('twilio', {
    verify(c, params) {
      if (!deps.twilioAuthToken) throw new DomainError('not_found');
      // Twilio signs the URL it called: our public URL, not the one behind a proxy.
      const url = new URL(c.req.url);
      const called = `${deps.publicUrl.replace(/\/$/, '')}${url.pathname}${url.search}`;
      if (!verifyTwilioSignature(deps.twilioAuthToken, called, params, c.req.header('x-twilio-signature'))) throw new DomainError('unauthorized', { detail: 'Bad X-Twilio-Signature' });
    },
    parseStatus: parseTwilioStatus,
    parseInbound: parseTwilioInbound,
    inboundIdField: 'MessageSid',
    answerInbound: (c) => c.body(EMPTY_TWIML, 200, { 'content-type': 'text/xml' }),
  });
  mount('46elks', {
    verify(c) {
      if (!deps.elksWebhookSecret) throw new DomainError('not_found');
      if (!verifyElksSecret(deps.elksWebhookSecret, c.req.query('secret'))) throw new DomainError('unauthorized', { detail: 'Bad webhook secret' });
    },
    parseStatus: parseElksDelivery,
    parseInbound: parseElksInbound,
    inboundIdField: 'id',
    answerInbound: (c) => c.body(null, 204),
  });
  return app;
}
