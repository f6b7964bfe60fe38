import { css } from 'lit';

/**
 * What the patients pages add to the console's look: links that switch a
 * page's view (search / recall, pending / decided), cells kept on one line,
 * the change lists and decision buttons of pending changes, message texts.
 */
export const patientsStyles = css`
  .views { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0 0 1rem; padding: 0; list-style: none; }
  .views a { display: inline-flex; align-items: center; min-height: 2.75rem; padding: 0.25rem 0.9rem; border: 1px solid var(--c-border); border-radius: var(--radius); text-decoration: none; color: var(--c-text); }
  .views a[aria-current='page'] { font-weight: 700; background: var(--c-surface); box-shadow: inset 0 -0.25rem 0 var(--c-primary); }
  .nowrap { white-space: nowrap; }
  .changes { margin: 0; padding-left: 1.1rem; }
  .decide { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
  .body { white-space: pre-wrap; overflow-wrap: anywhere; }
  .card > h2:first-child { margin-top: 0; }
  caption:focus { outline: none; }
  caption:focus-visible { outline: 3px solid var(--c-focus); outline-offset: 2px; }
`;
