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
