import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * `npm run build`: the widget as one ES module, `dist/widget/opus-booking.js`,
 * plus lazily loaded chunks beside it (one per locale, the later steps, a
 * manage link's flow…), each chunk's name carrying its content hash. Every file is
 * also written brotli- and gzip-compressed beside it (`.br`, `.gz`), which
 * the server sends as they are. Served at `/widget/opus-booking.js`.
 */
export default defineConfig({
  publicDir: false,
  plugins: [compactTemplates(), precompress()],
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./widget/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'opus-booking.js',
    },
    rolldownOptions: {
      // Lets lazy chunks import lit from the entry instead of splitting it into a
      // shared chunk the entry would have to fetch before the first step.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});

/**
 * Lit's css`` and html`` templates keep their source indentation through
 * minification; in HTML and CSS a newline is as good as a newline plus
 * indentation, so the indentation is dropped (newlines stay, so no
 * statement boundary can change).
 */
export function compactTemplates(): Plugin {
  return {
    name: 'opus-compact-templates',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = chunk.code.replace(/\n[ \t]+/g, '\n');
      }
    },
  };
}

/**
 * Writes each JavaScript, CSS, JSON and SVG output also compressed, beside
 * it: `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9), so the
 * server spends no CPU per request on files that never change. A variant
 * that would not be smaller is not written.
 *
 * @example
 * defineConfig({ plugins: [precompress()] }); // dist/widget/opus-booking.js, .js.br, .js.gz
 */
export function precompress(): Plugin {
  return {
    name: 'opus-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const brotli = promisify(brotliCompress);
      const gzipped = promisify(gzip);
      // On the thread pool, all at once: brotli's best quality is slow on the larger chunks.
      await Promise.all(Object.entries(bundle).filter(([name]) => /\.(?:js|css|json|svg)$/.test(name)).flatMap(([name, output]) => {
        const source = Buffer.from(output.type === 'chunk' ? output.code : output.source);
        const variants: Array<[string, Promise<Buffer>]> = [
          ['.br', brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } })],
          ['.gz', gzipped(source, { level: 9 })],
        ];
        return variants.map(async ([suffix, compressing]) => {
          const bytes = await compressing;
          if (bytes.length < source.length) await writeFile(join(options.dir!, `${name}${suffix}`), bytes);
        });
      }));
    },
  };
}
