import type { BookingView } from '../../sdk/schemas/booking.ts';
import { OpusApiError } from '../../sdk/errors.ts';
import type { Hold, Me, PatientSession, SessionPatient, VerificationChallenge, VerificationRequest } from '../../sdk/schemas/verification.ts';
import { verificationApi } from '../api/verification-api.ts';
import type { BookingFlow } from '../booking-flow.ts';
import { codeOf, errorText, isSlotGone, reportError } from '../flow-errors.ts';
import type { FlowHost } from '../flow-host.ts';
import { formatDateTime } from '../internal/format.ts';
import { verificationFor } from '../internal/verification-rules.ts';
import { ManageFlow } from '../manage-flow.ts';
import { secondsUntil } from './code-form.ts';
import { loadVerifyTexts } from './texts/load.ts';
import type { VerifyTexts } from './texts/types.ts';

/** What the e-ID login uses of the window (a test passes its own). */
export type EidWindow = Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'> & { location: Pick<Location, 'href' | 'origin' | 'pathname' | 'search' | 'assign'> };

/** Renew a hold on the patient's activity at most this often. */
const RENEW_EVERY_MS = 60_000;

/** A code on its way and what the patient typed for it (the booking's code step or the login). */
export interface CodeState {
  challenge: VerificationChallenge;
  code: string;
  error: string | undefined;
  /** The code can no longer be used (expired, no tries left): offer a new one. */
  spent: boolean;
}

/** The login: typing the mobile, then the code, then (several records) whose booking it is. */
export interface LoginState {
  phase: 'mobile' | 'code' | 'choose';
  mobile: string;
  mobileError: string | undefined;
  code: CodeState | undefined;
  error: string | undefined;
}

const freshLogin = (): LoginState => ({ phase: 'mobile', mobile: '', mobileError: undefined, code: undefined, error: undefined });

/** The six digits typed (spaces allowed, "123 456"), or undefined when it is not a code. */
function typedCode(state: CodeState): string | undefined {
  const code = state.code.replace(/\s/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}

/**
 * Everything of issue 8 on the widget's side, loaded with the later steps:
 * the code step (hold the time, send a code, book with it), the captcha
 * solved in the background, the login (SMS code or e-ID) and "my bookings".
 * One per booking flow; the flow calls it at its seams (details shown,
 * confirm, back, a time gone) and renders its views.
 *
 * @example
 * flow.verify((v) => v.confirm()); // hold + code, captcha, or straight to booking
 */
export class Verifier {
  texts: VerifyTexts | undefined;
  private textsLocale: string | undefined;
  busy = false;
  // ------------------------------------------------------------ code step
  hold: Hold | undefined;
  /** Gives the hold back through the client that made it (the element may have another by then). */
  private releaseHold: (() => Promise<unknown>) | undefined;
  code: CodeState | undefined;
  private lastRenew = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  // -------------------------------------------------------------- captcha
  captcha: 'idle' | 'solving' | 'done' | 'failed' = 'idle';
  private captchaPayload: string | undefined;
  private captchaRun: Promise<string | undefined> | undefined;
  // ---------------------------------------------------------------- login
  login: LoginState = freshLogin();
  /** "My bookings" (undefined until loaded) and the one opened, with the manage view's flow. */
  bookings: BookingView[] | undefined;
  bookingsError: string | undefined;
  opened: ManageFlow | undefined;
  openedId: string | undefined;
  accountNotice: string | undefined;
  private popupListener: ((event: MessageEvent) => void) | undefined;

  constructor(private readonly host: FlowHost, private readonly flow: BookingFlow) {
    void this.loadTexts();
  }

  private get api() {
    return verificationApi(this.host.client!);
  }

  private get org() {
    return this.host.session.org!;
  }

  /** The texts of the session's locale (loaded once per locale; the host renders again when here). */
  loadTexts(): Promise<VerifyTexts | undefined> {
    const locale = this.host.session.locale;
    if (this.texts && this.textsLocale === locale) return Promise.resolve(this.texts);
    return loadVerifyTexts(locale).then((texts) => {
      this.texts = texts;
      this.textsLocale = locale;
      this.host.requestUpdate();
      return texts;
    }, () => undefined);
  }

  /**
   * The flow (re)started (another organization, locale or preselection): the
   * held time is given back (through the client that held it), the code,
   * captcha, login and list of the previous start forgotten; on the hosted
   * page a session cookie (back from e-ID) is picked up, or a failed e-ID said.
   */
  begin(): void {
    this.reset();
    this.captcha = 'idle';
    this.captchaPayload = undefined;
    this.captchaRun = undefined;
    this.login = freshLogin();
    this.bookings = this.bookingsError = this.accountNotice = undefined;
    this.closeBooking(false);
    // Only the hosted page (the API's own origin) can have a session cookie, e.g. back from e-ID.
    if (!this.org.settings.flexibility.login || this.apiOrigin() !== location.origin) return;
    if (new URLSearchParams(location.search).get('eid') === 'failed') void this.eidFailedOnReturn();
    else if (!this.host.patient.me) this.api.me().then((me) => this.loggedIn(me), () => {});
  }

  /** Back on the hosted page from a failed e-ID login (`?eid=failed`): the login view says so (once: a reload does not). */
  private async eidFailedOnReturn(): Promise<void> {
    const url = new URL(location.href);
    url.searchParams.delete('eid');
    history.replaceState(history.state, '', url);
    const texts = await this.loadTexts();
    if (!texts || this.host.patient.me) return;
    this.openAccount();
    this.login.error = texts.eidFailed; // an alert
  }

  // ============================================================ code step

  /** Confirm pressed: hold the time and send a code, solve/await the captcha, or book. */
  async confirm(): Promise<void> {
    if (this.flow.busy || this.busy) return;
    const kind = this.kind();
    this.restep();
    if (kind === 'code') return this.startCode();
    if (kind === 'captcha') return this.bookWithCaptcha();
    return this.flow.book({}, (error) => this.required(error));
  }

  /** How this booking will be verified, for who is logged in and the mobile typed. */
  kind() {
    return verificationFor(this.org.settings.flexibility, this.host.patient.me, this.flow.values);
  }

  /** The steps again, with the code step only when a code will be asked for. */
  restep(): void {
    this.flow.restep(this.kind() === 'code');
  }

  /** The server asked for a verification the widget did not expect (settings changed meanwhile, or the session ran out). */
  private required(error: unknown): boolean {
    if (this.loginRequired(error)) return true;
    if (codeOf(error) !== 'verification_required') return false;
    const kind = (error as OpusApiError).problem?.verification;
    if (kind === 'code') void this.startCode();
    else if (kind === 'captcha') void this.bookWithCaptcha();
    else return false;
    return true;
  }

  /** A new booking requires login and the session ran out: it is forgotten, any hold given back, and the login step comes back. */
  private loginRequired(error: unknown): boolean {
    if (codeOf(error) !== 'login_required') return false;
    this.reset();
    this.forgetSession();
    this.restep();
    if (!this.flow.steps.includes('login')) return false;
    this.flow.go('login');
    return true;
  }

  private async startCode(): Promise<void> {
    const texts = await this.loadTexts();
    if (!texts) return;
    this.busy = this.flow.busy = true;
    this.flow.actionError = undefined;
    this.host.requestUpdate();
    const request = this.flow.request();
    const api = this.api;
    let hold: Hold | undefined;
    try {
      hold = await api.holdSlot({ treatmentId: request.treatmentId, clinicId: request.clinicId, providerId: request.providerId, start: request.start });
      const challenge = await api.requestCode(this.bookingCodeRequest(hold.holdId));
      const { holdId } = hold;
      this.releaseHold = () => api.releaseHold(holdId);
      this.hold = hold;
      this.lastRenew = Date.now();
      this.code = { challenge, code: '', error: undefined, spent: false };
      this.flow.restep(true);
      this.flow.go('code');
      this.host.focusAfterRender('#field-code');
      this.tick();
    } catch (error) {
      reportError(this.host, error);
      // Nothing half-done: a hold without a code is released at once.
      if (hold && !this.hold) api.releaseHold(hold.holdId).catch(() => {});
      if (isSlotGone(error)) this.flow.slotGone();
      else this.flow.actionError = this.problemText(error);
    } finally {
      this.busy = this.flow.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The code request of the booking's code step: to the typed e-mail or mobile, as the organization asks. */
  private bookingCodeRequest(holdId: string | undefined): VerificationRequest {
    const { patient } = this.flow.request();
    const byEmail = this.org.settings.flexibility.codeChallenge === 'email';
    return { purpose: 'booking', holdId, locale: this.host.session.locale, ...(byEmail ? { email: patient.email } : { mobile: patient.mobile }) };
  }

  /** The code step's submit: book with the hold and the code (the flow keeps its Idempotency-Key). */
  async submitCode(): Promise<void> {
    const state = this.code;
    const hold = this.hold;
    if (!state || !hold || this.flow.busy || this.busy) return;
    const code = typedCode(state);
    if (!code) return this.codeError(state, this.texts!.codeInvalid);
    state.error = undefined;
    await this.flow.book({ holdId: hold.holdId, verification: { id: state.challenge.verificationId, code } }, (error) => this.codeFailed(state, error));
    if (this.flow.step === 'done') this.reset(false);
  }

  /** A wrong, expired or too-often tried code: said at the field, and focus returns to it. */
  private codeFailed(state: CodeState, error: unknown): boolean {
    const code = codeOf(error);
    const v = this.texts!;
    if (this.loginRequired(error)) return true;
    if (code === 'hold_expired') {
      this.reset(false);
      this.flow.slotGone(v.holdExpired);
      return true;
    }
    if (code === 'verification_failed') {
      const left = (error as OpusApiError).problem?.attemptsLeft ?? 0;
      state.spent = left <= 0;
      this.codeError(state, left > 0 ? v.wrongCode(left) : v.noTriesLeft);
      return true;
    }
    if (code === 'verification_expired') {
      state.spent = true;
      this.codeError(state, v.codeExpired);
      return true;
    }
    if (code === 'rate_limited') {
      this.codeError(state, this.problemText(error));
      return true;
    }
    return false;
  }

  private codeError(state: CodeState, text: string): void {
    state.error = text;
    this.host.announce(text);
    this.host.focusAfterRender(state.spent ? '[part~="new-code"]' : '#field-code');
    this.host.requestUpdate();
  }

  /** The patient types: the text is kept, and the hold renewed (at most once a minute). */
  inputCode(state: CodeState, value: string): void {
    state.code = value;
    const hold = this.hold;
    if (!hold || state !== this.code || Date.now() - this.lastRenew < RENEW_EVERY_MS) return;
    this.lastRenew = Date.now();
    this.api.renewHold(hold.holdId).then((renewed) => {
      if (this.hold?.holdId === hold.holdId) this.hold = renewed;
      this.host.requestUpdate();
    }, () => {});
  }

  /** "Send a new code": the same verification once allowed, or (spent) a new one. */
  async resend(state: CodeState, purpose: 'booking' | 'login'): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      let challenge: VerificationChallenge;
      if (state.spent) {
        challenge = await this.api.requestCode(purpose === 'login'
          ? { purpose, mobile: this.login.mobile.trim(), locale: this.host.session.locale }
          : this.bookingCodeRequest(this.hold?.holdId));
      } else challenge = await this.api.resendCode(state.challenge.verificationId);
      Object.assign(state, { challenge, code: '', error: undefined, spent: false });
      this.host.announce(this.texts!.resent);
      this.host.focusAfterRender('#field-code');
    } catch (error) {
      reportError(this.host, error);
      this.codeError(state, this.problemText(error));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Seconds until a new code may be asked for. */
  resendIn(state: CodeState): number {
    return secondsUntil(state.challenge.resendAt, Date.now());
  }

  /** Forget the code step; `release` (leaving it: Back, another view, a restart) also gives the held time back. */
  reset(release = true): void {
    if (this.hold && release) this.releaseHold?.().catch(() => {});
    this.hold = this.releaseHold = undefined;
    this.code = undefined;
  }

  /** Once a second while a code is shown: the countdowns move; a hold run out sends the patient back to the times. */
  private tick(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => {
      const shown = (this.flow.step === 'code' && this.code) || (this.login.phase === 'code' && this.login.code);
      if (!shown || !this.host.isConnected) {
        clearInterval(this.ticker);
        this.ticker = undefined;
        return;
      }
      if (this.flow.step === 'code' && this.hold && Date.parse(this.hold.expiresAt) <= Date.now()) {
        this.reset(false);
        this.flow.slotGone(this.texts!.holdExpired);
      }
      this.host.requestUpdate();
    }, 1000);
  }

  // ============================================================== captcha

  /**
   * The details step shows: the proof-of-work starts in the background when
   * the booking will need it (logged in, that depends on the details typed:
   * known when they are done).
   */
  detailsShown(): void {
    if (!this.host.patient.me && this.kind() === 'captcha') void this.solveCaptcha();
    // Booking again while logged in: the form starts from the one record again.
    const me = this.host.patient.me;
    if (me?.patients.length === 1 && !Object.values(this.flow.values).some(Boolean)) {
      this.prefill(me.patients[0]);
      this.host.requestUpdate();
    }
  }

  /** The details are done: the confirm step counts the code step only when one will be asked for. */
  confirmShown(): void {
    this.restep();
    if (this.kind() === 'captcha') void this.solveCaptcha();
    this.host.requestUpdate();
  }

  /** Solves a fresh challenge once (a solution is used by one booking). */
  solveCaptcha(): Promise<string | undefined> {
    if (this.captchaRun) return this.captchaRun;
    this.captcha = 'solving';
    void this.loadTexts();
    this.host.requestUpdate();
    const run = this.api.getCaptchaChallenge()
      .then(async (challenge) => (await import('./solve-altcha.ts')).solveAltcha(challenge))
      .then((payload) => {
        if (this.captchaRun !== run) return undefined;
        this.captchaPayload = payload;
        this.captcha = 'done';
        return payload;
      }, (error: unknown) => {
        if (this.captchaRun !== run) return undefined;
        reportError(this.host, error instanceof OpusApiError ? error : new OpusApiError(0, 'network', `captcha: ${String(error)}`));
        this.captcha = 'failed';
        this.captchaRun = undefined; // shown (an alert) with a retry beside the step
        return undefined;
      })
      .finally(() => this.host.requestUpdate());
    this.captchaRun = run;
    return run;
  }

  /** Try the captcha again after a failure. */
  retryCaptcha(): void {
    void this.solveCaptcha();
  }

  private async bookWithCaptcha(): Promise<void> {
    this.flow.busy = true;
    this.host.requestUpdate();
    const payload = this.captchaPayload ?? (await this.solveCaptcha());
    this.flow.busy = false;
    if (!payload) return this.host.requestUpdate();
    let unanswered = false;
    await this.flow.book({ captcha: payload }, (error) => {
      // No answer (a timeout): the retry is the same booking, with the same solution and Idempotency-Key.
      unanswered = codeOf(error) === 'network';
      if (this.loginRequired(error)) return true;
      if (!String(codeOf(error)).startsWith('verification_')) return false;
      this.captcha = 'failed'; // shown with its retry beside the step
      return true;
    });
    if (unanswered) return;
    // A solution is good for one booking: the next attempt solves a new one.
    this.captchaPayload = undefined;
    this.captchaRun = undefined;
    if (this.captcha === 'failed') return;
    this.captcha = 'idle';
    if (this.flow.step === 'confirm') void this.solveCaptcha();
  }

  // ================================================================ login

  /** The "Log in" entry: the account view (login, or my bookings when logged in). */
  openAccount(): void {
    void this.loadTexts();
    // Leaving the code step gives the held time back; returning shows the confirm step again.
    if (this.flow.step === 'code') {
      this.reset();
      this.flow.step = 'confirm';
    }
    this.flow.view = 'account';
    this.accountNotice = undefined;
    this.closeBooking(false);
    if (this.host.patient.me) void this.loadBookings();
    this.showAccount();
  }

  /** Back from the account view to booking. */
  closeAccount(): void {
    this.flow.view = 'steps';
    this.flow.go(this.flow.step);
  }

  showAccount(): void {
    this.host.stepShown('account', 0, 0, this.accountTitle() ?? '');
  }

  /** The account view's title: "Log in", or once logged in "My appointments" ("My page" without the list). */
  accountTitle(): string | undefined {
    if (!this.host.patient.me) return this.host.session.t!.steps.login;
    return this.org.settings.flexibility.showBookings ? this.texts?.myBookings : this.texts?.myPage;
  }

  inputMobile(value: string): void {
    this.login.mobile = value;
    if (this.login.mobileError && value.trim()) {
      this.login.mobileError = undefined;
      this.host.requestUpdate();
    }
  }

  /** Sends the login code by SMS to the typed mobile. */
  async sendLoginCode(): Promise<void> {
    const v = this.texts;
    if (!v || this.busy) return;
    const mobile = this.login.mobile.trim();
    if (!mobile) {
      this.login.mobileError = this.host.session.t!.errors.required;
      this.host.announce(this.login.mobileError);
      this.host.focusAfterRender('#field-login-mobile');
      return this.host.requestUpdate();
    }
    this.busy = true;
    this.login.error = undefined;
    this.host.requestUpdate();
    try {
      const challenge = await this.api.requestCode({ purpose: 'login', mobile, locale: this.host.session.locale });
      this.login.code = { challenge, code: '', error: undefined, spent: false };
      this.login.phase = 'code';
      this.host.announce(v.sentTo(challenge.sentTo));
      this.host.focusAfterRender('#field-code');
      this.tick();
    } catch (error) {
      reportError(this.host, error);
      this.login.error = this.problemText(error); // an alert
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The login code: a session, kept in memory only (the hosted page's server also sets its HttpOnly cookie). */
  async submitLoginCode(): Promise<void> {
    const state = this.login.code;
    if (!state || this.busy) return;
    const code = typedCode(state);
    if (!code) return this.codeError(state, this.texts!.codeInvalid);
    this.busy = true;
    state.error = undefined;
    this.host.requestUpdate();
    try {
      const session = await this.api.login({ verification: { id: state.challenge.verificationId, code } });
      await this.startSession(session);
    } catch (error) {
      reportError(this.host, error);
      if (!this.codeFailed(state, error)) this.codeError(state, this.problemText(error));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private async startSession(session: PatientSession): Promise<void> {
    this.host.patient.token = session.token;
    this.loggedIn(await this.api.me());
  }

  /** Logged in: the login step moves on (prefilled, or whose booking), the account view lists the bookings. */
  private loggedIn(me: Me): void {
    this.host.patient.me = me;
    this.login = freshLogin();
    const wasLoginStep = this.flow.view === 'steps' && this.flow.step === 'login';
    if (wasLoginStep && me.patients.length > 1) {
      this.login.phase = 'choose';
      if (this.texts) this.host.announce(this.texts.whoIsBooking);
      this.host.focusAfterRender('#step-heading');
      return this.host.requestUpdate();
    }
    this.prefill(me.patients[0]);
    this.restep();
    if (wasLoginStep) return this.flow.go('details');
    if (this.flow.view === 'account') {
      void this.loadBookings();
      return this.showAccount();
    }
    this.host.requestUpdate();
  }

  /** Whose booking it is (several records share the mobile); `undefined`: a new patient types their details. */
  choosePatient(patient: SessionPatient | undefined): void {
    this.login.phase = 'mobile';
    this.prefill(patient);
    this.restep();
    this.flow.go('details');
  }

  private prefill(patient: SessionPatient | undefined): void {
    const me = this.host.patient.me;
    const values = { ...this.flow.values };
    if (patient) Object.assign(values, { firstName: patient.firstName, lastName: patient.lastName, nationalId: patient.nationalId, ...(patient.email ? { email: patient.email } : {}) });
    const mobile = patient?.mobile ?? me?.mobile;
    if (mobile) values.mobile = mobile;
    this.flow.values = values;
  }

  /**
   * e-ID login. On the hosted page (the API's own origin) the page goes to
   * the broker and comes back with the session cookie; embedded on another
   * origin a popup does the login and posts the session back, once.
   */
  eidLogin(win: EidWindow = window): void {
    const base = this.apiBase(win.location.href);
    const start = `${base.href.replace(/\/$/, '')}/auth/eid/start`;
    const here = win.location;
    if (base.origin === here.origin) {
      here.assign(`${start}?mode=redirect&returnTo=${encodeURIComponent(here.pathname + here.search)}`);
      return;
    }
    const popup = win.open(`${start}?mode=popup&origin=${encodeURIComponent(here.origin)}`, 'opus-eid', 'popup,width=520,height=680');
    if (!popup) {
      this.login.error = this.texts!.eidFailed;
      return this.host.requestUpdate();
    }
    if (this.popupListener) win.removeEventListener('message', this.popupListener);
    this.login.error = undefined;
    // Exactly one message: from the popup opened here, on the API's origin, of our types; anything else is ignored.
    this.popupListener = (event: MessageEvent) => {
      const type = (event.data as { type?: unknown } | null)?.type;
      if (event.source !== popup || event.origin !== base.origin || (type !== 'opus-session' && type !== 'opus-session-failed')) return;
      win.removeEventListener('message', this.popupListener!);
      this.popupListener = undefined;
      void Promise.resolve().then(async () => {
        const session = (event.data as { session?: unknown }).session;
        if (type !== 'opus-session' || !isPatientSession(session)) throw new Error('not a session');
        await this.startSession(session);
      }).catch(() => {
        this.login.error = this.texts!.eidFailed; // an alert
        this.host.requestUpdate();
      });
    };
    win.addEventListener('message', this.popupListener);
  }

  /** The organization's API, e.g. `https://booking.example.no/api/v1/organizations/demo`. */
  private apiBase(page = location.href): URL {
    return new URL(`${(this.host.api ?? '').replace(/\/$/, '')}/api/v1/organizations/${encodeURIComponent(this.host.organization ?? '')}`, page);
  }

  private apiOrigin(): string {
    return this.apiBase().origin;
  }

  /** Ends the session here and on the server. */
  async logout(): Promise<void> {
    try {
      await this.api.logout();
    } catch (error) {
      reportError(this.host, error); // The token is forgotten anyway.
    }
    this.forgetSession();
    this.closeBooking(false);
    this.restep();
    this.accountNotice = this.texts!.loggedOut;
    this.showAccount();
    this.host.announce(this.texts!.loggedOut);
  }

  /** The session is over (logged out, run out): its token, the patient and their list are forgotten. */
  private forgetSession(): void {
    this.host.patient.token = undefined;
    this.host.patient.me = undefined;
    this.bookings = undefined;
  }

  // ========================================================= my bookings

  async loadBookings(): Promise<void> {
    if (!this.org.settings.flexibility.showBookings) return;
    this.bookingsError = undefined;
    try {
      this.bookings = (await this.api.myBookings()).bookings;
    } catch (error) {
      reportError(this.host, error);
      this.bookingsError = this.problemText(error);
      if (codeOf(error) === 'login_required') this.forgetSession();
    }
    this.host.requestUpdate();
  }

  /** Opens one of my bookings in the manage view (see, move, cancel), under the manage link's rules. */
  openBooking(id: string): void {
    const api = this.api;
    const current = () => this.bookings?.find((b) => b.id === id);
    const set = (booking: BookingView) => {
      this.bookings = this.bookings?.map((b) => (b.id === id ? booking : b));
      return booking;
    };
    this.openedId = id;
    this.opened = new ManageFlow(this.host, {
      booking: current,
      rebook: (request) => api.rebookMine(id, request).then(set),
      cancel: () => api.cancelMine(id).then(set),
      reload: () => api.myBookings().then(({ bookings }) => { this.bookings = bookings; }),
    });
    this.opened.begin();
  }

  /** Back to the list from one booking. */
  closeBooking(show = true): void {
    const id = this.openedId;
    this.opened = undefined;
    this.openedId = undefined;
    if (!show) return;
    this.showAccount();
    if (id) this.host.focusAfterRender(`[data-open="${id}"]`);
  }

  /** A booking's line in the list: when, what, where. */
  describe(b: BookingView): string {
    return [formatDateTime(b.start, this.host.session.locale, b.timeZone), b.treatment?.name, b.clinic.name].filter(Boolean).join(', ');
  }

  // ================================================================ texts

  /** The patient's message for a failure; rate limits say when to try again. */
  problemText(error: unknown): string {
    if (codeOf(error) === 'rate_limited' && this.texts) {
      const seconds = (error as OpusApiError).retryAfter;
      if (seconds) return this.texts.tryAgainIn(Math.max(1, Math.ceil(seconds / 60)));
    }
    return errorText(error, this.host.session.t!);
  }
}

/**
 * Whether the eID popup's message carries a session of the contract's shape
 * (`PatientSession` in sdk/schemas/verification.ts), checked by hand: the
 * widget does not bundle zod for one message from the API's own origin.
 */
function isPatientSession(value: unknown): value is PatientSession {
  const session = value as Partial<Record<keyof PatientSession, unknown>> | null;
  return typeof session === 'object' && session !== null
    && typeof session.token === 'string' && /^[A-Za-z0-9_-]{16,100}$/.test(session.token)
    && (session.method === 'sms' || session.method === 'eid')
    && typeof session.expiresAt === 'string' && !Number.isNaN(Date.parse(session.expiresAt))
    && Number.isInteger(session.idleTimeoutSeconds);
}
