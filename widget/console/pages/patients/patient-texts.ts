import type { Texts } from '../../i18n.ts';

/**
 * Words the patients pages share: the people's fields, message kinds and
 * statuses (S13's V S SB F A FV U in words), journal kinds, pending changes.
 */
export const patientTexts = {
  en: {
    name: 'Name', nationalId: 'National id', mobile: 'Mobile', email: 'E-mail', address1: 'Address', address2: 'Address line 2',
    postalCode: 'Postal code', city: 'City', wantsSms: 'Wants SMS', nextRecallDate: 'Next recall', yes: 'Yes', no: 'No', none: '—', pageNumber: 'Page {page}',
    // Message statuses (S13) and kinds.
    waiting: 'Waiting to be sent (V)', sent: 'Sent (S)', replied: 'Replied (SB)', failed: 'Failed (F)', cancelled: 'Cancelled (A)', retrying: 'Failed, trying again (FV)', expired: 'Expired, not sent (U)',
    reminder1: 'Reminder 1', reminder2: 'Reminder 2', reminder3: 'Reminder 3', general: 'General', note: 'Note', recall: 'Recall', thanks: 'Thanks',
    booked: 'Booking confirmation', rebooked: 'Rebooking confirmation', cancelledKind: 'Cancellation confirmation', code: 'Code', staff_invite: 'Staff invitation', password_reset: 'Password reset',
    sms: 'SMS', emailChannel: 'E-mail',
    // Journal kinds.
    rebooked_online: 'Rebooked online', cancelled_online: 'Cancelled online', rebooked_staff: 'Moved by staff', cancelled_staff: 'Cancelled by staff',
    patient_change_accepted: 'Changed details accepted', patient_change_rejected: 'Changed details rejected',
    // Pending changes (B18).
    patient: 'Patient', received: 'Received', changes: 'Changes', decision: 'Decision', change: '{field}: {old} → {new}', empty: '(empty)',
    accept: 'Accept', reject: 'Reject', accepted: 'Accepted', rejected: 'Rejected', deciding: 'Saving…',
    acceptedSaid: 'Accepted: the record of {name} now has the new details.', rejectedSaid: 'Rejected: the record of {name} is unchanged.',
    pendingHint: 'A booking typed other contact details than the record has. Accept writes them onto the record; Reject keeps the record as it is.',
  },
  nb: {
    name: 'Navn', nationalId: 'Fødselsnummer', mobile: 'Mobil', email: 'E-post', address1: 'Adresse', address2: 'Adresselinje 2',
    postalCode: 'Postnummer', city: 'Poststed', wantsSms: 'Ønsker SMS', nextRecallDate: 'Neste recall', yes: 'Ja', no: 'Nei', none: '—', pageNumber: 'Side {page}',
    waiting: 'Venter på sending (V)', sent: 'Sendt (S)', replied: 'Besvart (SB)', failed: 'Feilet (F)', cancelled: 'Avbrutt (A)', retrying: 'Feilet, prøver igjen (FV)', expired: 'Utløpt, ikke sendt (U)',
    reminder1: 'Påminnelse 1', reminder2: 'Påminnelse 2', reminder3: 'Påminnelse 3', general: 'Generell', note: 'Beskjed', recall: 'Recall', thanks: 'Takk',
    booked: 'Bekreftelse på bestilling', rebooked: 'Bekreftelse på endret time', cancelledKind: 'Bekreftelse på avbestilling', code: 'Kode', staff_invite: 'Invitasjon til ansatt', password_reset: 'Nytt passord',
    sms: 'SMS', emailChannel: 'E-post',
    rebooked_online: 'Endret på nett', cancelled_online: 'Avbestilt på nett', rebooked_staff: 'Flyttet av klinikken', cancelled_staff: 'Avbestilt av klinikken',
    patient_change_accepted: 'Endrede opplysninger godtatt', patient_change_rejected: 'Endrede opplysninger avvist',
    patient: 'Pasient', received: 'Mottatt', changes: 'Endringer', decision: 'Avgjørelse', change: '{field}: {old} → {new}', empty: '(tomt)',
    accept: 'Godta', reject: 'Avvis', accepted: 'Godtatt', rejected: 'Avvist', deciding: 'Lagrer …',
    acceptedSaid: 'Godtatt: personaliakortet til {name} har nå de nye opplysningene.', rejectedSaid: 'Avvist: personaliakortet til {name} er uendret.',
    pendingHint: 'En bestilling oppga andre kontaktopplysninger enn personaliakortet har. Godta skriver dem inn i kortet; Avvis lar kortet være som det er.',
  },
  sv: {
    name: 'Namn', nationalId: 'Personnummer', mobile: 'Mobil', email: 'E-post', address1: 'Adress', address2: 'Adressrad 2',
    postalCode: 'Postnummer', city: 'Ort', wantsSms: 'Vill ha sms', nextRecallDate: 'Nästa revision', yes: 'Ja', no: 'Nej', none: '—', pageNumber: 'Sida {page}',
    waiting: 'Väntar på att skickas (V)', sent: 'Skickat (S)', replied: 'Besvarat (SB)', failed: 'Misslyckades (F)', cancelled: 'Avbrutet (A)', retrying: 'Misslyckades, försöker igen (FV)', expired: 'Utgånget, inte skickat (U)',
    reminder1: 'Påminnelse 1', reminder2: 'Påminnelse 2', reminder3: 'Påminnelse 3', general: 'Allmänt', note: 'Meddelande', recall: 'Kallelse', thanks: 'Tack',
    booked: 'Bokningsbekräftelse', rebooked: 'Bekräftelse på ombokning', cancelledKind: 'Bekräftelse på avbokning', code: 'Kod', staff_invite: 'Inbjudan till personal', password_reset: 'Nytt lösenord',
    sms: 'Sms', emailChannel: 'E-post',
    rebooked_online: 'Ombokad på webben', cancelled_online: 'Avbokad på webben', rebooked_staff: 'Flyttad av kliniken', cancelled_staff: 'Avbokad av kliniken',
    patient_change_accepted: 'Ändrade uppgifter godkända', patient_change_rejected: 'Ändrade uppgifter avvisade',
    patient: 'Patient', received: 'Mottagen', changes: 'Ändringar', decision: 'Beslut', change: '{field}: {old} → {new}', empty: '(tomt)',
    accept: 'Godkänn', reject: 'Avvisa', accepted: 'Godkänd', rejected: 'Avvisad', deciding: 'Sparar …',
    acceptedSaid: 'Godkänd: patientkortet för {name} har nu de nya uppgifterna.', rejectedSaid: 'Avvisad: patientkortet för {name} är oförändrat.',
    pendingHint: 'En bokning angav andra kontaktuppgifter än patientkortet har. Godkänn skriver in dem i kortet; Avvisa lämnar kortet som det är.',
  },
} satisfies Texts<string>;

export type PatientText = keyof typeof patientTexts.en;
