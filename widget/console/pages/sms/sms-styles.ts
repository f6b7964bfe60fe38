import { css } from 'lit';

/**
 * What the SMS pages add to `consoleStyles`: choice groups laid out in a row,
 * and a row of actions without its margin (beside a search field).
 */
export const smsStyles = css`
  .actions.tight { margin: 0; }
  .choices { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
`;
