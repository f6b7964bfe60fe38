import { OpusApiError } from '../../../sdk/errors.ts';
import type { Locale } from '../../../sdk/schemas/common.ts';
import { translator, type Texts } from '../i18n.ts';

/** Texts every page uses: loading, retry, save and reset, failures in words. */
const texts = {
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved.',
    reset: 'Reset',
    resetHint: 'Reset undoes the changes not yet saved.',
    unsaved: 'You have changes that are not saved.',
    cancel: 'Cancel',
    close: 'Close',
    fieldsNeedAttention: '{count} fields need attention:',
    fieldNeedsAttention: 'One field needs attention:',
    saveFailed: 'Not saved. Your changes are kept here: correct them or try again.',
    errorNetwork: 'The server could not be reached. Check the connection and try again.',
    errorSession: 'Your session has ended. Log in again.',
    errorForbidden: 'Your role does not allow this.',
    errorNotFound: 'It no longer exists: it may have been deleted by someone else.',
    errorConflict: 'Someone else changed this at the same time. Reload and try again.',
    errorSlotTaken: 'That time was just taken. Choose another time.',
    errorRateLimited: 'Too many attempts. Wait {seconds} seconds and try again.',
    errorTooLarge: 'The file or text is too large.',
    errorValidation: 'Some of what was entered is not valid.',
    errorServer: 'Something went wrong on the server (HTTP {status}). Try again in a moment.',
    errorUnknown: 'Something went wrong. Try again.',
    previous: 'Previous page',
    next: 'Next page',
    none: 'Nothing here yet.',
  },
  nb: {
    loading: 'Laster …',
    retry: 'Prøv igjen',
    save: 'Lagre',
    saving: 'Lagrer …',
    saved: 'Lagret.',
    reset: 'Tilbakestill',
    resetHint: 'Tilbakestill angrer endringene som ikke er lagret.',
    unsaved: 'Du har endringer som ikke er lagret.',
    cancel: 'Avbryt',
    close: 'Lukk',
    fieldsNeedAttention: '{count} felt må rettes:',
    fieldNeedsAttention: 'Ett felt må rettes:',
    saveFailed: 'Ikke lagret. Endringene dine er beholdt her: rett dem eller prøv igjen.',
    errorNetwork: 'Fikk ikke kontakt med serveren. Sjekk tilkoblingen og prøv igjen.',
    errorSession: 'Økten er avsluttet. Logg inn igjen.',
    errorForbidden: 'Rollen din gir ikke tilgang til dette.',
    errorNotFound: 'Dette finnes ikke lenger: noen andre kan ha slettet det.',
    errorConflict: 'Noen andre endret dette samtidig. Last inn på nytt og prøv igjen.',
    errorSlotTaken: 'Den tiden ble nettopp tatt. Velg en annen tid.',
    errorRateLimited: 'For mange forsøk. Vent {seconds} sekunder og prøv igjen.',
    errorTooLarge: 'Filen eller teksten er for stor.',
    errorValidation: 'Noe av det som er fylt inn, er ikke gyldig.',
    errorServer: 'Noe gikk galt på serveren (HTTP {status}). Prøv igjen om litt.',
    errorUnknown: 'Noe gikk galt. Prøv igjen.',
    previous: 'Forrige side',
    next: 'Neste side',
    none: 'Ingenting her ennå.',
  },
  sv: {
    loading: 'Laddar …',
    retry: 'Försök igen',
    save: 'Spara',
    saving: 'Sparar …',
    saved: 'Sparat.',
    reset: 'Återställ',
    resetHint: 'Återställ ångrar ändringarna som inte är sparade.',
    unsaved: 'Du har ändringar som inte är sparade.',
    cancel: 'Avbryt',
    close: 'Stäng',
    fieldsNeedAttention: '{count} fält behöver rättas:',
    fieldNeedsAttention: 'Ett fält behöver rättas:',
    saveFailed: 'Inte sparat. Dina ändringar finns kvar här: rätta dem eller försök igen.',
    errorNetwork: 'Servern gick inte att nå. Kontrollera anslutningen och försök igen.',
    errorSession: 'Sessionen har avslutats. Logga in igen.',
    errorForbidden: 'Din roll ger inte behörighet till detta.',
    errorNotFound: 'Det finns inte längre: någon annan kan ha tagit bort det.',
    errorConflict: 'Någon annan ändrade detta samtidigt. Ladda om och försök igen.',
    errorSlotTaken: 'Den tiden blev just tagen. Välj en annan tid.',
    errorRateLimited: 'För många försök. Vänta {seconds} sekunder och försök igen.',
    errorTooLarge: 'Filen eller texten är för stor.',
    errorValidation: 'Något av det som fyllts i är inte giltigt.',
    errorServer: 'Något gick fel på servern (HTTP {status}). Försök igen om en stund.',
    errorUnknown: 'Något gick fel. Försök igen.',
    previous: 'Föregående sida',
    next: 'Nästa sida',
    none: 'Inget här ännu.',
  },
} satisfies Texts<string>;

export type UiText = keyof typeof texts.en;

/** The shared UI texts in one language. */
export const uiTexts = (locale: Locale) => translator<UiText>(texts, locale);

/**
 * A failed request in words for staff: what happened and what to do. A
 * field-level problem (422) is shown at its fields; this is the summary.
 *
 * @example
 * html`<p role="alert">${errorText(error, ctx.locale)}</p>`
 */
export function errorText(error: unknown, locale: Locale): string {
  const t = uiTexts(locale);
  if (!(error instanceof OpusApiError)) return t('errorUnknown');
  // The server's detail is English and precise; staff in English get it as it is when no better text exists.
  switch (error.code) {
    case 'network': return t('errorNetwork');
    case 'unauthorized': return t('errorSession');
    case 'forbidden': return t('errorForbidden');
    case 'not_found': return t('errorNotFound');
    case 'slot_taken': case 'slot_unavailable': return t('errorSlotTaken');
    case 'rate_limited': return t('errorRateLimited', { seconds: error.retryAfter ?? 60 });
    case 'payload_too_large': return t('errorTooLarge');
    case 'validation_failed': return t('errorValidation');
    default:
      if (error.status >= 500 || error.code === 'invalid_response') return t('errorServer', { status: error.status });
      return error.message ? (locale === 'en' ? error.message : `${t('errorUnknown')} (${error.message})`) : t('errorUnknown');
  }
}
