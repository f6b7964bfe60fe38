/**
 * The steps after the first ones, in their own chunk: the patient's first
 * screen does not wait for them; they load right after it shows.
 */
export { timeStep } from './time-step.ts';
export { detailsStep } from './details-step.ts';
export { confirmStep } from './confirm-step.ts';
export { doneStep } from './done-step.ts';
export { manageView, confirmRebookView } from './manage-view.ts';
export { Verifier } from '../verification/verifier.ts';
export { verificationView, captchaStatus, accountEntryLabel } from '../verification/verification-views.ts';
export { detailsValidator, translateIssue } from '../validation/details-validator.ts';
export { WeekBrowser } from '../week-browser.ts';
export * as bookingActions from '../booking-actions.ts';
export { renderLaterStep, renderTime } from '../render-later.ts';
export { laterStyles } from '../later-styles.ts';
