import type { Locale } from '../../sdk/schemas/common.ts';

/** The two e-mails of staff accounts: an invite and a password reset, each with its link. */
export type StaffEmailKind = 'staff_invite' | 'password_reset';

interface EmailValues {
  organization: string;
  name: string;
  link: string;
}

type Texts = Record<StaffEmailKind, (v: EmailValues) => { subject: string; body: string }>;

const TEXTS: Record<Locale, Texts> = {
  nb: {
    staff_invite: (v) => ({
      subject: `Invitasjon til ${v.organization}`,
      body: `Hei${v.name ? ` ${v.name}` : ''},\n\nDu er invitert til bookingsystemet til ${v.organization}. Velg passordet ditt her (lenken gjelder i 7 dager og kan brukes én gang):\n\n${v.link}\n\nVenter du ikke denne invitasjonen, kan du se bort fra e-posten.\n\n${v.organization}`,
    }),
    password_reset: (v) => ({
      subject: `Nytt passord hos ${v.organization}`,
      body: `Hei${v.name ? ` ${v.name}` : ''},\n\nNoen ba om å sette nytt passord for kontoen din hos ${v.organization}. Velg et nytt her (lenken gjelder i 1 time og kan brukes én gang):\n\n${v.link}\n\nHar du ikke bedt om dette, kan du se bort fra e-posten; passordet ditt er uendret.\n\n${v.organization}`,
    }),
  },
  sv: {
    staff_invite: (v) => ({
      subject: `Inbjudan till ${v.organization}`,
      body: `Hej${v.name ? ` ${v.name}` : ''},\n\nDu är inbjuden till bokningssystemet hos ${v.organization}. Välj ditt lösenord här (länken gäller i 7 dagar och kan användas en gång):\n\n${v.link}\n\nVäntar du dig inte den här inbjudan kan du bortse från mejlet.\n\n${v.organization}`,
    }),
    password_reset: (v) => ({
      subject: `Nytt lösenord hos ${v.organization}`,
      body: `Hej${v.name ? ` ${v.name}` : ''},\n\nNågon bad om ett nytt lösenord för ditt konto hos ${v.organization}. Välj ett nytt här (länken gäller i 1 timme och kan användas en gång):\n\n${v.link}\n\nHar du inte bett om det kan du bortse från mejlet; ditt lösenord är oförändrat.\n\n${v.organization}`,
    }),
  },
  en: {
    staff_invite: (v) => ({
      subject: `Invitation to ${v.organization}`,
      body: `Hello${v.name ? ` ${v.name}` : ''},\n\nYou are invited to the booking system of ${v.organization}. Choose your password here (the link is valid for 7 days and works once):\n\n${v.link}\n\nIf you did not expect this invitation, you can ignore this e-mail.\n\n${v.organization}`,
    }),
    password_reset: (v) => ({
      subject: `New password at ${v.organization}`,
      body: `Hello${v.name ? ` ${v.name}` : ''},\n\nSomeone asked to set a new password for your account at ${v.organization}. Choose one here (the link is valid for 1 hour and works once):\n\n${v.link}\n\nIf you did not ask for this, you can ignore this e-mail; your password is unchanged.\n\n${v.organization}`,
    }),
  },
};

/**
 * The subject and body of a staff e-mail in the organization's language.
 * The link carries the token in its fragment (`#/invite/<token>`), which
 * browsers never send to a server, so it stays out of access logs.
 *
 * @example
 * const { subject, body } = staffEmail('nb', 'staff_invite', { organization: 'Smilet', name: 'Kari', link: 'https://book.example/admin/#/invite/abc' });
 */
export function staffEmail(locale: Locale, kind: StaffEmailKind, values: EmailValues): { subject: string; body: string } {
  return TEXTS[locale][kind](values);
}

/**
 * The console link of an invite or reset token.
 *
 * @example
 * staffLink('https://book.example', 'invite', token); // 'https://book.example/admin/#/invite/<token>'
 */
export function staffLink(publicUrl: string, purpose: 'invite' | 'reset', token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/admin/#/${purpose}/${token}`;
}
