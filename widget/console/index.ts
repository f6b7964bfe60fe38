/**
 * The staff console's entry (`/admin/console.js`): registers `<opus-console>`.
 * Its own bundle, apart from the patient widget's; each page is a chunk of
 * its own (see `routes.ts`).
 *
 * @example
 * <opus-console></opus-console>
 * <script type="module" src="/admin/console.js"></script>
 */
export { OpusConsole } from './console-app.ts';
export type { ConsoleContext } from './context.ts';
