import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeImage, detectImageType } from './image.ts';
import { DomainError } from '../domain/domain-error.ts';
import { PHOTO } from '../../test/support/fixture.ts';

test('an image is known by its bytes, not its name', () => {
  assert.equal(detectImageType(PHOTO), 'image/png');
  assert.equal(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'image/jpeg');
  assert.equal(detectImageType(Buffer.from('GIF89a......')), 'image/gif');
  assert.equal(detectImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), undefined);
  assert.equal(detectImageType(Buffer.from('<html>photo.png</html>')), undefined);
});

test('an upload over the limit, empty or not an image is a 422 on data', () => {
  const issue = (fn: () => unknown): DomainError => {
    try { fn(); } catch (error) { assert.ok(error instanceof DomainError); return error; }
    assert.fail('no error');
  };
  assert.equal(decodeImage({ data: PHOTO.toString('base64') }, 25 * 1024).type, 'image/png');
  const big = Buffer.concat([PHOTO, Buffer.alloc(26 * 1024)]);
  for (const data of [big.toString('base64'), '', Buffer.from('not an image').toString('base64')]) {
    const error = issue(() => decodeImage({ data }, 25 * 1024));
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.issues?.[0]?.path, 'data');
  }
});
