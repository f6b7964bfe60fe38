import { fileURLToPath } from 'node:url';

/**
 * The package's root: this file is `server/package-path.ts` when run from
 * sources (tsx) and `dist/server/package-path.js` when run from the build
 * (`node dist/server/main.js`, or the installed package).
 */
const ROOT = new URL(import.meta.url.endsWith('.ts') ? '../' : '../../', import.meta.url);

/**
 * A path in the package (the repository, or `node_modules/opus-booking`), the
 * same from sources and from the build: use it instead of `import.meta.url`
 * for files that are not modules (`dist/widget/`, `examples/`…).
 *
 * @example
 * const widgetDir = packagePath('dist/widget/'); // ends in a slash, as given
 */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}
