import { css } from 'lit';

/**
 * The console's look, shared by the shell and every page: system colours in
 * light and dark (contrast ≥ 4.5:1 for text, ≥ 3:1 for borders and focus),
 * a visible focus ring, 44 px targets, no motion when the user asks for
 * none. Pages add their own rules after it: `static styles = [consoleStyles, css`…`]`.
 */
export const consoleStyles = css`
  :host {
    display: block;
    color: var(--c-text);
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    line-height: 1.5;
    --c-primary: #1a6b8f;
    --c-on-primary: #fff;
    --c-text: #1d2327;
    --c-muted: #4f5b62;
    --c-bg: #fff;
    --c-page: #f4f6f7;
    --c-surface: #eef2f4;
    --c-border: #6b777e;
    --c-line: #c9d1d6;
    --c-error: #b3261e;
    --c-error-bg: #fdecea;
    --c-success: #1e6b34;
    --c-success-bg: #e6f4ea;
    --c-warning-bg: #fff4d6;
    --c-link: #155a78;
    --c-focus: #1a6b8f;
    --radius: 0.4rem;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --c-primary: #7cc4e4;
      --c-on-primary: #08212c;
      --c-text: #eef1f3;
      --c-muted: #b8c2c8;
      --c-bg: #15191c;
      --c-page: #0e1113;
      --c-surface: #222a2f;
      --c-border: #8d9aa1;
      --c-line: #3a454b;
      --c-error: #ffb4ab;
      --c-error-bg: #3b1512;
      --c-success: #8fd9a0;
      --c-success-bg: #10301a;
      --c-warning-bg: #3a2e0c;
      --c-link: #9fd4ef;
      --c-focus: #9fd4ef;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
  }
  :host([hidden]), [hidden] { display: none !important; }
  * { box-sizing: border-box; }
  h2 { font-size: 1.2rem; margin: 1.25rem 0 0.5rem; }
  h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
  h2:focus, h3:focus { outline: none; }
  h2:focus-visible, h3:focus-visible { outline: 3px solid var(--c-focus); outline-offset: 2px; }
  p { margin: 0.5rem 0; }
  a { color: var(--c-link); }
  :focus-visible { outline: 3px solid var(--c-focus); outline-offset: 2px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .muted, .hint { color: var(--c-muted); font-size: 0.9rem; }
  button, input, select, textarea { font: inherit; color: inherit; }
  button, .button {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.35rem;
    min-height: 2.75rem; min-width: 2.75rem; padding: 0.45rem 1rem; border-radius: var(--radius); cursor: pointer;
    border: 2px solid var(--c-primary); background: var(--c-primary); color: var(--c-on-primary); font-weight: 600; text-decoration: none;
  }
  button.secondary, .button.secondary { background: var(--c-bg); color: var(--c-text); border: 1px solid var(--c-border); font-weight: normal; }
  button.danger { background: var(--c-bg); color: var(--c-error); border: 2px solid var(--c-error); }
  button.link { background: none; border: none; color: var(--c-link); text-decoration: underline; padding: 0.25rem; min-height: 2.75rem; font-weight: normal; }
  button:disabled, button[aria-disabled='true'] { opacity: 0.6; cursor: not-allowed; }
  input:not([type='checkbox']):not([type='radio']), select, textarea {
    min-height: 2.75rem; padding: 0.4rem 0.6rem; border: 1px solid var(--c-border); border-radius: var(--radius);
    background: var(--c-bg); color: var(--c-text); max-width: 100%;
  }
  textarea { min-height: 6rem; width: 100%; resize: vertical; }
  input[type='checkbox'], input[type='radio'] { width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--c-primary); flex: none; }
  [aria-invalid='true'] { border: 2px solid var(--c-error) !important; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; margin: 0 0 0.9rem; max-width: 40rem; }
  .field label, .label { font-weight: 600; }
  .field.inline, .check { display: flex; flex-direction: row; align-items: center; gap: 0.6rem; margin: 0 0 0.6rem; min-height: 2.75rem; }
  .check label { font-weight: normal; }
  .field-error { color: var(--c-error); font-size: 0.9rem; margin: 0; }
  fieldset { border: 1px solid var(--c-line); border-radius: var(--radius); padding: 0.75rem 1rem 0.5rem; margin: 0 0 1rem; min-width: 0; }
  legend { font-weight: 600; padding: 0 0.35rem; }
  .actions, .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin: 0.75rem 0; }
  .toolbar { justify-content: space-between; }
  .card { background: var(--c-bg); border: 1px solid var(--c-line); border-radius: var(--radius); padding: 1rem; margin: 0 0 1rem; }
  .notice { padding: 0.6rem 0.9rem; border-radius: var(--radius); margin: 0.5rem 0; border: 1px solid var(--c-line); }
  .notice.error { background: var(--c-error-bg); border-color: var(--c-error); }
  .notice.success { background: var(--c-success-bg); border-color: var(--c-success); }
  .notice.warning { background: var(--c-warning-bg); }
  .notice ul { margin: 0.25rem 0; padding-left: 1.25rem; }
  .table-wrap { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; width: 100%; background: var(--c-bg); }
  caption { text-align: start; font-weight: 600; padding: 0.5rem 0; }
  th, td { text-align: start; padding: 0.5rem 0.6rem; border-bottom: 1px solid var(--c-line); vertical-align: top; }
  th { background: var(--c-surface); font-weight: 600; }
  .badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 1rem; border: 1px solid var(--c-border); font-size: 0.85rem; white-space: nowrap; }
  .grid-2 { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); align-items: start; }
  dialog { border: 1px solid var(--c-border); border-radius: var(--radius); background: var(--c-bg); color: var(--c-text); padding: 1.25rem; max-width: min(40rem, 95vw); width: 100%; }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  .dialog-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
  .dialog-head h2 { margin-top: 0.25rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
`;
