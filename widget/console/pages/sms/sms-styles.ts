import { css } from 'lit';

/**
 * What the SMS pages add to `consoleStyles`: a checkbox or radio beside its
 * label (the shared `.check` sets the row direction but not `display: flex`),
 * and choice groups laid out in a row.
 */
export const smsStyles = css`
  .check { display: flex; }
  .choices { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
`;
