import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { inlineHashes } from './inline-hashes.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('the CSP hashes of a page\'s inline scripts and styles, over their exact text; scripts with src are not inline', () => {
  const page = `<html><head><script type="module" src="/widget/opus-booking.js"></script>
<style>
  body { margin: 0 }
</style><STYLE media="print">p{}</STYLE></head>
<body><script>
  console.log('ø');
</script><script type="module">await 1;</script></body></html>`;
  assert.deepEqual(inlineHashes(page), {
    scriptHashes: [sha("\n  console.log('ø');\n"), sha('await 1;')],
    styleHashes: [sha('\n  body { margin: 0 }\n'), sha('p{}')],
  });
  assert.deepEqual(inlineHashes('<p>none</p>'), { scriptHashes: [], styleHashes: [] });
});
