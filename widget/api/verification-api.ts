import type { BookingView, RebookRequest } from '../../sdk/schemas/booking.ts';
import type { CaptchaChallenge, Hold, HoldRequest, Me, MyBookings, PatientSession, SessionRequest, VerificationChallenge, VerificationRequest } from '../../sdk/schemas/verification.ts';
import type { BookingApi } from './booking-api.ts';

/**
 * Holds, codes, the captcha, login and "my bookings" (issue 8) over the
 * widget's plain-fetch client; the same paths as the SDK's `createClient`.
 * In the lazily loaded chunk: the first step never needs them.
 *
 * @example
 * const v = verificationApi(bookingApi({ api, organization, sessionToken: () => token }));
 * const hold = await v.holdSlot({ treatmentId, clinicId, providerId, start });
 */
export function verificationApi(client: Pick<BookingApi, 'call'>) {
  const { call } = client;
  const id = encodeURIComponent;
  return {
    holdSlot: (request: HoldRequest) => call<Hold>('/holds', { method: 'POST', body: request }).then(holdOnDeviceClock),
    renewHold: (holdId: string) => call<Hold>(`/holds/${id(holdId)}/renew`, { method: 'POST', body: {} }).then(holdOnDeviceClock),
    releaseHold: (holdId: string) => call<void>(`/holds/${id(holdId)}`, { method: 'DELETE' }),
    requestCode: (request: VerificationRequest) => call<VerificationChallenge>('/verifications', { method: 'POST', body: request }).then(challengeOnDeviceClock),
    resendCode: (verificationId: string) => call<VerificationChallenge>(`/verifications/${id(verificationId)}/resend`, { method: 'POST', body: {} }).then(challengeOnDeviceClock),
    getCaptchaChallenge: () => call<CaptchaChallenge>('/captcha'),
    login: (request: SessionRequest) => call<PatientSession>('/sessions', { method: 'POST', body: request }),
    me: () => call<Me>('/me'),
    myBookings: () => call<MyBookings>('/me/bookings'),
    rebookMine: (bookingId: string, request: RebookRequest) => call<BookingView>(`/me/bookings/${id(bookingId)}/rebook`, { method: 'POST', body: request }),
    cancelMine: (bookingId: string) => call<BookingView>(`/me/bookings/${id(bookingId)}/cancel`, { method: 'POST', body: {} }),
    logout: () => call<void>('/me/session', { method: 'DELETE' }),
  };
}

/** `seconds` from now on this device's clock, as an instant. */
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * The hold with `expiresAt` moved onto this device's clock (now + the
 * seconds the server counted): the countdown and the "time gone" check hold
 * however wrong the device's clock is.
 */
function holdOnDeviceClock(hold: Hold): Hold {
  return { ...hold, expiresAt: inSeconds(hold.expiresInSeconds) };
}

/** The challenge with `expiresAt` and `resendAt` on this device's clock (see {@link holdOnDeviceClock}). */
function challengeOnDeviceClock(challenge: VerificationChallenge): VerificationChallenge {
  return { ...challenge, expiresAt: inSeconds(challenge.expiresInSeconds), resendAt: inSeconds(challenge.resendInSeconds) };
}

export type VerificationApi = ReturnType<typeof verificationApi>;
