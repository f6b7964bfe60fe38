/**
 * `console.first_page.gzip_kb` (issue 10, budget 60): the JavaScript (with
 * its CSS, which Lit keeps in the modules) a browser must download before
 * the staff console's first page, the day's book, is interactive — the
 * entry `console.js`, every chunk it imports statically, the book page's
 * chunk and the chunks that imports, each once — gzip-compressed at level 9.
 * Builds the console first and reads the build's manifest.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = `${ROOT}dist/console/`;
const MANIFEST = `${OUT}.vite/manifest.json`;
const FIRST_PAGE = 'widget/console/pages/book/book-page.ts';

execFileSync('npx', ['--no', '--', 'vite', 'build', '-c', 'vite.console.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string; imports?: string[] }>;

const files = new Set<string>();
const visit = (key: string) => {
  const entry = manifest[key];
  if (!entry) throw new Error(`${key} is not in ${MANIFEST}`);
  if (files.has(entry.file)) return;
  files.add(entry.file);
  for (const imported of entry.imports ?? []) visit(imported);
};
visit('widget/console/index.ts');
visit(FIRST_PAGE);

let bytes = 0;
for (const file of files) bytes += gzipSync(readFileSync(`${OUT}${file}`), { level: 9 }).length;
console.error(`first page: ${[...files].join(', ')}`);
console.log(`console.first_page.gzip_kb: ${(bytes / 1024).toFixed(1)}`);
