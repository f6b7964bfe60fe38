import { css, html, nothing } from 'lit';
import { catalogMethods } from '../../../../sdk/admin/catalog.ts';
import type { AdminClinic, AdminProvider, AdminTreatment } from '../../../../sdk/schemas/catalog-admin.ts';
import { translator } from '../../i18n.ts';
import '../../preview/console-preview.ts';
import { FormController, renameIssues } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import { moved, orderButtons, refocusMoved, refill, sameIds } from './clinics-kit.ts';
import { treatmentsTexts } from './treatments-texts.ts';

interface TreatmentDraft { name: string; durationMinutes: number | null; description: string; online: boolean; providerIds: string[]; clinicIds: string[] }

const toDraft = (t: AdminTreatment): TreatmentDraft => ({ name: t.name, durationMinutes: t.durationMinutes, description: t.description, online: t.online, providerIds: [...t.providerIds], clinicIds: [...t.clinicIds] });
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * W3: treatments (booking templates) in their order, a new one, name,
 * duration, description, online on/off, which providers offer it and where,
 * archive/restore; the live preview shows the drafts.
 */
export class TreatmentsPage extends ConsolePage {
  static override styles = [consoleStyles, css`
    .layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
    @media (min-width: 1300px) { .layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
    .order-buttons { display: inline-flex; gap: 0.35rem; }
    tr[aria-current='true'] td, tr[aria-current='true'] th { background: var(--c-surface); }
  `];

  private readonly api = () => catalogMethods(this.ctx.call);
  private readonly data = new Loader(this, async () => {
    const [{ treatments }, { providers }, { clinics }] = await Promise.all([this.api().listTreatments(), this.api().listProviders(), this.api().listClinics()]);
    return { treatments, providers, clinics };
  }, (value) => this.fill(value));
  private readonly orderForm = new FormController<{ ids: string[] }>(this);
  private readonly form = new FormController<TreatmentDraft>(this);
  private readonly createForm = new FormController<{ newTreatment: { name: string; durationMinutes: number | null } }>(this);
  private readonly createDialog = new ConsoleDialog(this, 'create', { id: 'create-dialog' });
  private actionError = '';
  /** The treatment the form was filled for. */
  private filledId: string | undefined;

  private get t() {
    return translator(treatmentsTexts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    void this.data.load();
  }

  private selected(treatments: readonly AdminTreatment[]): AdminTreatment | undefined {
    const wanted = this.query.get('id');
    return treatments.find((t) => t.id === wanted) ?? [...treatments].filter((t) => t.active).sort((a, b) => a.order - b.order)[0] ?? treatments[0];
  }

  private fill({ treatments }: { treatments: AdminTreatment[]; providers: AdminProvider[]; clinics: AdminClinic[] }): void {
    const ids = treatments.filter((t) => t.active).sort((a, b) => a.order - b.order).map((t) => t.id);
    refill(this.orderForm, { ids }, sameIds(this.orderForm.draft?.ids, ids));
    const treatment = this.selected(treatments);
    if (treatment) refill(this.form, toDraft(treatment), this.filledId === treatment.id);
    this.filledId = treatment?.id;
    this.createForm.load({ newTreatment: { name: '', durationMinutes: 30 } });
    this.actionError = '';
  }

  private replace(saved: AdminTreatment): void {
    const value = this.data.value!;
    this.data.set({ ...value, treatments: value.treatments.map((t) => (t.id === saved.id ? saved : t)) });
  }

  private async save(treatment: AdminTreatment, draft: TreatmentDraft): Promise<TreatmentDraft> {
    const { name, durationMinutes, description, online, providerIds, clinicIds } = draft;
    let saved = await this.api().updateTreatment(treatment.id, { name, durationMinutes: durationMinutes ?? Number.NaN, description, online });
    this.replace(saved);
    if (!sameSet(providerIds, saved.providerIds) || !sameSet(clinicIds, saved.clinicIds)) {
      saved = await this.api().setTreatmentOffers(treatment.id, { providerIds, clinicIds });
      this.replace(saved);
    }
    return toDraft(saved);
  }

  private move(index: number, by: -1 | 1, id: string, name: string): void {
    const ids = moved(this.orderForm.draft!.ids, index, by);
    this.orderForm.set('ids', ids);
    void refocusMoved(this, (text) => this.ctx.announce(text), this.ctx.locale, id, by === -1 ? 'up' : 'down', name, ids.indexOf(id) + 1, ids.length);
  }

  private async archive(treatment: AdminTreatment): Promise<void> {
    this.actionError = '';
    try {
      await (treatment.active ? this.api().archiveTreatment(treatment.id) : this.api().restoreTreatment(treatment.id));
      this.ctx.announce(this.t(treatment.active ? 'archivedDone' : 'restoredDone', { name: treatment.name }));
      await this.data.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('[data-action="archive"]')?.focus();
    } catch (error) {
      this.actionError = errorText(error, this.ctx.locale);
      this.requestUpdate();
    }
  }

  private previewDraft(treatment: AdminTreatment | undefined) {
    const items: Record<string, Record<string, unknown>> = {};
    this.orderForm.draft?.ids.forEach((id, index) => { items[id] = { order: index + 1 }; });
    const d = this.form.draft;
    if (treatment && d) items[treatment.id] = { ...items[treatment.id], name: d.name, ...(d.durationMinutes ? { durationMinutes: d.durationMinutes } : {}), description: d.description, providerIds: d.providerIds, clinicIds: d.clinicIds };
    // Opens the preview at the treatment step of a clinic offering it, where the drafted treatment shows.
    const clinic = d?.clinicIds[0];
    return { items, ...(clinic ? { attributes: { clinic } } : {}) };
  }

  override render() {
    const t = this.t;
    return this.data.render(({ treatments, providers, clinics }) => {
      const byId = new Map(treatments.map((x) => [x.id, x]));
      const ids = this.orderForm.draft?.ids ?? [];
      const selected = this.selected(treatments);
      const archived = treatments.filter((x) => !x.active);
      return html`<div class="layout">
        <div class="editor">
          <section class="card" aria-labelledby="order-heading">
            <div class="toolbar">
              <h2 id="order-heading">${t('order')}</h2>
              <button type="button" class="secondary" data-action="create" @click=${(e: Event) => { this.createForm.load({ newTreatment: { name: '', durationMinutes: 30 } }); void this.createDialog.show(e); }}>${t('create')}</button>
            </div>
            ${ids.length === 0 ? html`<p class="empty">${t('none')}</p>` : html`
            <form @submit=${this.orderForm.onSubmit(async ({ ids: order }) => {
              const list = await this.api().orderTreatments(order);
              this.data.set({ ...this.data.value!, treatments: list.treatments });
              return { ids: list.treatments.filter((x) => x.active).sort((a, b) => a.order - b.order).map((x) => x.id) };
            })}>
              <p class="hint" id="order-hint">${t('orderHint')}</p>
              <div class="table-wrap"><table aria-describedby="order-hint">
                <caption>${t('orderCaption')}</caption>
                <thead><tr><th scope="col">${t('position')}</th><th scope="col">${t('name')}</th><th scope="col">${t('duration')}</th><th scope="col">${t('online')}</th><th scope="col">${t('actions')}</th><th scope="col"><span class="sr-only">${t('edit')}</span></th></tr></thead>
                <tbody>${ids.map((id, index) => {
                  const x = byId.get(id);
                  if (!x) return nothing;
                  const current = x.id === selected?.id;
                  return html`<tr aria-current=${current ? 'true' : 'false'}>
                    <td>${index + 1}</td><th scope="row">${x.name}</th><td>${x.durationMinutes}</td><td>${x.online ? t('onlineYes') : t('onlineNo')}</td>
                    <td>${orderButtons(this.ctx.locale, x.name, x.id, index, ids.length, (by) => this.move(index, by, x.id, x.name))}</td>
                    <td>${current ? html`<span class="badge">${t('editing')}</span>` : html`<a href=${this.ctx.href('/web/treatments', { id: x.id })} aria-label=${t('editName', { name: x.name })}>${t('edit')}</a>`}</td>
                  </tr>`;
                })}</tbody>
              </table></div>
              ${this.orderForm.actions()}
            </form>`}
            ${archived.length ? html`<div class="table-wrap"><table>
              <caption>${t('archivedCaption')}</caption>
              <thead><tr><th scope="col">${t('name')}</th><th scope="col"><span class="sr-only">${t('edit')}</span></th></tr></thead>
              <tbody>${archived.map((x) => html`<tr aria-current=${x.id === selected?.id ? 'true' : 'false'}><th scope="row">${x.name}</th>
                <td><a href=${this.ctx.href('/web/treatments', { id: x.id })} aria-label=${t('editName', { name: x.name })}>${t('edit')}</a></td></tr>`)}</tbody>
            </table></div>` : nothing}
          </section>
          ${selected ? this.renderTreatment(selected, providers, clinics) : nothing}
        </div>
        <console-preview .organization=${this.ctx.me.organization.subdomain} .locale=${this.ctx.locale} .draft=${this.previewDraft(selected)}></console-preview>
      </div>
      ${this.renderCreate()}`;
    });
  }

  private renderTreatment(treatment: AdminTreatment, providers: readonly AdminProvider[], clinics: readonly AdminClinic[]) {
    const t = this.t;
    const f = this.form;
    const set = (path: 'providerIds' | 'clinicIds', id: string, on: boolean) => {
      const now = (f.get(path) as string[]) ?? [];
      f.set(path, on ? [...now.filter((x) => x !== id), id] : now.filter((x) => x !== id));
    };
    const group = (path: 'providerIds' | 'clinicIds', legend: string, items: ReadonlyArray<{ id: string; name: string }>, empty: string) => html`
      <fieldset aria-describedby="offers-hint${f.errors[path] ? ` ${path}-error` : ''}">
        <legend>${legend}</legend>
        ${items.length === 0 ? html`<p class="empty">${empty}</p>` : items.map((item) => html`<div class="check">
          <input type="checkbox" id="${path}-${item.id}" .checked=${((f.get(path) as string[]) ?? []).includes(item.id)} @change=${(e: Event) => set(path, item.id, (e.target as HTMLInputElement).checked)}>
          <label for="${path}-${item.id}">${item.name}</label></div>`)}
        ${f.errors[path] ? html`<p class="field-error" id="${path}-error">${f.errors[path]}</p>` : nothing}
      </fieldset>`;
    return html`
      <section class="card" aria-labelledby="treatment-heading">
        <h2 id="treatment-heading">${t('details', { name: treatment.name })}</h2>
        <form @submit=${f.onSubmit((draft) => this.save(treatment, draft))}>
          ${f.input('name', t('name'), { required: true, maxlength: 200 })}
          ${f.input('durationMinutes', t('duration'), { type: 'number', min: 5, max: 720, required: true, inputmode: 'numeric', hint: t('durationHint') })}
          ${f.textarea('description', t('description'), { maxlength: 4000, rows: 4 })}
          ${f.checkbox('online', t('onlineLabel'))}
          <p class="hint" id="offers-hint">${t('offersHint')}</p>
          <div class="grid-2">
            ${group('providerIds', t('providers'), providers.filter((p) => p.active || treatment.providerIds.includes(p.id)), t('noProviders'))}
            ${group('clinicIds', t('clinics'), clinics.filter((c) => c.active || treatment.clinicIds.includes(c.id)), t('noClinics'))}
          </div>
          ${f.actions({ labels: { name: t('name'), durationMinutes: t('duration'), description: t('description'), online: t('onlineLabel'), providerIds: t('providers'), clinicIds: t('clinics') } })}
        </form>
      </section>
      <section class="card" aria-labelledby="archive-heading">
        <h2 id="archive-heading">${t('archiveSection')}</h2>
        <p>${treatment.active ? t('archiveOn') : t('archiveOff')}</p>
        <button type="button" class=${treatment.active ? 'danger' : 'secondary'} data-action="archive" @click=${() => void this.archive(treatment)}>${treatment.active ? t('archive') : t('restore')}</button>
        ${this.actionError ? html`<p class="notice error" role="alert">${this.actionError}</p>` : nothing}
      </section>`;
  }

  private renderCreate() {
    const t = this.t;
    return this.createDialog.render(t('createHeading'), () => html`<form @submit=${this.createForm.onSubmit(async ({ newTreatment: { name, durationMinutes } }) => {
        const treatment = await this.api().createTreatment({ name, durationMinutes: durationMinutes ?? Number.NaN }).catch((error: unknown) => { throw renameIssues(error, (path) => `newTreatment.${path}`); });
        this.ctx.announce(t('created', { name: treatment.name }));
        this.createDialog.close();
        this.ctx.navigate('/web/treatments', { id: treatment.id });
        return { newTreatment: { name: '', durationMinutes: 30 } };
      })}>
        ${this.createForm.input('newTreatment.name', t('name'), { required: true, maxlength: 200 })}
        ${this.createForm.input('newTreatment.durationMinutes', t('duration'), { type: 'number', min: 5, max: 720, required: true, inputmode: 'numeric' })}
        ${this.createForm.actions({ labels: { 'newTreatment.name': t('name'), 'newTreatment.durationMinutes': t('duration') } })}
      </form>`);
  }
}

customElements.define('console-treatments-page', TreatmentsPage);
