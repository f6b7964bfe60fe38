import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupCommit } from './group-commit.ts';

test('callers of the same moment share one write; those who come while it runs share the next', async () => {
  const writes: number[][] = [];
  let finish!: () => void;
  const write = groupCommit(async (items: number[]) => {
    writes.push(items);
    if (writes.length === 1) await new Promise<void>((resolve) => (finish = resolve));
    return items.map((i) => i * 10);
  });
  const first = [write(1), write(2), write(3)];
  while (writes.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const later = [write(4), write(5)];
  finish();
  assert.deepEqual(await Promise.all([...first, ...later]), [10, 20, 30, 40, 50]);
  assert.deepEqual(writes, [[1, 2, 3], [4, 5]]);
});

test('a write that fails rejects its own callers only', async () => {
  let calls = 0;
  const write = groupCommit(async (items: string[]) => {
    if (++calls === 1) throw new Error('connection lost');
    return items.map((s) => s.toUpperCase());
  });
  await Promise.all([assert.rejects(write('a'), /connection lost/), assert.rejects(write('b'), /connection lost/)]);
  assert.equal(await write('c'), 'C');
});
