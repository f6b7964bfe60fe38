import type { Locale } from '../../sdk/schemas/common.ts';
import type { OrganizationSettings, OrganizationTexts, Theme } from '../../sdk/schemas/organization.ts';

/** What a new organization starts with; stored settings override per section. */
export const DEFAULT_SETTINGS: OrganizationSettings = {
  flexibility: {
    showBookings: false,
    login: false,
    smsLogin: false,
    newBookingRequiresLogin: false,
    weekendBooking: false,
    codeChallenge: 'off',
    maintenanceMode: false,
    published: true,
    userMessage: true,
    showAnyProvider: true,
    showAnyClinic: false,
    skipConfirmation: false,
  },
  fields: {
    email: 'required',
    mobile: 'required',
    address1: 'off',
    address2: 'off',
    postalCode: 'off',
    city: 'off',
    campaignCode: 'off',
  },
  steps: { order: ['clinic', 'treatment', 'provider'], mergeTreatmentAndProvider: false },
  booking: {
    newBooking: true,
    rebooking: true,
    cancellation: true,
    rebookWithoutTemplate: false,
    cancelWithoutTemplate: false,
    journalRebooking: true,
    journalCancellation: true,
    cutoffHours: 24,
    slotStepMinutes: 15,
    minNoticeMinutes: 120,
    horizonDays: 90,
  },
  hostedPage: { frameAncestors: [] },
  // Safe for one patient, a family or a clinic's shared address; far below
  // a script's pace. The code limits are NIST SP 800-63B / OWASP ASVS's.
  rateLimits: {
    bookingsPerIpPerMinute: 10,
    bookingsPerIpPerHour: 60,
    bookingsPerNationalIdPerHour: 5,
    changesPerTokenPerHour: 10,
    codeSendsPerRecipientPer15Minutes: 3,
    codeSendsPerIpPerHour: 20,
    codeChecksPerCode: 5,
    codeChecksPerIpPerHour: 30,
    loginsPerIpPerHour: 20,
  },
  // Off until an organization configures its broker; `pid` is ID-porten's national id claim.
  eid: { enabled: false, issuer: '', clientId: '', clientSecret: '', nationalIdClaim: 'pid', scope: 'openid' },
};

export const DEFAULT_THEME: Theme = { primaryColor: '#1a6b8f', accentColor: '#f2a33a', logoUrl: null };

/** Standard texts per locale, used where the organization has written none. */
export const DEFAULT_TEXTS: Record<Locale, OrganizationTexts> = {
  nb: {
    welcome: 'Velkommen! Her kan du bestille time på nett.',
    patientInfo: 'Vi trenger opplysningene nedenfor for å registrere timen din. Opplysningene behandles konfidensielt.',
    defaultClinicText: { heading: 'Om klinikken', body: 'Velg behandling for å se ledige timer.' },
    deviation: {
      maintenance: 'Timebestillingen er midlertidig stengt for vedlikehold. Prøv igjen senere, eller ring klinikken.',
      newBookingDisabled: 'Det er ikke mulig å bestille nye timer på nett nå. Ring klinikken for å bestille.',
      notPublished: 'Timebestilling på nett er ikke tilgjengelig.',
    },
  },
  sv: {
    welcome: 'Välkommen! Här kan du boka tid online.',
    patientInfo: 'Vi behöver uppgifterna nedan för att registrera din bokning. Uppgifterna behandlas konfidentiellt.',
    defaultClinicText: { heading: 'Om kliniken', body: 'Välj behandling för att se lediga tider.' },
    deviation: {
      maintenance: 'Bokningen är tillfälligt stängd för underhåll. Försök igen senare eller ring kliniken.',
      newBookingDisabled: 'Det går inte att boka nya tider online just nu. Ring kliniken för att boka.',
      notPublished: 'Onlinebokning är inte tillgänglig.',
    },
  },
  en: {
    welcome: 'Welcome! Book your appointment online here.',
    patientInfo: 'We need the details below to register your appointment. They are handled confidentially.',
    defaultClinicText: { heading: 'About the clinic', body: 'Choose a treatment to see free times.' },
    deviation: {
      maintenance: 'Online booking is closed for maintenance. Please try again later or call the clinic.',
      newBookingDisabled: 'New appointments cannot be booked online right now. Please call the clinic.',
      notPublished: 'Online booking is not available.',
    },
  },
};
