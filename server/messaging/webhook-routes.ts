import { Hono, type Context } from 'hono';
import { Subdomain } from '../../sdk/schemas/organization.ts';
import type { Db } from '../db/database.ts';
import { DomainError } from '../http/domain-error.ts';
import { validate } from '../http/validate.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import { parseElksDelivery, parseElksInbound, verifyElksSecret } from './gateways/elks/elks-webhooks.ts';
import { EMPTY_TWIML, parseTwilioInbound, parseTwilioStatus, verifyTwilioSignature } from './gateways/twilio/twilio-webhooks.ts';
import { applyDeliveryReport, recordInbound } from './receipts.ts';

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

  async function form(c: Context): Promise<Record<string, string>> {
    const text = await c.req.text();
    return Object.fromEntries(new URLSearchParams(text));
  }
  async function org(c: Context) {
    return findOrganization(deps.db, validate(Subdomain, c.req.param('org'), 'organization'));
  }
  function twilioParams(c: Context, params: Record<string, string>) {
    if (!deps.twilioAuthToken) throw new DomainError('not_found');
    const url = new URL(c.req.url);
    const called = `${deps.publicUrl.replace(/\/$/, '')}${url.pathname}${url.search}`;
    if (!verifyTwilioSignature(deps.twilioAuthToken, called, params, c.req.header('x-twilio-signature'))) throw new DomainError('unauthorized', { detail: 'Bad X-Twilio-Signature' });
    return params;
  }
  function elksCheck(c: Context) {
    if (!deps.elksWebhookSecret) throw new DomainError('not_found');
    if (!verifyElksSecret(deps.elksWebhookSecret, c.req.query('secret'))) throw new DomainError('unauthorized', { detail: 'Bad webhook secret' });
  }

  app.post('/sms/twilio/:org/status', async (c) => {
    const params = twilioParams(c, await form(c));
    const report = parseTwilioStatus(params, c.req.query('m'));
    if (report) await applyDeliveryReport(deps.db, (await org(c)).id, 'twilio', report);
    return c.body(null, 204);
  });
  app.post('/sms/twilio/:org/inbound', async (c) => {
    const params = twilioParams(c, await form(c));
    const sms = parseTwilioInbound(params);
    if (!sms) throw DomainError.invalid('MessageSid', 'Not an incoming message', 'invalid');
    await recordInbound(deps.db, (await org(c)).id, 'twilio', sms, deps.now());
    return c.body(EMPTY_TWIML, 200, { 'content-type': 'text/xml' });
  });
  app.post('/sms/46elks/:org/status', async (c) => {
    elksCheck(c);
    const report = parseElksDelivery(await form(c), c.req.query('m'));
    if (report) await applyDeliveryReport(deps.db, (await org(c)).id, '46elks', report);
    return c.body(null, 204);
  });
  app.post('/sms/46elks/:org/inbound', async (c) => {
    elksCheck(c);
    const sms = parseElksInbound(await form(c));
    if (!sms) throw DomainError.invalid('id', 'Not an incoming message', 'invalid');
    await recordInbound(deps.db, (await org(c)).id, '46elks', sms, deps.now());
    return c.body(null, 204);
  });
  return app;
}
