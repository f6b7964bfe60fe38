import { createHash } from 'node:crypto';

/**
 * CSP hash sources (`'sha256-…'`) of a static page's inline `<script>` and
 * `<style>` elements, so a policy can allow exactly them without
 * `'unsafe-inline'`. For pages of our own (the examples), not for markup
 * anyone else wrote: it reads elements by a plain pattern, not a parser.
 *
 * @example
 * const { scriptHashes, styleHashes } = inlineHashes(await readFile('examples/clinic-page.html', 'utf8'));
 * contentSecurityPolicy({ scriptHashes, styleHashes });
 */
export function inlineHashes(html: string): { scriptHashes: string[]; styleHashes: string[] } {
  const hashes = (tag: 'script' | 'style') => [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}\\s*>`, 'gi'))]
    .filter(([, attributes]) => tag === 'style' || !/\ssrc\s*=/i.test(` ${attributes}`))
    .map(([, , text]) => `'sha256-${createHash('sha256').update(text!, 'utf8').digest('base64')}'`);
  return { scriptHashes: hashes('script'), styleHashes: hashes('style') };
}
