import { html, nothing } from 'lit';
import { OpusApiError } from '../../../../sdk/errors.ts';
import { staffMethods } from '../../../../sdk/admin/staff.ts';
import type { TotpSetup } from '../../../../sdk/schemas/staff.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { actionFailed, accessStyles, accessTexts, actionFailure, copyText, submitSaying } from './access-common.ts';

const texts = {
  en: {
    you: 'You', name: 'Name', email: 'E-mail', role: 'Role', organization: 'Organization',
    password: 'Change password', current: 'Current password', new: 'New password', repeat: 'New password again',
    newHint: '10 to 200 characters; a few words make a good one. You stay logged in here; your other sessions are logged out.',
    mismatch: 'The two new passwords are not the same.', passwordChanged: 'Your password is changed.',
    totp: 'Two-factor login', totpOn: 'Two-factor login is on: you give a code from your authenticator app when you log in.',
    totpOff: 'Two-factor login is off. With it on, a stolen password is not enough to log in as you.',
    setUp: 'Set up two-factor login', step1: '1. In your authenticator app, add an account with this key (or open the address below on the phone):',
    secret: 'Key', otpauth: 'Setup address (otpauth)', copySecret: 'Copy the key', copyUrl: 'Copy the address',
    step2: '2. Type the six-digit code the app shows, to turn it on:', code: 'Code from the app', codeHint: 'Six digits; a new code comes every 30 seconds.',
    turnedOn: 'Two-factor login is on.',
    turnOffHeading: 'Turn off two-factor login', turnOffHint: 'Give your password and a current code.', turnedOff: 'Two-factor login is off.',
    passwordForTotp: 'Password',
  },
  nb: {
    you: 'Deg', name: 'Navn', email: 'E-post', role: 'Rolle', organization: 'Virksomhet',
    password: 'Bytt passord', current: 'Nåværende passord', new: 'Nytt passord', repeat: 'Nytt passord en gang til',
    newHint: '10 til 200 tegn; noen ord etter hverandre gir et godt passord. Du forblir innlogget her; de andre øktene dine logges ut.',
    mismatch: 'De to nye passordene er ikke like.', passwordChanged: 'Passordet ditt er byttet.',
    totp: 'Tofaktorinnlogging', totpOn: 'Tofaktorinnlogging er på: du oppgir en kode fra autentiseringsappen når du logger inn.',
    totpOff: 'Tofaktorinnlogging er av. Når den er på, er ikke et stjålet passord nok til å logge inn som deg.',
    setUp: 'Sett opp tofaktorinnlogging', step1: '1. Legg til en konto med denne nøkkelen i autentiseringsappen (eller åpne adressen under på telefonen):',
    secret: 'Nøkkel', otpauth: 'Oppsettsadresse (otpauth)', copySecret: 'Kopier nøkkelen', copyUrl: 'Kopier adressen',
    step2: '2. Skriv inn den sekssifrede koden appen viser, for å slå den på:', code: 'Kode fra appen', codeHint: 'Seks sifre; det kommer en ny kode hvert 30. sekund.',
    turnedOn: 'Tofaktorinnlogging er på.',
    turnOffHeading: 'Slå av tofaktorinnlogging', turnOffHint: 'Oppgi passordet ditt og en gjeldende kode.', turnedOff: 'Tofaktorinnlogging er av.',
    passwordForTotp: 'Passord',
  },
  sv: {
    you: 'Du', name: 'Namn', email: 'E-post', role: 'Roll', organization: 'Organisation',
    password: 'Byt lösenord', current: 'Nuvarande lösenord', new: 'Nytt lösenord', repeat: 'Nytt lösenord igen',
    newHint: '10 till 200 tecken; några ord efter varandra blir ett bra lösenord. Du förblir inloggad här; dina andra sessioner loggas ut.',
    mismatch: 'De två nya lösenorden är inte lika.', passwordChanged: 'Ditt lösenord är bytt.',
    totp: 'Tvåfaktorsinloggning', totpOn: 'Tvåfaktorsinloggning är på: du anger en kod från din autentiseringsapp när du loggar in.',
    totpOff: 'Tvåfaktorsinloggning är av. När den är på räcker inte ett stulet lösenord för att logga in som du.',
    setUp: 'Ställ in tvåfaktorsinloggning', step1: '1. Lägg till ett konto med den här nyckeln i autentiseringsappen (eller öppna adressen nedan i telefonen):',
    secret: 'Nyckel', otpauth: 'Inställningsadress (otpauth)', copySecret: 'Kopiera nyckeln', copyUrl: 'Kopiera adressen',
    step2: '2. Skriv in den sexsiffriga koden som appen visar, för att slå på den:', code: 'Kod från appen', codeHint: 'Sex siffror; en ny kod kommer var 30:e sekund.',
    turnedOn: 'Tvåfaktorsinloggning är på.',
    turnOffHeading: 'Slå av tvåfaktorsinloggning', turnOffHint: 'Ange ditt lösenord och en aktuell kod.', turnedOff: 'Tvåfaktorsinloggning är av.',
    passwordForTotp: 'Lösenord',
  },
} satisfies Texts<string>;

interface PasswordDraft {
  current: string;
  new: string;
  repeat: string;
}

const noPasswords = (): PasswordDraft => ({ current: '', new: '', repeat: '' });

/** A TOTP secret in groups of four, as authenticator apps show and take it. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * My account (issue 10.6, every role): who I am, change my password, and
 * two-factor login: set up (the key and the otpauth address as text to
 * copy; no QR code), turn on with a code, turn off with password and code.
 */
export class AccountPage extends ConsolePage {
  static override styles = [consoleStyles, accessStyles];

  private readonly staff = () => staffMethods(this.ctx.call);
  private readonly me = new Loader(this, () => this.staff().me());
  private readonly passwordForm = new FormController<PasswordDraft>(this);
  private readonly enableForm = new FormController<{ code: string }>(this);
  private readonly disableForm = new FormController<{ password: string; code: string }>(this);
  private setup: TotpSetup | undefined;
  private failure: string | undefined;
  private busy = false;

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    if (!this.passwordForm.draft) {
      this.passwordForm.load(noPasswords());
      this.enableForm.load({ code: '' });
      this.disableForm.load({ password: '', code: '' });
    }
    void this.me.load();
  }

  private async startSetup(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failure = undefined;
    this.requestUpdate();
    try {
      this.setup = await this.staff().setupTotp();
      this.enableForm.load({ code: '' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#totp-setup-heading')?.focus();
    } catch (error) {
      this.failure = actionFailed(this.ctx, error);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  override render() {
    const t = this.t;
    return this.me.render((me) => html`
      <section class="card" aria-labelledby="you-heading">
        <h2 id="you-heading">${t('you')}</h2>
        <dl><dt>${t('name')}</dt><dd>${me.user.name || '—'}</dd><dt>${t('email')}</dt><dd>${me.user.email}</dd>
          <dt>${t('role')}</dt><dd>${accessTexts(this.ctx.locale)(me.user.role)}</dd><dt>${t('organization')}</dt><dd>${me.organization.name}</dd></dl>
      </section>
      <section class="card" aria-labelledby="password-heading">
        <h2 id="password-heading">${t('password')}</h2>
        ${this.passwordBody()}
      </section>
      <section class="card" aria-labelledby="totp-heading">
        <h2 id="totp-heading">${t('totp')}</h2>
        <p data-role="totp-state">${me.user.totpEnabled ? t('totpOn') : t('totpOff')}</p>
        ${actionFailure(this.failure)}
        ${me.user.totpEnabled ? this.disableBody() : this.setup ? this.setupBody(this.setup) : html`<div class="actions">
          <button type="button" data-action="totp-setup" ?disabled=${this.busy} @click=${() => void this.startSetup()}>${t('setUp')}</button></div>`}
      </section>`);
  }

  private passwordBody() {
    const t = this.t;
    return html`<form @submit=${submitSaying(this.ctx, this.passwordForm, async (draft) => {
      if (draft.new !== draft.repeat) {
        throw new OpusApiError(422, 'validation_failed', t('mismatch'), {
          type: 'about:blank', title: t('mismatch'), status: 422, code: 'validation_failed', issues: [{ path: 'repeat', message: t('mismatch'), code: 'mismatch' }],
        });
      }
      await this.staff().changePassword({ current: draft.current, new: draft.new });
      return { value: noPasswords(), said: t('passwordChanged') };
    })}>
      <input type="text" name="username" autocomplete="username" .value=${this.ctx.me.user.email} hidden>
      ${this.passwordForm.input('current', t('current'), { type: 'password', required: true, autocomplete: 'current-password', maxlength: 200 })}
      ${this.passwordForm.input('new', t('new'), { type: 'password', required: true, autocomplete: 'new-password', maxlength: 200, hint: t('newHint') })}
      ${this.passwordForm.input('repeat', t('repeat'), { type: 'password', required: true, autocomplete: 'new-password', maxlength: 200 })}
      ${this.passwordForm.actions({ labels: { current: t('current'), new: t('new'), repeat: t('repeat') } })}
      ${this.passwordForm.status === 'saved' ? html`<p class="notice success">${t('passwordChanged')}</p>` : nothing}
    </form>`;
  }

  private setupBody(setup: TotpSetup) {
    const t = this.t;
    return html`<h3 id="totp-setup-heading" tabindex="-1">${t('setUp')}</h3>
      <p>${t('step1')}</p>
      <p class="label" id="totp-secret-label">${t('secret')}</p>
      <p class="secret" id="totp-secret" aria-labelledby="totp-secret-label">${grouped(setup.secret)}</p>
      <p class="label" id="totp-url-label">${t('otpauth')}</p>
      <p class="secret" id="totp-url" aria-labelledby="totp-url-label">${setup.otpauthUrl}</p>
      <div class="actions">
        <button type="button" class="secondary" data-action="copy-secret" @click=${() => void copyText(this.ctx, setup.secret)}>${t('copySecret')}</button>
        <button type="button" class="secondary" data-action="copy-url" @click=${() => void copyText(this.ctx, setup.otpauthUrl)}>${t('copyUrl')}</button>
      </div>
      <p>${t('step2')}</p>
      <form @submit=${submitSaying(this.ctx, this.enableForm, async ({ code }) => {
        await this.staff().enableTotp({ code: code.trim() });
        this.setup = undefined;
        await this.me.load();
        return { value: { code: '' }, said: t('turnedOn') };
      })}>
        ${this.enableForm.input('code', t('code'), { required: true, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 7, hint: t('codeHint') })}
        ${this.enableForm.actions({ labels: { code: t('code') } })}
      </form>`;
  }

  private disableBody() {
    const t = this.t;
    return html`<h3>${t('turnOffHeading')}</h3>
      <p class="hint">${t('turnOffHint')}</p>
      <form @submit=${submitSaying(this.ctx, this.disableForm, async ({ password, code }) => {
        await this.staff().disableTotp({ password, code: code.trim() });
        await this.me.load();
        return { value: { password: '', code: '' }, said: t('turnedOff') };
      })}>
        <input type="text" name="username" autocomplete="username" .value=${this.ctx.me.user.email} hidden>
        ${this.disableForm.input('password', t('passwordForTotp'), { type: 'password', required: true, autocomplete: 'current-password', maxlength: 200 })}
        ${this.disableForm.input('code', t('code'), { required: true, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 7, hint: t('codeHint') })}
        ${this.disableForm.actions({ labels: { password: t('passwordForTotp'), code: t('code') } })}
      </form>`;
  }
}

customElements.define('console-account-page', AccountPage);
