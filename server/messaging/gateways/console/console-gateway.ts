import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { OutboundSms, SendOutcome, SmsGateway } from '../sms-gateway.ts';

/**
 * A local-demo SMS sink: nothing leaves the machine. Each message is
 * appended as a JSON line to `file` (when given), and one line without the
 * number or the text is logged, since logs must not carry either. With a
 * file it can tell what it accepted before, so a restarted worker never
 * writes a message twice.
 *
 * With `printBodies` (the demo of `npm start` only, issue 8.9) each message's
 * text is logged too, so the one-time codes the demo asks for can be read
 * off the console: the one exception to "no codes in logs". Real gateways
 * never log a body.
 *
 * @example
 * const gateway = createConsoleGateway({ file: './data/sms-outbox.jsonl', log: console.log });
 */
export function createConsoleGateway(options: { file?: string | undefined; log?: (line: string) => void; printBodies?: boolean } = {}): SmsGateway {
  const log = options.log ?? ((line: string) => console.log(line));
  const seen = new Map<string, string>();
  if (options.file && existsSync(options.file)) {
    for (const line of readFileSync(options.file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as { messageId: string; gatewayId: string };
        seen.set(entry.messageId, entry.gatewayId);
      } catch {
        // A line cut by a crash is ignored; its message was not recorded as accepted.
      }
    }
  }
  return {
    name: 'console',
    async send(sms: OutboundSms): Promise<SendOutcome> {
      const known = seen.get(sms.messageId);
      if (known) return { ok: true, gatewayId: known, result: 'Already written' };
      const gatewayId = `console-${sms.messageId}`;
      if (options.file) appendFileSync(options.file, `${JSON.stringify({ ...sms, gatewayId, at: new Date().toISOString() })}\n`);
      seen.set(sms.messageId, gatewayId);
      log(`[sms] message ${sms.messageId} written to the ${options.file ? 'demo file' : 'console sink'} (${sms.body.length} characters)`);
      if (options.printBodies) log(`[sms demo] to ••••${sms.to.slice(-3)}: ${sms.body}`);
      return { ok: true, gatewayId, result: 'Written to the local sink' };
    },
    async findSent(messageId: string) {
      return seen.get(messageId) ?? null;
    },
  };
}
