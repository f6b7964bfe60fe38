import { css, html, nothing } from 'lit';
import { catalogMethods } from '../../../../sdk/admin/catalog.ts';
import type { AdminClinic, AdminProvider, ClinicPatch } from '../../../../sdk/schemas/catalog-admin.ts';
import type { StrandedAppointment } from '../../../../sdk/schemas/schedules.ts';
import { translator } from '../../i18n.ts';
import '../../preview/console-preview.ts';
import { FormController, renameIssues } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import { moved, orderButtons, refocusMoved, strandedNotice, refill, sameIds } from './clinics-kit.ts';
import { clinicsTexts } from './clinics-texts.ts';

interface ClinicDraft {
  name: string;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  group: string;
  timeZone: string;
  ownText: boolean;
  text: { heading: string; body: string };
}

interface ConsentRow { providerId: string; name: string; works: boolean; consentPhoto: boolean; consentTitle: boolean }

const toDraft = (c: AdminClinic): ClinicDraft => ({
  name: c.name, address: c.address, postalCode: c.postalCode, city: c.city, phone: c.phone, group: c.group ?? '', timeZone: c.timeZone ?? '',
  ownText: c.text !== null, text: c.text ?? { heading: '', body: '' },
});

const toPatch = (d: ClinicDraft): ClinicPatch => ({
  name: d.name, address: d.address, postalCode: d.postalCode, city: d.city, phone: d.phone,
  group: d.group.trim() || null, timeZone: d.timeZone.trim() || null, text: d.ownText ? d.text : null,
});

const consentRows = (providers: readonly AdminProvider[], clinicId: string): ConsentRow[] => providers.filter((p) => p.active).map((p) => {
  const at = p.clinics.find((c) => c.clinicId === clinicId);
  return { providerId: p.id, name: p.name, works: Boolean(at), consentPhoto: at?.consentPhoto ?? false, consentTitle: at?.consentTitle ?? false };
});

/**
 * W2 (seed 001's "Kliniker"): the clinics in their order (move up/down,
 * `PUT /clinics/order`), groups, a new clinic, one clinic's details and text,
 * archive/restore, and which providers work there with their consent to show
 * photo and title; the live preview shows the drafts.
 */
export class ClinicsPage extends ConsolePage {
  static override styles = [consoleStyles, css`
    .layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
    @media (min-width: 1300px) { .layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
    .order-buttons { display: inline-flex; gap: 0.35rem; }
    td.num { width: 3rem; }
    tr[aria-current='true'] td { background: var(--c-surface); font-weight: 600; }
  `];

  private readonly api = () => catalogMethods(this.ctx.call);
  private readonly data = new Loader(this, async () => {
    const [{ clinics }, { providers }, zone] = await Promise.all([this.api().listClinics(), this.api().listProviders(), this.ctx.me.organization.timeZone]);
    return { clinics, providers, zone };
  }, (value) => this.fill(value));
  private readonly orderForm = new FormController<{ ids: string[] }>(this);
  private readonly clinicForm = new FormController<ClinicDraft>(this);
  private readonly consentForm = new FormController<{ rows: ConsentRow[] }>(this);
  private readonly createForm = new FormController<{ newClinic: { name: string; group: string } }>(this);
  private readonly createDialog = new ConsoleDialog(this, 'create', { id: 'create-dialog' });
  private stranded: StrandedAppointment[] = [];
  private actionError = '';
  /** The clinic the forms were filled for. */
  private filledId: string | undefined;

  private get t() {
    return translator(clinicsTexts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    void this.data.load();
  }

  private selectedId(clinics: readonly AdminClinic[]): string | undefined {
    const wanted = this.query.get('id');
    return clinics.find((c) => c.id === wanted)?.id ?? clinics.find((c) => c.active)?.id ?? clinics[0]?.id;
  }

  private fill({ clinics, providers }: { clinics: AdminClinic[]; providers: AdminProvider[]; zone: string }): void {
    const ids = clinics.filter((c) => c.active).sort((a, b) => a.order - b.order).map((c) => c.id);
    refill(this.orderForm, { ids }, sameIds(this.orderForm.draft?.ids, ids));
    const id = this.selectedId(clinics);
    const clinic = clinics.find((c) => c.id === id);
    if (clinic) {
      refill(this.clinicForm, toDraft(clinic), this.filledId === clinic.id);
      refill(this.consentForm, { rows: consentRows(providers, clinic.id) }, this.filledId === clinic.id);
    }
    this.filledId = clinic?.id;
    this.createForm.load({ newClinic: { name: '', group: '' } });
    this.stranded = [];
    this.actionError = '';
  }

  private move(index: number, by: -1 | 1, id: string, name: string): void {
    const ids = moved(this.orderForm.draft!.ids, index, by);
    this.orderForm.set('ids', ids);
    void refocusMoved(this, (text) => this.ctx.announce(text), this.ctx.locale, id, by === -1 ? 'up' : 'down', name, ids.indexOf(id) + 1, ids.length);
  }

  private async saveClinic(id: string, draft: ClinicDraft): Promise<ClinicDraft> {
    const saved = await this.api().updateClinic(id, toPatch(draft));
    const value = this.data.value!;
    this.data.set({ ...value, clinics: value.clinics.map((c) => (c.id === id ? saved : c)) });
    return toDraft(saved);
  }

  /** Each provider whose row changed gets their clinics replaced with this clinic's entry changed; the others keep theirs. */
  private async saveConsent(clinicId: string, draft: { rows: ConsentRow[] }): Promise<{ rows: ConsentRow[] }> {
    const value = this.data.value!;
    const before = new Map(this.consentForm.saved!.rows.map((r) => [r.providerId, r]));
    let providers = value.providers;
    const stranded: StrandedAppointment[] = [];
    for (const row of draft.rows) {
      if (JSON.stringify(row) === JSON.stringify(before.get(row.providerId))) continue;
      const provider = providers.find((p) => p.id === row.providerId)!;
      const others = provider.clinics.filter((c) => c.clinicId !== clinicId).map(({ clinicId: cid, order, published, consentPhoto, consentTitle }) => ({ clinicId: cid, order, published, consentPhoto, consentTitle }));
      const here = provider.clinics.find((c) => c.clinicId === clinicId);
      const clinics = row.works ? [...others, { clinicId, ...(here ? { order: here.order, published: here.published } : {}), consentPhoto: row.consentPhoto, consentTitle: row.consentTitle }] : others;
      const result = await this.api().setProviderClinics(row.providerId, { clinics });
      stranded.push(...result.stranded);
      providers = providers.map((p) => (p.id === row.providerId ? { ...p, clinics: result.clinics } : p));
      this.data.value = { ...value, providers };
    }
    this.data.set({ ...value, providers });
    this.stranded = stranded;
    return { rows: consentRows(providers, clinicId) };
  }

  private async archive(clinic: AdminClinic): Promise<void> {
    this.actionError = '';
    try {
      await (clinic.active ? this.api().archiveClinic(clinic.id) : this.api().restoreClinic(clinic.id));
      this.ctx.announce(this.t(clinic.active ? 'archivedDone' : 'restoredDone', { name: clinic.name }));
      await this.data.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('[data-action="archive"]')?.focus();
    } catch (error) {
      this.actionError = errorText(error, this.ctx.locale);
      this.requestUpdate();
    }
  }

  private previewDraft() {
    const items: Record<string, Record<string, unknown>> = {};
    this.orderForm.draft?.ids.forEach((id, index) => { items[id] = { order: index + 1 }; });
    const id = this.selectedId(this.data.value?.clinics ?? []);
    const d = this.clinicForm.draft;
    if (id && d) {
      items[id] = { ...items[id], name: d.name, address: d.address, postalCode: d.postalCode, city: d.city, phone: d.phone, group: d.group.trim() || null, text: d.ownText ? d.text : null };
    }
    return { items };
  }

  override render() {
    const t = this.t;
    return this.data.render(({ clinics }) => {
      const byId = new Map(clinics.map((c) => [c.id, c]));
      const ids = this.orderForm.draft?.ids ?? [];
      const selected = byId.get(this.selectedId(clinics) ?? '');
      const archived = clinics.filter((c) => !c.active);
      return html`<div class="layout">
        <div class="editor">
          <section class="card" aria-labelledby="order-heading">
            <div class="toolbar">
              <h2 id="order-heading">${t('order')}</h2>
              <button type="button" class="secondary" data-action="create" @click=${(e: Event) => { this.createForm.load({ newClinic: { name: '', group: '' } }); void this.createDialog.show(e); }}>${t('create')}</button>
            </div>
            ${ids.length === 0 ? html`<p class="empty">${t('none')}</p>` : html`
            <form @submit=${this.orderForm.onSubmit(async ({ ids: order }) => {
              const list = await this.api().orderClinics(order);
              this.data.set({ ...this.data.value!, clinics: list.clinics });
              return { ids: list.clinics.filter((c) => c.active).sort((a, b) => a.order - b.order).map((c) => c.id) };
            })}>
              <p class="hint" id="order-hint">${t('orderHint')}</p>
              <div class="table-wrap"><table aria-describedby="order-hint">
                <caption>${t('orderCaption')}</caption>
                <thead><tr><th scope="col">${t('position')}</th><th scope="col">${t('name')}</th><th scope="col">${t('group')}</th><th scope="col">${t('actions')}</th><th scope="col"><span class="sr-only">${t('edit')}</span></th></tr></thead>
                <tbody>${ids.map((id, index) => {
                  const c = byId.get(id);
                  if (!c) return nothing;
                  const current = c.id === selected?.id;
                  return html`<tr aria-current=${current ? 'true' : 'false'}>
                    <td class="num">${index + 1}</td>
                    <th scope="row">${c.name}</th>
                    <td>${c.group ?? ''}</td>
                    <td>${orderButtons(this.ctx.locale, c.name, c.id, index, ids.length, (by) => this.move(index, by, c.id, c.name))}</td>
                    <td>${current ? html`<span class="badge">${t('editing')}</span>` : html`<a href=${this.ctx.href('/web/clinics', { id: c.id })} aria-label=${t('editName', { name: c.name })}>${t('edit')}</a>`}</td>
                  </tr>`;
                })}</tbody>
              </table></div>
              ${this.orderForm.actions()}
            </form>`}
            ${archived.length ? html`<div class="table-wrap"><table>
              <caption>${t('archivedCaption')}</caption>
              <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('group')}</th><th scope="col"><span class="sr-only">${t('edit')}</span></th></tr></thead>
              <tbody>${archived.map((c) => html`<tr aria-current=${c.id === selected?.id ? 'true' : 'false'}><th scope="row">${c.name}</th><td>${c.group ?? ''}</td>
                <td><a href=${this.ctx.href('/web/clinics', { id: c.id })} aria-label=${t('editName', { name: c.name })}>${t('edit')}</a></td></tr>`)}</tbody>
            </table></div>` : nothing}
          </section>
          ${selected ? this.renderClinic(selected) : html`<p>${t('choose')}</p>`}
        </div>
        <console-preview .organization=${this.ctx.me.organization.subdomain} .locale=${this.ctx.locale} .draft=${this.previewDraft()}></console-preview>
      </div>
      ${this.renderCreate()}`;
    });
  }

  private renderClinic(clinic: AdminClinic) {
    const t = this.t;
    const f = this.clinicForm;
    const rows = this.consentForm.draft?.rows ?? [];
    return html`
      <section class="card" aria-labelledby="clinic-heading">
        <h2 id="clinic-heading">${t('details', { name: clinic.name })}</h2>
        <form @submit=${f.onSubmit((draft) => this.saveClinic(clinic.id, draft))}>
          ${f.input('name', t('name'), { required: true, maxlength: 200 })}
          ${f.input('address', t('address'), { maxlength: 200, autocomplete: 'street-address' })}
          <div class="grid-2">
            ${f.input('postalCode', t('postalCode'), { maxlength: 20, autocomplete: 'postal-code' })}
            ${f.input('city', t('city'), { maxlength: 100, autocomplete: 'address-level2' })}
          </div>
          ${f.input('phone', t('phone'), { type: 'tel', maxlength: 40, autocomplete: 'tel' })}
          ${f.input('group', t('group'), { maxlength: 100, hint: t('groupHint') })}
          ${f.input('timeZone', t('timeZone'), { maxlength: 64, hint: t('timeZoneHint') })}
          ${f.checkbox('ownText', t('ownText'))}
          ${f.get('ownText') ? html`
            ${f.input('text.heading', t('heading'), { maxlength: 200 })}
            ${f.textarea('text.body', t('body'), { maxlength: 4000, rows: 5 })}` : nothing}
          ${f.actions({ labels: { name: t('name'), address: t('address'), postalCode: t('postalCode'), city: t('city'), phone: t('phone'), group: t('group'), timeZone: t('timeZone'), 'text.heading': t('heading'), 'text.body': t('body') } })}
        </form>
        <h3>${t('online')}</h3>
        <p><span class="badge">${clinic.active ? '✓' : '✕'}</span> ${clinic.active ? t('onlineOn') : t('onlineOff')}</p>
        <button type="button" class=${clinic.active ? 'danger' : 'secondary'} data-action="archive" @click=${() => void this.archive(clinic)}>${clinic.active ? t('archive') : t('restore')}</button>
        ${this.actionError ? html`<p class="notice error" role="alert">${this.actionError}</p>` : nothing}
      </section>
      <section class="card" aria-labelledby="consent-heading">
        <h2 id="consent-heading">${t('consent', { name: clinic.name })}</h2>
        <p id="consent-intro">${t('consentIntro')}</p>
        ${rows.length === 0 ? html`<p class="empty">${t('noProviders')}</p>` : html`
        <form @submit=${this.consentForm.onSubmit((draft) => this.saveConsent(clinic.id, draft))}>
          <div class="table-wrap"><table aria-describedby="consent-intro">
            <caption>${t('consentCaption', { name: clinic.name })}</caption>
            <thead><tr><th scope="col">${t('provider')}</th><th scope="col">${t('works')}</th><th scope="col">${t('consentPhoto')}</th><th scope="col">${t('consentTitle')}</th></tr></thead>
            <tbody>${rows.map((row, i) => html`<tr>
              <th scope="row">${row.name}</th>
              ${(['works', 'consentPhoto', 'consentTitle'] as const).map((key) => html`<td><input type="checkbox" id="consent-${i}-${key}" .checked=${row[key]}
                ?disabled=${key !== 'works' && !row.works}
                aria-label=${t(key === 'works' ? 'worksLabel' : key === 'consentPhoto' ? 'photoLabel' : 'titleLabel', { name: row.name })}
                @change=${(e: Event) => this.consentForm.set(`rows.${i}.${key}`, (e.target as HTMLInputElement).checked)}></td>`)}
            </tr>`)}</tbody>
          </table></div>
          ${this.consentForm.actions()}
        </form>`}
        ${strandedNotice(this.stranded, this.ctx.locale, clinic.timeZone ?? this.data.value!.zone, (date) => this.ctx.href('/book', { date }))}
      </section>`;
  }

  private renderCreate() {
    const t = this.t;
    return this.createDialog.render(t('createHeading'), () => html`<form @submit=${this.createForm.onSubmit(async ({ newClinic: { name, group } }) => {
        const clinic = await this.api().createClinic({ name, group: group.trim() || null }).catch((error: unknown) => { throw renameIssues(error, (path) => `newClinic.${path}`); });
        this.ctx.announce(t('created', { name: clinic.name }));
        this.createDialog.close();
        this.ctx.navigate('/web/clinics', { id: clinic.id });
        return { newClinic: { name: '', group: '' } };
      })}>
        ${this.createForm.input('newClinic.name', t('name'), { required: true, maxlength: 200 })}
        ${this.createForm.input('newClinic.group', t('group'), { maxlength: 100 })}
        ${this.createForm.actions({ labels: { 'newClinic.name': t('name'), 'newClinic.group': t('group') } })}
      </form>`);
  }
}

customElements.define('console-clinics-page', ClinicsPage);
