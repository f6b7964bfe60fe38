import type { Texts } from '../../i18n.ts';

/** The Treatments page (W3) texts in nb, sv and en (seed 001's vocabulary). */
export const treatmentsTexts = {
  en: {
    order: 'Treatments and their order', orderCaption: 'Treatments in the order the booking page shows them', orderHint: 'Use the arrows to move a treatment; Save the order when done.',
    position: 'No.', name: 'Name', duration: 'Duration (minutes)', online: 'Online', onlineYes: 'Bookable online', onlineNo: 'Not online', actions: 'Order',
    edit: 'Edit', editing: 'Editing', editName: 'Edit {name}', none: 'No treatments yet. Create the first one.', archivedCaption: 'Archived treatments',
    create: 'New treatment', createHeading: 'New treatment', created: '{name} was created.',
    details: 'Treatment: {name}', durationHint: 'From 5 to 720 minutes. A new duration applies to new bookings only.', description: 'Description for patients',
    onlineLabel: 'Patients can book this treatment online',
    providers: 'Providers who offer it', clinics: 'Clinics where it is offered', noProviders: 'No providers yet.', noClinics: 'No clinics yet.',
    offersHint: 'Online, a patient sees it at a clinic only with a provider who works there and offers it.',
    archiveSection: 'Archive', archiveOn: 'The treatment is in use.', archiveOff: 'The treatment is archived: not bookable. Its appointments stay.',
    archive: 'Archive treatment', restore: 'Restore treatment', archivedDone: '{name} is archived.', restoredDone: '{name} is restored.',
  },
  nb: {
    order: 'Behandlinger og rekkefølge', orderCaption: 'Behandlingene i rekkefølgen bookingsiden viser dem', orderHint: 'Bruk pilene for å flytte en behandling; lagre rekkefølgen når du er ferdig.',
    position: 'Nr.', name: 'Navn', duration: 'Varighet (minutter)', online: 'På nett', onlineYes: 'Kan bestilles på nett', onlineNo: 'Ikke på nett', actions: 'Rekkefølge',
    edit: 'Rediger', editing: 'Redigeres', editName: 'Rediger {name}', none: 'Ingen behandlinger ennå. Opprett den første.', archivedCaption: 'Arkiverte behandlinger',
    create: 'Ny behandling', createHeading: 'Ny behandling', created: '{name} er opprettet.',
    details: 'Behandling: {name}', durationHint: 'Fra 5 til 720 minutter. Ny varighet gjelder bare nye bestillinger.', description: 'Beskrivelse for pasienter',
    onlineLabel: 'Pasienter kan bestille denne behandlingen på nett',
    providers: 'Behandlere som tilbyr den', clinics: 'Klinikker der den tilbys', noProviders: 'Ingen behandlere ennå.', noClinics: 'Ingen klinikker ennå.',
    offersHint: 'På nett ser pasienten den på en klinikk bare når en behandler som jobber der, tilbyr den.',
    archiveSection: 'Arkiv', archiveOn: 'Behandlingen er i bruk.', archiveOff: 'Behandlingen er arkivert: den kan ikke bestilles. Timene blir liggende.',
    archive: 'Arkiver behandlingen', restore: 'Gjenopprett behandlingen', archivedDone: '{name} er arkivert.', restoredDone: '{name} er gjenopprettet.',
  },
  sv: {
    order: 'Behandlingar och ordning', orderCaption: 'Behandlingarna i den ordning bokningssidan visar dem', orderHint: 'Använd pilarna för att flytta en behandling; spara ordningen när du är klar.',
    position: 'Nr', name: 'Namn', duration: 'Längd (minuter)', online: 'Online', onlineYes: 'Kan bokas online', onlineNo: 'Inte online', actions: 'Ordning',
    edit: 'Redigera', editing: 'Redigeras', editName: 'Redigera {name}', none: 'Inga behandlingar ännu. Skapa den första.', archivedCaption: 'Arkiverade behandlingar',
    create: 'Ny behandling', createHeading: 'Ny behandling', created: '{name} har skapats.',
    details: 'Behandling: {name}', durationHint: 'Från 5 till 720 minuter. En ny längd gäller bara nya bokningar.', description: 'Beskrivning för patienter',
    onlineLabel: 'Patienter kan boka den här behandlingen online',
    providers: 'Behandlare som erbjuder den', clinics: 'Kliniker där den erbjuds', noProviders: 'Inga behandlare ännu.', noClinics: 'Inga kliniker ännu.',
    offersHint: 'Online ser patienten den på en klinik bara när en behandlare som arbetar där erbjuder den.',
    archiveSection: 'Arkiv', archiveOn: 'Behandlingen används.', archiveOff: 'Behandlingen är arkiverad: den kan inte bokas. Bokningarna ligger kvar.',
    archive: 'Arkivera behandlingen', restore: 'Återställ behandlingen', archivedDone: '{name} är arkiverad.', restoredDone: '{name} är återställd.',
  },
} satisfies Texts<string>;
