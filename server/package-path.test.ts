import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { packagePath } from './package-path.ts';

test('from the sources, package paths are the repository\'s (the build resolves the same from dist/server/)', () => {
  assert.equal(JSON.parse(readFileSync(packagePath('package.json'), 'utf8')).name, 'opus-booking');
  assert.ok(existsSync(packagePath('examples/')));
  assert.ok(packagePath('dist/widget/').endsWith('/dist/widget/'));
});
