/**
 * The steps after the first ones, in their own chunk: the patient's first
 * screen does not wait for them; they load right after it shows.
 */
export { manageView, confirmRebookView } from './manage-view.ts';
export { Verifier } from '../verification/verifier.ts';
export { verificationView, accountEntryLabel } from '../verification/verification-views.ts';
export { WeekBrowser } from '../week-browser.ts';
export * as bookingActions from '../booking-actions.ts';
export { renderLaterStep, renderTime } from '../render-later.ts';
export { laterStyles } from '../later-styles.ts';
