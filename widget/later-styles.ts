import { css } from 'lit';

/**
 * The look of the steps after the first ones (the week and times, the
 * details and code forms, the receipt), in the later steps' chunk: the
 * element adopts it beside `styles.ts` once that chunk is here, before it
 * renders any of those steps.
 */
export const laterStyles = css`
  .times { grid-template-columns: repeat(auto-fill, minmax(5.5rem, 1fr)); }
  .week-nav { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
  .week-label { font-weight: 600; }
  .days { display: grid; grid-template-columns: repeat(auto-fit, minmax(4.5rem, 1fr)); gap: 0.4rem; margin: 0.75rem 0; }
  .day { display: flex; flex-direction: column; align-items: center; padding: 0.4rem; }
  .form { display: grid; gap: 0.9rem; max-width: 32rem; }
  .field { display: grid; gap: 0.25rem; }
  label { font-weight: 600; }
  input, textarea { min-height: 2.75rem; padding: 0.5rem 0.6rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); width: 100%; }
  [aria-invalid='true'] { border: 2px solid var(--_error); }
  .field-error, .error { color: var(--_error); font-weight: 600; }
  .success { color: var(--_success); font-weight: 600; }
`;
