import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, totpCode, totpStep } from './totp.ts';

// RFC 6238, appendix B (SHA-1 seed "12345678901234567890"), the last six of its eight digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('codes match the RFC 6238 test vectors', () => {
  assert.equal(totpCode(RFC_SECRET, new Date(59_000)), '287082');
  assert.equal(totpCode(RFC_SECRET, new Date(1_111_111_109_000)), '081804');
  assert.equal(totpCode(RFC_SECRET, new Date(2_000_000_000_000)), '279037');
});

test('a code is right for its step and one step either side, not two', () => {
  const at = new Date(1_111_111_109_000);
  const step = Math.floor(at.getTime() / 30_000);
  assert.equal(totpStep(RFC_SECRET, totpCode(RFC_SECRET, at), at), step);
  assert.equal(totpStep(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() - 30_000)), at), step - 1);
  assert.equal(totpStep(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + 30_000)), at), step + 1);
  assert.equal(totpStep(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + 90_000)), at), undefined);
  assert.equal(totpStep(RFC_SECRET, 'abcdef', at), undefined);
});

test('a new secret is 160 bits in base32 with its otpauth URL; stored encrypted, readable only with its key', () => {
  const { secret, otpauthUrl } = newTotpSecret('kari@smilet.no', 'Smilet Tannklinikk');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.match(otpauthUrl, /^otpauth:\/\/totp\/Smilet%20Tannklinikk:kari%40smilet\.no\?issuer=Smilet%20Tannklinikk&secret=[A-Z2-7]{32}&algorithm=SHA1&digits=6&period=30$/);
  const stored = encryptTotpSecret('server key', secret);
  assert.ok(!stored.includes(secret));
  assert.notEqual(encryptTotpSecret('server key', secret), stored, 'a fresh IV each time');
  assert.equal(decryptTotpSecret('server key', stored), secret);
  assert.throws(() => decryptTotpSecret('another key', stored));
});
