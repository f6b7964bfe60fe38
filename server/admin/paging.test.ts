import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeInstantCursor, encodeCursor, isTimestampText } from './paging.ts';
import { DomainError } from '../domain/domain-error.ts';

// A cursor comes back from the client: a forged one is a 422 on `cursor`, never a database error.

const id = '3f2c1a9e-8b7d-4c6e-9f10-123456789abc';

test('an instant cursor reads back only what toISOString wrote', () => {
  const at = new Date('2026-11-30T05:42:08.123Z');
  assert.deepEqual(decodeInstantCursor(encodeCursor([at.toISOString(), id])), { at, id });
  for (const forged of [['2026-02-30T00:00:00.000Z', id], ['-100000-01-01T00:00:00.000Z', id], ['2026-11-30', id], [at.toISOString(), 'x'], ['nonsense', id]]) {
    assert.throws(() => decodeInstantCursor(encodeCursor(forged)), (error: unknown) => error instanceof DomainError && error.issues?.[0]?.path === 'cursor', forged.join(' '));
  }
  assert.throws(() => decodeInstantCursor('not-base64-json'), DomainError);
});

test('a timestamp as PostgreSQL writes it is a real moment', () => {
  assert.ok(isTimestampText('2026-11-30 05:42:08.123456+00'));
  assert.ok(isTimestampText('2026-02-28 23:59:59+01'));
  for (const bad of ['2026-02-30 00:00:00+00', '2026-13-01 00:00:00+00', '2026-11-30 25:00:00+00', '99999-01-01 00:00:00+00', '2026-11-30T05:42:08Z']) assert.ok(!isTimestampText(bad), bad);
});
