/** The texts of the code step, the captcha, the login view and "my bookings" (issue 8), per language. */
export interface VerifyTexts {
  /** "We sent a code to +47 ••• •• 432". */
  sentTo: (where: string) => string;
  codeLabel: string;
  codeHint: string;
  submitCode: string;
  checking: string;
  resend: string;
  resendIn: (seconds: number) => string;
  resent: string;
  /** How long the chosen time is held. */
  heldFor: (time: string) => string;
  wrongCode: (attemptsLeft: number) => string;
  noTriesLeft: string;
  codeExpired: string;
  newCode: string;
  codeInvalid: string;
  /** After a rate limit: try again in this many minutes. */
  tryAgainIn: (minutes: number) => string;
  holdExpired: string;
  captchaSolving: string;
  captchaDone: string;
  captchaFailed: string;
  logOut: string;
  loggedOut: string;
  loggedInAs: (who: string) => string;
  mobileLabel: string;
  sendCode: string;
  eidLogin: string;
  eidFailed: string;
  loginRequired: string;
  whoIsBooking: string;
  newPatient: string;
  myBookings: string;
  /** The account entry when logged in and bookings are not shown. */
  myPage: string;
  noBookings: string;
  bookNew: string;
  openBooking: string;
  backToList: string;
}
