import type { Locale } from '../../../sdk/schemas/common.ts';
import type { MessageChannel, PreviewResult } from '../../../sdk/schemas/messaging.ts';
import { renderTemplate, requireKnownMergeFields, SAMPLE_VALUES } from './merge-fields.ts';
import { smsLength } from '../../../sdk/sms-length.ts';

/**
 * A text as a patient would get it (W10, W11): unknown merge fields refused,
 * the rest filled with sample values, and for SMS its length and parts.
 *
 * @example
 * previewText('sms', 'Hei [firstName] €', 'nb'); // { rendered: 'Hei Kari €', length: { encoding: 'gsm7', units: 11, … } }
 */
export function previewText(channel: MessageChannel, body: string, locale: Locale): PreviewResult {
  requireKnownMergeFields(body);
  const rendered = renderTemplate(body, SAMPLE_VALUES[locale]);
  return { rendered, length: channel === 'sms' ? smsLength(rendered) : null };
}
