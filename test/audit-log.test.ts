import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness } from './support/admin-harness.ts';
import { recordAudit } from '../server/audit/audit-log.ts';
import { eachPage } from '../sdk/admin-client.ts';

// Issue 9.1: the audit log is readable through the API, newest first, paged
// without gaps or repeats; another organization's entries never show.

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`audit log (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('pages newest first through every entry once, filters, and refuses a forged cursor', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'audit-a' });
      const b = await createAdminHarness(database!, { subdomain: 'audit-b' });
      // Seven entries, several sharing a millisecond: the cursor must still split them exactly.
      for (let i = 0; i < 7; i++) {
        await recordAudit(database!.db, a.fixture.orgId, { kind: 'system', label: 'test' }, { action: i % 2 ? 'clinic.update' : 'settings.update', target: { type: 'thing', id: String(i) }, before: { v: i }, after: { v: i + 1 } }, new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))));
      }
      await recordAudit(database!.db, b.fixture.orgId, { kind: 'system', label: 'test' }, { action: 'settings.update', target: { type: 'thing', id: 'b' } });

      const first = await a.client.listAudit({ limit: '3' });
      assert.equal(first.entries.length, 3);
      assert.ok(first.nextCursor);
      assert.equal(first.entries[0]!.target.id, '6', 'newest first');
      assert.deepEqual(first.entries[0]!.before, { v: 6 });
      const seen: Array<{ id: string; at: string }> = [];
      for await (const entry of eachPage((cursor) => a.client.listAudit({ limit: '2', cursor }), (page) => page.entries)) seen.push({ id: entry.target.id!, at: entry.at });
      assert.deepEqual(seen.map((e) => e.id).sort(), ['0', '1', '2', '3', '4', '5', '6'], 'each entry once, none of B');
      assert.deepEqual(seen.map((e) => e.at), seen.map((e) => e.at).sort().reverse(), 'newest first across pages');
      const settings = await a.client.listAudit({ action: 'settings.update' });
      assert.deepEqual(settings.entries.map((e) => e.target.id).sort(), ['0', '2', '4', '6']);

      const forged = await a.admin('GET', '/audit?cursor=bm90LWEtY3Vyc29y');
      assert.equal(forged.status, 422);
      assert.equal(forged.body.issues[0].path, 'cursor');
    });

    test('messaging changes are audited with who made them; a refused change leaves no entry', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'audit-msg', messaging: { testMode: true } });
      const owner = await a.staffHeaders('owner', 'eier@audit-msg.example');
      assert.equal((await a.admin('PUT', '/messaging/settings', { senderId: 'Smil' }, owner.headers)).status, 200);
      assert.equal((await a.admin('PUT', '/messaging/templates/sms/reminder1', { body: 'Hei [firstName]' })).status, 200);
      const sent = await a.admin('POST', '/messages/number', { to: '+4791234567', body: 'Hemmelig tekst' }, owner.headers);
      assert.equal(sent.status, 201);
      const messageId = sent.body.queued[0].messageId;
      assert.equal((await a.admin('POST', `/messages/${messageId}/cancel`, {}, owner.headers)).status, 200);
      assert.equal((await a.admin('POST', `/messages/${crypto.randomUUID()}/cancel`, {}, owner.headers)).status, 404);
      const entries = await a.audit();
      assert.deepEqual(entries.map((e) => e.action).sort(), ['message.cancel', 'message.send_number', 'messaging.settings.update', 'template.save']);
      const settings = entries.find((e) => e.action === 'messaging.settings.update')!;
      assert.equal(settings.actor_label, 'eier@audit-msg.example');
      assert.equal((settings.after as { senderId: string }).senderId, 'Smil');
      assert.equal(entries.find((e) => e.action === 'template.save')!.actor_kind, 'api_key');
      assert.ok(!JSON.stringify(entries).includes('Hemmelig tekst'), 'a message text is not copied into the audit log');
    });

    test('a key with only write or messaging cannot read it; a read key can', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'audit-c' });
      for (const scope of ['write', 'messaging'] as const) {
        const refused = await a.admin('GET', '/audit', undefined, { authorization: `Bearer ${await a.keyWith([scope])}` });
        assert.equal(refused.status, 403, scope);
        assert.equal(refused.body.code, 'forbidden');
      }
      assert.equal((await a.admin('GET', '/audit', undefined, { authorization: `Bearer ${await a.keyWith(['read'])}` })).status, 200);
    });
  });
}
