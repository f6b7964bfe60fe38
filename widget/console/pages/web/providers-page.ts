import { css, html, nothing } from 'lit';
import { catalogMethods } from '../../../../sdk/admin/catalog.ts';
import type { AdminClinic, AdminProvider, ProviderClinicsRequest } from '../../../../sdk/schemas/catalog-admin.ts';
import type { StrandedAppointment } from '../../../../sdk/schemas/schedules.ts';
import { translator } from '../../i18n.ts';
import '../../preview/console-preview.ts';
import { FormController, renameIssues } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import { strandedNotice, refill } from './clinics-kit.ts';
import { providersTexts } from './providers-texts.ts';

/** The server's limit for a provider photo (25 KB), checked here before anything is sent. */
export const PHOTO_MAX_BYTES = 25 * 1024;

interface ProviderDraft { name: string; title: string; bio: string }
interface PlaceRow { clinicId: string; clinicName: string; works: boolean; published: boolean; consentPhoto: boolean; consentTitle: boolean; order: number | null }
interface PhotoDraft { dataUrl: string; file: string; size: number }

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const kb = (bytes: number) => (Math.round((bytes / 1024) * 10) / 10).toLocaleString('en');

const placeRows = (provider: AdminProvider, clinics: readonly AdminClinic[]): PlaceRow[] => clinics.filter((c) => c.active || provider.clinics.some((p) => p.clinicId === c.id))
  .sort((a, b) => a.order - b.order).map((c) => {
    const at = provider.clinics.find((p) => p.clinicId === c.id);
    return { clinicId: c.id, clinicName: c.name, works: Boolean(at), published: at?.published ?? true, consentPhoto: at?.consentPhoto ?? false, consentTitle: at?.consentTitle ?? false, order: at?.order ?? null };
  });

/** Reads a chosen file as a data: URL in the browser (nothing is sent). */
const readAsDataUrl = (file: File) => new Promise<string>((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(String(reader.result));
  reader.onerror = () => reject(reader.error);
  reader.readAsDataURL(file);
});

/**
 * W3 (seed 001's "Behandlare" and "Hantera samtycke"): providers, a new one,
 * name, title and text, the photo (previewed in the browser, refused above
 * 25 KB before sending), where they work with consent per clinic and their
 * position there, archive/restore; the live preview shows the drafts.
 */
export class ProvidersPage extends ConsolePage {
  static override styles = [consoleStyles, css`
    .layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
    @media (min-width: 1300px) { .layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
    tr[aria-current='true'] td, tr[aria-current='true'] th { background: var(--c-surface); }
    .photos { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
    .photos figure { margin: 0; }
    .photos img { display: block; width: 8rem; height: 8rem; object-fit: cover; border: 1px solid var(--c-line); border-radius: var(--radius); }
    figcaption { font-size: 0.9rem; color: var(--c-muted); max-width: 14rem; }
    input.position { width: 5rem; }
  `];

  private readonly api = () => catalogMethods(this.ctx.call);
  private readonly data = new Loader(this, async () => {
    const [{ clinics }, { providers }, zone] = await Promise.all([this.api().listClinics(), this.api().listProviders(), this.ctx.me.organization.timeZone]);
    return { clinics, providers, zone };
  }, (value) => this.fill(value));
  private readonly form = new FormController<ProviderDraft>(this);
  private readonly placeForm = new FormController<{ rows: PlaceRow[] }>(this);
  private readonly createForm = new FormController<{ newProvider: { name: string; title: string } }>(this);
  private readonly createDialog = new ConsoleDialog(this, 'create', { id: 'create-dialog' });
  private photo: PhotoDraft | undefined;
  private photoError = '';
  private photoBusy = false;
  private photoVersion = 0;
  private actionError = '';
  /** The provider the forms were filled for. */
  private filledId: string | undefined;
  private stranded: StrandedAppointment[] = [];

  private get t() {
    return translator(providersTexts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    void this.data.load();
  }

  private selected(providers: readonly AdminProvider[]): AdminProvider | undefined {
    const wanted = this.query.get('id');
    return providers.find((p) => p.id === wanted) ?? providers.find((p) => p.active) ?? providers[0];
  }

  private fill({ clinics, providers }: { clinics: AdminClinic[]; providers: AdminProvider[]; zone: string }): void {
    const provider = this.selected(providers);
    if (provider) {
      refill(this.form, { name: provider.name, title: provider.title, bio: provider.bio }, this.filledId === provider.id);
      refill(this.placeForm, { rows: placeRows(provider, clinics) }, this.filledId === provider.id);
    }
    if (this.filledId !== provider?.id) this.photo = undefined;
    this.filledId = provider?.id;
    this.createForm.load({ newProvider: { name: '', title: '' } });
    this.photoError = '';
    this.actionError = '';
    this.stranded = [];
  }

  private replaceProvider(saved: AdminProvider): void {
    const value = this.data.value!;
    this.data.set({ ...value, providers: value.providers.map((p) => (p.id === saved.id ? saved : p)) });
  }

  /** A chosen file: refused here above 25 KB or of another type, else shown before it is uploaded. */
  private async choose(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    this.photoError = '';
    this.photo = undefined;
    if (!file) return this.requestUpdate();
    if (!IMAGE_TYPES.includes(file.type)) {
      this.photoError = this.t('photoWrongType');
    } else if (file.size > PHOTO_MAX_BYTES) {
      this.photoError = this.t('photoTooLarge', { size: kb(file.size) });
    } else {
      this.photo = { dataUrl: await readAsDataUrl(file), file: file.name, size: file.size };
    }
    if (this.photoError) input.value = '';
    this.requestUpdate();
  }

  private async upload(provider: AdminProvider): Promise<void> {
    if (!this.photo || this.photoBusy) return;
    this.photoBusy = true;
    this.photoError = '';
    this.requestUpdate();
    try {
      const saved = await this.api().setProviderPhoto(provider.id, { data: this.photo.dataUrl.slice(this.photo.dataUrl.indexOf(',') + 1) });
      this.photo = undefined;
      this.photoVersion++;
      this.replaceProvider(saved);
      this.ctx.announce(this.t('uploaded'));
    } catch (error) {
      if (error instanceof OpusApiError && error.code === 'unauthorized') this.ctx.sessionEnded();
      const issue = error instanceof OpusApiError ? error.issues.find((i) => i.path === 'data')?.message : undefined;
      this.photoError = `${errorText(error, this.ctx.locale)}${issue ? ` ${issue}` : ''}`;
    } finally {
      this.photoBusy = false;
      this.requestUpdate();
    }
  }

  private async deletePhoto(provider: AdminProvider): Promise<void> {
    this.photoError = '';
    try {
      this.replaceProvider(await this.api().deleteProviderPhoto(provider.id));
      this.ctx.announce(this.t('deleted'));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#photo-file')?.focus();
    } catch (error) {
      this.photoError = errorText(error, this.ctx.locale);
      this.requestUpdate();
    }
  }

  private async archive(provider: AdminProvider): Promise<void> {
    this.actionError = '';
    try {
      await (provider.active ? this.api().archiveProvider(provider.id) : this.api().restoreProvider(provider.id));
      this.ctx.announce(this.t(provider.active ? 'archivedDone' : 'restoredDone', { name: provider.name }));
      await this.data.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('[data-action="archive"]')?.focus();
    } catch (error) {
      this.actionError = errorText(error, this.ctx.locale);
      this.requestUpdate();
    }
  }

  private async savePlaces(provider: AdminProvider, rows: PlaceRow[]): Promise<{ rows: PlaceRow[] }> {
    const request: ProviderClinicsRequest = {
      clinics: rows.filter((r) => r.works).map((r) => ({ clinicId: r.clinicId, ...(r.order === null ? {} : { order: r.order }), published: r.published, consentPhoto: r.consentPhoto, consentTitle: r.consentTitle })),
    };
    const result = await this.api().setProviderClinics(provider.id, request);
    const saved = { ...provider, clinics: result.clinics };
    this.replaceProvider(saved);
    this.stranded = result.stranded;
    return { rows: placeRows(saved, this.data.value!.clinics) };
  }

  /** The public answer's fields for this provider as drafted: title and photo only where consented everywhere they are shown (as the API does). */
  private previewDraft(provider: AdminProvider | undefined) {
    if (!provider || !this.form.draft) return {};
    const d = this.form.draft;
    const shown = (this.placeForm.draft?.rows ?? []).filter((r) => r.works && r.published);
    const photoAt = (clinicId: string) => this.photo?.dataUrl ?? (provider.photoType ? `/api/v1/organizations/${this.ctx.me.organization.subdomain}/providers/${provider.id}/photo?clinicId=${clinicId}` : undefined);
    const everywhere = (key: 'consentPhoto' | 'consentTitle') => shown.length > 0 && shown.every((r) => r[key]);
    const item: Record<string, unknown> = {
      name: d.name, bio: d.bio,
      clinics: shown.map((r) => ({ clinicId: r.clinicId, order: r.order ?? 0, ...(r.consentTitle && d.title ? { title: d.title } : {}), ...(r.consentPhoto && photoAt(r.clinicId) ? { photoUrl: photoAt(r.clinicId) } : {}) })),
    };
    if (everywhere('consentTitle') && d.title) item.title = d.title;
    if (everywhere('consentPhoto') && this.photo) item.photoUrl = this.photo.dataUrl;
    // Opens the preview at a clinic where they are shown, a step nearer the provider step.
    return { items: { [provider.id]: item }, ...(shown[0] ? { attributes: { clinic: shown[0].clinicId } } : {}) };
  }

  override render() {
    const t = this.t;
    return this.data.render(({ providers }) => {
      const selected = this.selected(providers);
      return html`<div class="layout">
        <div class="editor">
          <section class="card" aria-labelledby="list-heading">
            <div class="toolbar">
              <h2 id="list-heading">${t('list')}</h2>
              <button type="button" class="secondary" data-action="create" @click=${(e: Event) => { this.createForm.load({ newProvider: { name: '', title: '' } }); void this.createDialog.show(e); }}>${t('create')}</button>
            </div>
            ${providers.length === 0 ? html`<p class="empty">${t('none')}</p>` : html`<div class="table-wrap"><table>
              <caption class="sr-only">${t('listCaption')}</caption>
              <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('title')}</th><th scope="col">${t('status')}</th><th scope="col"><span class="sr-only">${t('edit')}</span></th></tr></thead>
              <tbody>${providers.map((p) => html`<tr aria-current=${p.id === selected?.id ? 'true' : 'false'}>
                <th scope="row">${p.name}</th><td>${p.title}</td><td>${p.active ? t('active') : t('archivedStatus')}</td>
                <td>${p.id === selected?.id ? html`<span class="badge">${t('editing')}</span>` : html`<a href=${this.ctx.href('/web/providers', { id: p.id })} aria-label=${t('editName', { name: p.name })}>${t('edit')}</a>`}</td>
              </tr>`)}</tbody>
            </table></div>`}
          </section>
          ${selected ? this.renderProvider(selected) : nothing}
        </div>
        <console-preview .organization=${this.ctx.me.organization.subdomain} .locale=${this.ctx.locale} .draft=${this.previewDraft(selected)}></console-preview>
      </div>
      ${this.renderCreate()}`;
    });
  }

  private renderProvider(provider: AdminProvider) {
    const t = this.t;
    const f = this.form;
    const rows = this.placeForm.draft?.rows ?? [];
    const consented = provider.clinics.find((c) => c.consentPhoto && c.published);
    const storedUrl = consented && provider.photoType ? `${this.ctx.origin}/api/v1/organizations/${this.ctx.me.organization.subdomain}/providers/${provider.id}/photo?clinicId=${consented.clinicId}&v=${this.photoVersion}` : undefined;
    return html`
      <section class="card" aria-labelledby="provider-heading">
        <h2 id="provider-heading">${t('details', { name: provider.name })}</h2>
        <form @submit=${f.onSubmit(async (draft) => {
          const saved = await this.api().updateProvider(provider.id, draft);
          this.replaceProvider(saved);
          return { name: saved.name, title: saved.title, bio: saved.bio };
        })}>
          ${f.input('name', t('name'), { required: true, maxlength: 200 })}
          ${f.input('title', t('title'), { maxlength: 200, hint: t('titleHint') })}
          ${f.textarea('bio', t('bio'), { maxlength: 4000, rows: 5 })}
          ${f.actions({ labels: { name: t('name'), title: t('title'), bio: t('bio') } })}
        </form>
      </section>
      <section class="card" aria-labelledby="photo-heading">
        <h2 id="photo-heading">${t('photo')}</h2>
        <div class="photos">
          <figure>
            ${storedUrl ? html`<img src=${storedUrl} alt=${t('currentAlt', { name: provider.name })} @error=${(e: Event) => { (e.target as HTMLElement).hidden = true; }}>` : nothing}
            <figcaption>${provider.photoType ? t('photoStored', { type: provider.photoType }) : t('noPhoto')}</figcaption>
          </figure>
          ${this.photo ? html`<figure>
            <img src=${this.photo.dataUrl} alt=${t('draftAlt', { name: provider.name })} data-draft-photo>
            <figcaption>${t('photoChosen', { file: this.photo.file, size: kb(this.photo.size) })}</figcaption>
          </figure>` : nothing}
        </div>
        <div class="field">
          <label for="photo-file">${t('photoFile')}</label>
          <input id="photo-file" type="file" accept=${IMAGE_TYPES.join(',')} aria-describedby="photo-hint${this.photoError ? ' photo-error' : ''}" aria-invalid=${this.photoError ? 'true' : 'false'}
            @change=${(e: Event) => void this.choose(e.target as HTMLInputElement)}>
          <p class="hint" id="photo-hint">${t('photoHint')}</p>
          ${this.photoError ? html`<p class="field-error" id="photo-error" role="alert">${this.photoError}</p>` : nothing}
        </div>
        <div class="actions">
          ${this.photo ? html`<button type="button" data-action="upload" ?disabled=${this.photoBusy} @click=${() => void this.upload(provider)}>${this.photoBusy ? t('uploading') : t('upload')}</button>
            <button type="button" class="secondary" data-action="discard" @click=${() => { this.photo = undefined; this.photoError = ''; this.requestUpdate(); }}>${t('discard')}</button>` : nothing}
          ${provider.photoType ? html`<button type="button" class="danger" data-action="delete-photo" @click=${() => void this.deletePhoto(provider)}>${t('deletePhoto')}</button>` : nothing}
        </div>
      </section>
      <section class="card" aria-labelledby="where-heading">
        <h2 id="where-heading">${t('where', { name: provider.name })}</h2>
        <p id="where-intro">${t('whereIntro')}</p>
        ${rows.length === 0 ? html`<p class="empty">${t('noClinics')}</p>` : html`
        <form @submit=${this.placeForm.onSubmit((draft) => this.savePlaces(provider, draft.rows))}>
          <div class="table-wrap"><table aria-describedby="where-intro">
            <caption>${t('whereCaption', { name: provider.name })}</caption>
            <thead><tr><th scope="col">${t('clinic')}</th><th scope="col">${t('works')}</th><th scope="col">${t('published')}</th><th scope="col">${t('consentPhoto')}</th><th scope="col">${t('consentTitle')}</th><th scope="col">${t('order')}</th></tr></thead>
            <tbody>${rows.map((row, i) => {
              const names = { name: provider.name, clinic: row.clinicName };
              const box = (key: 'works' | 'published' | 'consentPhoto' | 'consentTitle', label: 'worksLabel' | 'publishedLabel' | 'photoLabel' | 'titleLabel') => html`<td><input type="checkbox" id="place-${i}-${key}" .checked=${row[key]}
                ?disabled=${key !== 'works' && !row.works} aria-label=${t(label, names)} @change=${(e: Event) => this.placeForm.set(`rows.${i}.${key}`, (e.target as HTMLInputElement).checked)}></td>`;
              return html`<tr>
                <th scope="row">${row.clinicName}</th>
                ${box('works', 'worksLabel')}${box('published', 'publishedLabel')}${box('consentPhoto', 'photoLabel')}${box('consentTitle', 'titleLabel')}
                <td><input class="position" id="place-${i}-order" type="number" min="0" max="100000" inputmode="numeric" ?disabled=${!row.works} aria-label=${t('orderLabel', names)}
                  .value=${row.order === null ? '' : String(row.order)} @input=${(e: Event) => { const raw = (e.target as HTMLInputElement).value; this.placeForm.set(`rows.${i}.order`, raw === '' ? null : Number(raw)); }}></td>
              </tr>`;
            })}</tbody>
          </table></div>
          ${this.placeForm.actions()}
        </form>`}
        ${strandedNotice(this.stranded, this.ctx.locale, this.data.value!.zone, (date) => this.ctx.href('/book', { date }))}
      </section>
      <section class="card" aria-labelledby="online-heading">
        <h2 id="online-heading">${t('online')}</h2>
        <p>${t(provider.active ? 'onlineOn' : 'onlineOff', { name: provider.name })}</p>
        <button type="button" class=${provider.active ? 'danger' : 'secondary'} data-action="archive" @click=${() => void this.archive(provider)}>${provider.active ? t('archive') : t('restore')}</button>
        ${this.actionError ? html`<p class="notice error" role="alert">${this.actionError}</p>` : nothing}
      </section>`;
  }

  private renderCreate() {
    const t = this.t;
    return this.createDialog.render(t('createHeading'), () => html`<form @submit=${this.createForm.onSubmit(async ({ newProvider: { name, title } }) => {
        const provider = await this.api().createProvider({ name, title }).catch((error: unknown) => { throw renameIssues(error, (path) => `newProvider.${path}`); });
        this.ctx.announce(t('created', { name: provider.name }));
        this.createDialog.close();
        this.ctx.navigate('/web/providers', { id: provider.id });
        return { newProvider: { name: '', title: '' } };
      })}>
        ${this.createForm.input('newProvider.name', t('name'), { required: true, maxlength: 200 })}
        ${this.createForm.input('newProvider.title', t('title'), { maxlength: 200 })}
        ${this.createForm.actions({ labels: { 'newProvider.name': t('name'), 'newProvider.title': t('title') } })}
      </form>`);
  }
}

customElements.define('console-providers-page', ProvidersPage);
