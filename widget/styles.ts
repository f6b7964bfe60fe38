import { css } from 'lit';

/**
 * The widget's look. Every colour, font and size comes from an `--opus-*`
 * custom property with the organization's theme (set through the CSSOM as `--_org-*`, which a strict CSP allows)
 * or a neutral value as the fallback. The later steps' own rules (time,
 * form, code, receipt) come with their chunk (`later-styles.ts`).
 */
export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    color: var(--_text);
    font-family: var(--opus-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--opus-font-size, 1rem);
    line-height: 1.5;
    --_primary: var(--opus-color-primary, var(--_org-primary, #1a6b8f));
    --_on-primary: var(--opus-color-on-primary, #fff);
    --_accent: var(--opus-color-accent, var(--_org-accent, #f2a33a));
    --_text: var(--opus-color-text, #1d2327);
    --_muted: var(--opus-color-muted, #4f5b62);
    --_bg: var(--opus-color-background, #fff);
    --_surface: var(--opus-color-surface, #f4f6f7);
    --_border: var(--opus-color-border, #6b777e);
    --_error: var(--opus-color-error, #b3261e);
    --_success: var(--opus-color-success, #1e6b34);
    --_link: var(--opus-color-link, var(--_primary));
    --_radius: var(--opus-radius, 0.5rem);
    --_focus: var(--opus-focus-ring, 3px solid var(--_primary));
  }
  :host([hidden]) { display: none; }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--opus-color-text, #eef1f3);
      --_muted: var(--opus-color-muted, #b8c2c8);
      --_bg: var(--opus-color-background, #15191c);
      --_surface: var(--opus-color-surface, #222a2f);
      --_border: var(--opus-color-border, #8d9aa1);
      --_error: var(--opus-color-error, #ffb4ab);
      --_success: var(--opus-color-success, #8fd9a0);
      --_link: var(--opus-color-link, #9fd4ef);
      --_focus: var(--opus-focus-ring, 3px solid #9fd4ef);
    }
  }
  * { box-sizing: border-box; }
  .base { background: var(--_bg); color: var(--_text); padding: var(--opus-padding, 1rem); border-radius: var(--_radius); min-height: var(--opus-min-height, 34rem); }
  /* The height a first step takes, reserved from the first frame so the host page does not shift: the summary stacks below the step when narrow. */
  @container (max-width: 43.99rem) { .base { min-height: var(--opus-min-height, 54rem); } }
  dialog .base { min-height: 0; }
  .header { display: flex; align-items: center; gap: 0.75rem; margin-bottom: 0.5rem; }
  .logo { max-height: 3rem; max-width: 10rem; }
  .layout { display: grid; gap: 1.5rem; }
  @container (min-width: 44rem) { .layout.with-summary { grid-template-columns: minmax(0, 1fr) 16rem; } }
  h2 { font-size: 1.35rem; margin: 0.25rem 0 0.75rem; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: var(--_focus); outline-offset: 2px; }
  h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
  p { margin: 0.5rem 0; }
  .progress, .hint, .muted, .option-detail, .day-count, .field-mode { color: var(--_muted); font-size: 0.9rem; }
  .text { white-space: pre-line; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  a { color: var(--_link); }
  button, input, textarea { font: inherit; color: inherit; }
  button {
    min-height: 2.75rem; min-width: 2.75rem; padding: 0.5rem 1rem; border-radius: var(--_radius); cursor: pointer;
    border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); font-weight: 600;
  }
  button.secondary, .option, .day, .time { background: var(--_bg); color: var(--_text); border: 1px solid var(--_border); font-weight: normal; }
  button.danger { background: var(--_error); border-color: var(--_error); color: var(--_bg); }
  button:disabled, button[aria-disabled='true'] { opacity: 0.55; cursor: not-allowed; }
  :focus-visible { outline: var(--_focus); outline-offset: 2px; }
  .options, .times { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  .option { width: 100%; display: flex; gap: 0.75rem; align-items: center; text-align: start; padding: 0.6rem 0.9rem; }
  .option-text { display: flex; flex-direction: column; }
  .option-title { font-weight: 600; }
  .photo { border-radius: 50%; object-fit: cover; flex: none; }
  [aria-pressed='true'] { border: 2px solid var(--_primary); background: var(--_surface); box-shadow: inset 0.3rem 0 0 var(--_primary); }
  .group-heading { color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.85rem; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 1rem; }
  .nav { margin-top: 1.25rem; }
  .summary { background: var(--_surface); border-radius: var(--_radius); padding: 0.75rem 1rem; align-self: start; }
  .summary-heading { font-size: 1.05rem; margin: 0 0 0.5rem; }
  dl { margin: 0; }
  dt { font-weight: 600; font-size: 0.9rem; margin-top: 0.5rem; }
  dd { margin: 0; }
  .problem, .off, .caution { border-inline-start: 0.3rem solid var(--_error); background: var(--_surface); padding: 0.75rem 1rem; border-radius: var(--_radius); }
  .off, .caution { border-color: var(--_accent); }
  .loading { display: flex; gap: 0.75rem; align-items: center; min-height: 10rem; justify-content: center; color: var(--_muted); }
  .spinner { width: 1.5rem; height: 1.5rem; border-radius: 50%; border: 3px solid var(--_surface); border-top-color: var(--_primary); }
  @media (prefers-reduced-motion: no-preference) { .spinner { animation: spin 0.9s linear infinite; } }
  @keyframes spin { to { transform: rotate(360deg); } }
  dialog { border: none; border-radius: var(--_radius); padding: 0; width: min(56rem, 100vw - 1rem); max-height: calc(100dvh - 1rem); background: var(--_bg); color: var(--_text); }
  dialog::backdrop { background: rgb(0 0 0 / 0.5); }
  .dialog-bar { display: flex; justify-content: flex-end; padding: 0.5rem 0.5rem 0; }
  @media (forced-colors: active) { [aria-pressed='true'] { outline: 3px solid CanvasText; } }
`;
