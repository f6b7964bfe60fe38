/**
 * The Custom Elements Manifest of `<opus-booking>` (`npm run build` →
 * dist/custom-elements.json, named by `customElements` in package.json), for
 * editors, Storybook and docs. It reads the element's JSDoc in
 * widget/opus-booking.ts: @attr, @event, @slot, @csspart, @cssprop.
 */
export default {
  globs: ['widget/index.ts', 'widget/element.ts', 'widget/define.ts', 'widget/opus-booking.ts', 'widget/events/*.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [opusBookingManifest()],
};

const TAG = 'opus-booking';
const ELEMENT = { name: 'OpusBooking', module: 'dist/widget-esm/opus-booking.js' };

/**
 * What the analyzer cannot read from our sources, put right:
 * - module paths as the package publishes them (`widget/x.ts` → `dist/widget-esm/x.js`,
 *   see widget/tsconfig.build.json);
 * - the tag: `defineOpusBooking(tagName = 'opus-booking')` registers through a parameter;
 * - events: only the documented ones (`@event opus-step - {@link OpusStepEvent} …`),
 *   typed by their link; the analyzer also guesses names from `new OpusStepEvent(view…)`;
 * - several `@csspart`/`@cssprop` tags on one JSDoc line become one entry each.
 */
function opusBookingManifest() {
  const published = (path, from) => {
    const absolute = path.startsWith('./') ? from.replace(/[^/]*$/, '') + path.slice(2) : path.replace(/^\//, '');
    return absolute.replace(/^widget\/(.*)\.ts$/, 'dist/widget-esm/$1.js');
  };
  return {
    name: 'opus-booking-manifest',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const source = module.path;
        module.path = published(source, source);
        for (const item of [...(module.exports ?? []), ...(module.declarations ?? [])]) {
          if (item.declaration?.module) item.declaration.module = published(item.declaration.module, source);
          if (item.kind === 'custom-element-definition') Object.assign(item, { name: TAG, declaration: { ...ELEMENT } });
        }
        for (const element of (module.declarations ?? []).filter((d) => d.customElement && d.name === ELEMENT.name)) {
          element.tagName = TAG;
          element.events = (element.events ?? []).filter((e) => e.description).map(typedEvent);
          element.cssParts = splitTags(element.cssParts, 'csspart');
          element.cssProperties = splitTags(element.cssProperties, 'cssprop');
        }
      }
    },
  };
}

/** `{@link OpusStepEvent} a step is shown.` → type OpusStepEvent, description "a step is shown." */
function typedEvent(event) {
  const match = /^\{@link (\w+)\}\s*(.*)$/s.exec(event.description);
  return match ? { ...event, type: { text: match[1] }, description: match[2] } : event;
}

/** `{ name: 'label', description: '@csspart input @csspart field-error' }` → label, input, field-error. */
function splitTags(entries = [], tag) {
  return entries.flatMap(({ name, description = '' }) =>
    `${name} ${description}`.split(new RegExp(`\\s*@${tag}\\s+`)).map((text) => {
      const [, entryName, entryDescription] = /^(\S+)\s*(?:-\s*)?(.*)$/s.exec(text.trim());
      return entryDescription ? { name: entryName, description: entryDescription } : { name: entryName };
    }));
}
