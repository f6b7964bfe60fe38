import type { OutboundSms, SendOutcome, SmsGateway } from '../sms-gateway.ts';

/** What the in-memory gateway has accepted. */
export interface DeliveredSms extends OutboundSms {
  gatewayId: string;
}

/**
 * An SMS gateway in memory, for tests and the benchmark: it records each
 * accepted message once per `messageId` (a repeated id answers the first
 * gateway id, like an idempotency key), counts every request, and can be
 * told to fail the next sends.
 *
 * @example
 * const gateway = createMemoryGateway();
 * gateway.failNext(2, { transient: true, error: 'HTTP 503' });
 */
export function createMemoryGateway() {
  const delivered: DeliveredSms[] = [];
  const byMessage = new Map<string, string>();
  const requests = new Map<string, number>();
  const failures: Array<{ transient: boolean; error: string; to?: string }> = [];
  let seq = 0;
  let hook: ((sms: OutboundSms) => Promise<void> | void) | undefined;

  const gateway: SmsGateway & {
    delivered: DeliveredSms[];
    requests: Map<string, number>;
    failNext(count: number, failure: { transient: boolean; error: string }): void;
    failFor(to: string, failure: { transient: boolean; error: string }): void;
    onSend(fn: ((sms: OutboundSms) => Promise<void> | void) | undefined): void;
  } = {
    name: 'memory',
    delivered,
    requests,
    async send(sms: OutboundSms): Promise<SendOutcome> {
      requests.set(sms.messageId, (requests.get(sms.messageId) ?? 0) + 1);
      const forNumber = failures.findIndex((f) => f.to === sms.to);
      const index = forNumber >= 0 ? forNumber : failures.findIndex((f) => f.to === undefined);
      if (index >= 0) {
        const [failure] = failures[index]!.to === undefined ? failures.splice(index, 1) : [failures[index]!];
        return { ok: false, transient: failure!.transient, error: failure!.error };
      }
      const known = byMessage.get(sms.messageId);
      if (known) return { ok: true, gatewayId: known, result: 'Already accepted' };
      const gatewayId = `mem-${++seq}`;
      byMessage.set(sms.messageId, gatewayId);
      delivered.push({ ...sms, gatewayId });
      await hook?.(sms);
      return { ok: true, gatewayId, result: 'Accepted' };
    },
    async findSent(messageId: string) {
      return byMessage.get(messageId) ?? null;
    },
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push({ ...failure });
    },
    failFor(to, failure) {
      failures.push({ ...failure, to });
    },
    onSend(fn) {
      hook = fn;
    },
  };
  return gateway;
}

export type MemoryGateway = ReturnType<typeof createMemoryGateway>;
