import { html, nothing } from 'lit';
import { staffMethods } from '../../../../sdk/admin/staff.ts';
import type { StaffRole } from '../../../../sdk/schemas/admin-common.ts';
import type { InviteStaffRequest, StaffList, StaffUser } from '../../../../sdk/schemas/staff.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { uiTexts } from '../../ui/ui-texts.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import { tableWrap, actionFailed, accessStyles, accessTexts, actionFailure, asFieldProblem, formatTime, pager, submitSaying } from './access-common.ts';

const texts = {
  en: {
    invite: 'Invite a user', inviteHeading: 'Invite a staff user', sendInvite: 'Send the invitation',
    inviteHint: 'They get an e-mail with a link to choose a password. The link works for 7 days.',
    email: 'E-mail', name: 'Name', role: 'Role', status: 'Status', totp: 'Two-factor login', lockedUntil: 'Locked until', actions: 'Actions',
    roleHint: 'Reception works with the book, patients and messages. Administrators also change settings, webhooks and access. Owners also manage owners.',
    caption: 'Staff users of {org}', empty: 'There are no staff users on this page.',
    invited: 'Invited', active: 'Active', disabled: 'Disabled', on: 'On', off: 'Off',
    changeRole: 'Change role', changeRoleHeading: 'Change the role of {name}', roleChanged: '{name} is now {role}.',
    roleChangeHint: 'A new role logs them out everywhere; they log in again with the new role.',
    disable: 'Disable', enable: 'Enable', disableHeading: 'Disable {name}?',
    disableText: '{name} is logged out at once and cannot log in until the account is enabled again.',
    disabledDone: '{name} is disabled.', enabledDone: '{name} is enabled.',
    resend: 'Send invitation again', resent: 'The invitation was sent again to {email}. The earlier link no longer works.',
    invitedDone: 'An invitation was sent to {email}.', you: '(you)',
  },
  nb: {
    invite: 'Inviter en bruker', inviteHeading: 'Inviter en ansatt', sendInvite: 'Send invitasjonen',
    inviteHint: 'Brukeren får en e-post med en lenke for å velge passord. Lenken virker i 7 dager.',
    email: 'E-post', name: 'Navn', role: 'Rolle', status: 'Status', totp: 'Tofaktorinnlogging', lockedUntil: 'Sperret til', actions: 'Handlinger',
    roleHint: 'Resepsjonen arbeider med timeboken, pasienter og meldinger. Administratorer endrer også innstillinger, webhooks og tilgang. Eiere styrer også eiere.',
    caption: 'Brukere i {org}', empty: 'Det er ingen brukere på denne siden.',
    invited: 'Invitert', active: 'Aktiv', disabled: 'Deaktivert', on: 'På', off: 'Av',
    changeRole: 'Endre rolle', changeRoleHeading: 'Endre rollen til {name}', roleChanged: '{name} er nå {role}.',
    roleChangeHint: 'Ny rolle logger brukeren ut overalt; hen logger inn igjen med den nye rollen.',
    disable: 'Deaktiver', enable: 'Aktiver', disableHeading: 'Deaktivere {name}?',
    disableText: '{name} logges ut med en gang og kan ikke logge inn før kontoen er aktivert igjen.',
    disabledDone: '{name} er deaktivert.', enabledDone: '{name} er aktivert.',
    resend: 'Send invitasjonen på nytt', resent: 'Invitasjonen ble sendt på nytt til {email}. Den forrige lenken virker ikke lenger.',
    invitedDone: 'En invitasjon ble sendt til {email}.', you: '(deg)',
  },
  sv: {
    invite: 'Bjud in en användare', inviteHeading: 'Bjud in en medarbetare', sendInvite: 'Skicka inbjudan',
    inviteHint: 'Användaren får ett e-postmeddelande med en länk för att välja lösenord. Länken gäller i 7 dagar.',
    email: 'E-post', name: 'Namn', role: 'Roll', status: 'Status', totp: 'Tvåfaktorsinloggning', lockedUntil: 'Spärrad till', actions: 'Åtgärder',
    roleHint: 'Receptionen arbetar med tidboken, patienter och meddelanden. Administratörer ändrar även inställningar, webhooks och behörigheter. Ägare hanterar även ägare.',
    caption: 'Användare i {org}', empty: 'Det finns inga användare på den här sidan.',
    invited: 'Inbjuden', active: 'Aktiv', disabled: 'Inaktiverad', on: 'På', off: 'Av',
    changeRole: 'Ändra roll', changeRoleHeading: 'Ändra rollen för {name}', roleChanged: '{name} är nu {role}.',
    roleChangeHint: 'En ny roll loggar ut användaren överallt; hen loggar in igen med den nya rollen.',
    disable: 'Inaktivera', enable: 'Aktivera', disableHeading: 'Inaktivera {name}?',
    disableText: '{name} loggas ut direkt och kan inte logga in förrän kontot aktiveras igen.',
    disabledDone: '{name} är inaktiverad.', enabledDone: '{name} är aktiverad.',
    resend: 'Skicka inbjudan igen', resent: 'Inbjudan skickades igen till {email}. Den tidigare länken fungerar inte längre.',
    invitedDone: 'En inbjudan skickades till {email}.', you: '(du)',
  },
} satisfies Texts<string>;

const emptyInvite = (): InviteStaffRequest => ({ email: '', name: '', role: 'reception' });

/**
 * Staff users (issue 10.6): who may log in, with which role, whether they
 * have accepted their invitation, two-factor login and a lock after wrong
 * attempts. Invite, change role, disable and enable, send an invitation again.
 * Only an owner may touch owners; the last owner stays (the API's 409 in words).
 */
export class StaffPage extends ConsolePage {
  static override styles = [consoleStyles, accessStyles];

  private readonly staff = () => staffMethods(this.ctx.call);
  private readonly list = new Loader(this, async (): Promise<[StaffList, string | undefined]> =>
    Promise.all([this.staff().listStaff(this.cursor ? { cursor: this.cursor } : {}), this.ctx.me.organization.timeZone]));
  private readonly inviteForm = new FormController<InviteStaffRequest>(this);
  private readonly roleForm = new FormController<{ role: StaffRole }>(this);
  private readonly inviteDialog = new ConsoleDialog(this, 'invite');
  private readonly roleDialog = new ConsoleDialog(this, 'role', () => this.roleForm.reset());
  private readonly disableDialog = new ConsoleDialog(this, 'disable');
  private selected: StaffUser | undefined;
  private failure: string | undefined;
  private busy = false;

  private get cursor(): string | undefined {
    return this.query.get('cursor') ?? undefined;
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    if (!this.inviteForm.draft) this.inviteForm.load(emptyInvite());
    void this.list.load();
  }

  private roleName(role: StaffRole): string {
    return accessTexts(this.ctx.locale)(role);
  }

  private roleChoices() {
    const roles: StaffRole[] = this.ctx.me.user.role === 'owner' ? ['reception', 'admin', 'owner'] : ['reception', 'admin'];
    return roles.map((role) => ({ value: role, label: this.roleName(role) }));
  }

  /** Runs a row's action; a failure is said at the top of the page, in words. */
  private async act(run: () => Promise<string>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.failure = undefined;
    this.requestUpdate();
    try {
      const done = await run();
      this.ctx.announce(done);
      await this.list.load();
      return true;
    } catch (error) {
      this.failure = actionFailed(this.ctx, error);
      return false;
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private openRole(user: StaffUser, event: Event): void {
    this.selected = user;
    this.roleForm.load({ role: user.role });
    void this.roleDialog.show(event);
  }

  private openDisable(user: StaffUser, event: Event): void {
    this.selected = user;
    this.failure = undefined;
    void this.disableDialog.show(event);
  }

  private setDisabled(user: StaffUser, disabled: boolean): Promise<boolean> {
    return this.act(async () => {
      const updated = await this.staff().updateStaff(user.id, { disabled });
      return this.t(disabled ? 'disabledDone' : 'enabledDone', { name: updated.name || updated.email });
    });
  }

  override render() {
    const t = this.t;
    return html`
      <div class="toolbar"><p class="muted">${t('inviteHint')}</p>
        <button type="button" data-action="invite" @click=${(e: Event) => void this.inviteDialog.show(e)}>${t('invite')}</button></div>
      ${actionFailure(this.failure)}
      ${this.list.render(([page, zone]) => html`${this.table(page, zone)}${pager(this.ctx, '/access/staff', {}, this.cursor, page.nextCursor)}`)}
      ${this.inviteDialog.render(t('inviteHeading'), () => this.inviteBody())}
      ${this.roleDialog.render(t('changeRoleHeading', { name: this.selected?.name || this.selected?.email || '' }), () => this.roleBody())}
      ${this.disableDialog.render(t('disableHeading', { name: this.selected?.name || this.selected?.email || '' }), () => this.disableBody())}`;
  }

  private table(page: StaffList, zone: string | undefined) {
    const t = this.t;
    const at = accessTexts(this.ctx.locale);
    if (!page.users.length) return html`<p class="muted" data-role="empty">${t('empty')}</p>`;
    return tableWrap(t('caption', { org: this.ctx.me.organization.name }), html`<table>
      <caption>${t('caption', { org: this.ctx.me.organization.name })}</caption>
      <thead><tr>
        <th scope="col">${t('name')}</th><th scope="col">${t('email')}</th><th scope="col">${t('role')}</th><th scope="col">${t('status')}</th>
        <th scope="col">${t('totp')}</th><th scope="col">${t('lockedUntil')}</th><th scope="col">${t('actions')}</th>
      </tr></thead>
      <tbody>${page.users.map((user) => {
        const label = user.name || user.email;
        const me = user.id === this.ctx.me.user.id;
        return html`<tr data-user=${user.id}>
          <th scope="row">${user.name || '—'} ${me ? html`<span class="muted">${t('you')}</span>` : nothing}</th>
          <td>${user.email}</td>
          <td>${this.roleName(user.role)}</td>
          <td><span class="badge">${t(user.status)}</span></td>
          <td>${user.totpEnabled ? t('on') : t('off')}</td>
          <td class="nowrap">${user.lockedUntil && Date.parse(user.lockedUntil) > Date.now() ? formatTime(user.lockedUntil, this.ctx.locale, zone) : at('no')}</td>
          <td><div class="row-actions">
            <button type="button" class="secondary" data-action="role" aria-label="${t('changeRole')}: ${label}" @click=${(e: Event) => this.openRole(user, e)}>${t('changeRole')}</button>
            ${user.status === 'disabled'
              ? html`<button type="button" class="secondary" data-action="enable" aria-label="${t('enable')}: ${label}" ?disabled=${this.busy} @click=${() => void this.setDisabled(user, false)}>${t('enable')}</button>`
              : me ? nothing : html`<button type="button" class="danger" data-action="disable" aria-label="${t('disable')}: ${label}" @click=${(e: Event) => this.openDisable(user, e)}>${t('disable')}</button>`}
            ${user.status === 'invited' ? html`<button type="button" class="secondary" data-action="resend" aria-label="${t('resend')}: ${label}" ?disabled=${this.busy}
              @click=${() => void this.act(async () => { await this.staff().resendInvite(user.id); return t('resent', { email: user.email }); })}>${t('resend')}</button>` : nothing}
          </div></td>
        </tr>`;
      })}</tbody>
    </table>`);
  }

  private inviteBody() {
    const t = this.t;
    return html`<form @submit=${submitSaying(this.ctx, this.inviteForm, async (draft) => {
      const user = await this.staff().inviteStaff({ email: draft.email.trim(), name: draft.name.trim(), role: draft.role });
      this.inviteDialog.close();
      void this.list.load();
      return { value: emptyInvite(), said: t('invitedDone', { email: user.email }) };
    })}>
      <p class="hint">${t('inviteHint')}</p>
      ${this.inviteForm.input('email', t('email'), { type: 'email', required: true, maxlength: 254, autocomplete: 'off' })}
      ${this.inviteForm.input('name', t('name'), { maxlength: 200, autocomplete: 'off' })}
      ${this.inviteForm.select('role', t('role'), this.roleChoices(), { hint: t('roleHint') })}
      ${this.inviteForm.actions({ labels: { email: t('email'), name: t('name'), role: t('role') } })}
    </form>`;
  }

  private roleBody() {
    const t = this.t;
    const user = this.selected;
    if (!user) return html``;
    return html`<form @submit=${submitSaying(this.ctx, this.roleForm, async ({ role }) => {
      try {
        const updated = await this.staff().updateStaff(user.id, { role });
        this.roleDialog.close();
        void this.list.load();
        return { value: { role: updated.role }, said: t('roleChanged', { name: updated.name || updated.email, role: this.roleName(updated.role) }) };
      } catch (error) {
        throw asFieldProblem(error, 'role', this.ctx.locale);
      }
    })}>
      <p class="hint">${t('roleChangeHint')}</p>
      ${this.roleForm.select('role', t('role'), this.roleChoices().concat(user.role === 'owner' && this.ctx.me.user.role !== 'owner' ? [{ value: 'owner', label: this.roleName('owner') }] : []), { hint: t('roleHint') })}
      ${this.roleForm.actions({ labels: { role: t('role') } })}
    </form>`;
  }

  private disableBody() {
    const t = this.t;
    const user = this.selected;
    if (!user) return html``;
    const name = user.name || user.email;
    return html`<p>${t('disableText', { name })}</p>
      ${actionFailure(this.failure)}
      <div class="actions">
        <button type="button" class="danger" data-action="confirm-disable" ?disabled=${this.busy} @click=${async () => {
          if (await this.setDisabled(user, true)) this.disableDialog.close();
        }}>${t('disable')}</button>
        <button type="button" class="secondary" @click=${() => this.disableDialog.close()}>${uiTexts(this.ctx.locale)('cancel')}</button>
      </div>`;
  }
}

customElements.define('console-staff-page', StaffPage);
