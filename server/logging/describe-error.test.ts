import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError } from './describe-error.ts';

test('log lines keep the error but blank numbers, national ids and addresses', () => {
  assert.equal(describeError(new Error('invalid input syntax for type uuid: "+4791234567"')), 'Error: invalid input syntax for type uuid: "[number]"');
  assert.equal(describeError(Object.assign(new Error('duplicate key: (national_id)=(13097248022)'), { code: '23505' })), 'Error 23505: duplicate key: (national_id)=([number])');
  assert.equal(describeError(new TypeError('cannot send to nora@example.no')), 'TypeError: cannot send to [address]');
  assert.equal(describeError(new Error('connect ECONNREFUSED 127.0.0.1:5432')), 'Error: connect ECONNREFUSED 127.0.0.1:5432');
  assert.equal(describeError('plain 98765432'), 'plain [number]');
});

test('one-time codes and tokens (a manage link\'s, any long random value) are blanked too; words and short figures stay', () => {
  assert.equal(describeError(new Error('code 123456 rejected')), 'Error: code [number] rejected');
  const token = 'q3Zx9_Kd-Pw0mB7vT1sLr8YhN2cA5eJ4uG6iO0fW3kE';
  assert.equal(describeError(new Error(`no booking for "${token}"`)), 'Error: no booking for "[token]"');
  assert.equal(describeError(new Error('invalid input syntax for type uuid: "3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f"')), 'Error: invalid input syntax for type uuid: "[token]"');
  assert.equal(
    describeError(Object.assign(new Error('conflicting key value violates exclusion constraint "appointments_no_overlapping_provider_time"'), { code: '23P01' })),
    'Error 23P01: conflicting key value violates exclusion constraint "appointments_no_overlapping_provider_time"',
  );
  assert.equal(describeError(new Error('timeout after 30000 ms on port 5432')), 'Error: timeout after 30000 ms on port 5432');
});
