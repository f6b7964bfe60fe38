import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { compactTemplates, precompress } from './vite.config.ts';

/**
 * The staff console (issue 10), its own bundle beside the widget's:
 * `dist/console/console.js` (the shell: login, header, navigation, router)
 * and `dist/console/preview.js` (the live preview's frame), each page a
 * chunk of its own under `dist/console/chunks/`, loaded when first shown.
 * `manifest.json` lists which chunks each file imports (the
 * `console.first_page.gzip_kb` benchmark reads it). Served by the server at
 * `/admin/`, precompressed like the widget. The patient widget's bundle (vite.config.ts) is untouched.
 */
export default defineConfig({
  // Where the server serves the files: the preload helper fetches a page's chunks from here.
  base: '/admin/',
  publicDir: false,
  plugins: [compactTemplates(), precompress()],
  build: {
    outDir: 'dist/console',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    manifest: true,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        console: fileURLToPath(new URL('./widget/console/index.ts', import.meta.url)),
        preview: fileURLToPath(new URL('./widget/console/preview/preview-frame.ts', import.meta.url)),
      },
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
