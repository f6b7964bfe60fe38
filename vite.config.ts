import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * `npm run build`: the widget as one ES module, `dist/widget/opus-booking.js`,
 * plus lazily loaded chunks beside it (one per locale, and the details-form
 * validation). Served by the server at `/widget/opus-booking.js`.
 */
export default defineConfig({
  publicDir: false,
  plugins: [compactTemplates()],
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
