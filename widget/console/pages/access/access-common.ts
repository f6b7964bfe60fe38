import { css, html, nothing, type TemplateResult } from 'lit';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { Locale } from '../../../../sdk/schemas/common.ts';
import type { ConsoleContext } from '../../context.ts';
import type { FormController } from '../../ui/form.ts';
import { INTL, translator, type Texts } from '../../i18n.ts';
import { errorText, uiTexts } from '../../ui/ui-texts.ts';

/** Texts the access pages share. */
const texts = {
  en: {
    owner: 'Owner', admin: 'Administrator', reception: 'Reception',
    yes: 'Yes', no: 'No', never: 'Never', firstPage: 'First page', nextPage: 'Next page', pages: 'Pages',
    copy: 'Copy', copied: 'Copied.', copyFailed: 'Could not copy: select the text and press Ctrl+C.',
    lastOwner: 'This is the last active owner: make someone else owner first. The organization must keep an owner who can log in.',
    ownerOnly: 'Only an owner may do this with an owner’s account or make someone owner.',
    shownOnce: 'Copy it now: you will not see it again. If it is lost, make a new one.',
  },
  nb: {
    owner: 'Eier', admin: 'Administrator', reception: 'Resepsjon',
    yes: 'Ja', no: 'Nei', never: 'Aldri', firstPage: 'Første side', nextPage: 'Neste side', pages: 'Sider',
    copy: 'Kopier', copied: 'Kopiert.', copyFailed: 'Kunne ikke kopiere: merk teksten og trykk Ctrl+C.',
    lastOwner: 'Dette er den siste aktive eieren: gjør noen andre til eier først. Virksomheten må ha en eier som kan logge inn.',
    ownerOnly: 'Bare en eier kan gjøre dette med en eiers konto eller gjøre noen til eier.',
    shownOnce: 'Kopier den nå: du får ikke se den igjen. Hvis den blir borte, må du lage en ny.',
  },
  sv: {
    owner: 'Ägare', admin: 'Administratör', reception: 'Reception',
    yes: 'Ja', no: 'Nej', never: 'Aldrig', firstPage: 'Första sidan', nextPage: 'Nästa sida', pages: 'Sidor',
    copy: 'Kopiera', copied: 'Kopierat.', copyFailed: 'Det gick inte att kopiera: markera texten och tryck Ctrl+C.',
    lastOwner: 'Det här är den sista aktiva ägaren: gör någon annan till ägare först. Organisationen måste ha en ägare som kan logga in.',
    ownerOnly: 'Bara en ägare kan göra detta med en ägares konto eller göra någon till ägare.',
    shownOnce: 'Kopiera den nu: du får inte se den igen. Om den försvinner får du skapa en ny.',
  },
} satisfies Texts<string>;

export const accessTexts = (locale: Locale) => translator(texts, locale);

/** Rules the access pages add to `consoleStyles`. */
export const accessStyles = css`
  .row-actions { display: flex; flex-wrap: wrap; gap: 0.35rem; }
  .row-actions button, .row-actions a.button { padding: 0.3rem 0.7rem; }
  .secret { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; word-break: break-all; background: var(--c-surface);
    border: 1px solid var(--c-line); border-radius: var(--radius); padding: 0.5rem 0.75rem; margin: 0.25rem 0; user-select: all; }
  .pager { display: flex; gap: 0.75rem; align-items: center; margin: 0.75rem 0; }
  .pager a { min-height: 2.75rem; display: inline-flex; align-items: center; }
  ul.plain { list-style: none; margin: 0; padding: 0; }
  .secret-url { overflow-wrap: anywhere; }
  .break { overflow-wrap: anywhere; }
  .card > h2:first-child { margin-top: 0; }
  td.nowrap, th.nowrap { white-space: nowrap; }
  code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.92em; }
`;

/** An instant as date and time in `zone` (`—` for none). */
export function formatTime(iso: string | null | undefined, locale: Locale, zone: string | undefined): string {
  if (!iso) return '—';
  try {
    return new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }
}

/**
 * A failed change in words, with what the access API adds to the shared
 * texts: the last owner (409) and the owner-only changes (403).
 */
export function accessErrorText(error: unknown, locale: Locale): string {
  const t = accessTexts(locale);
  if (error instanceof OpusApiError && error.code === 'last_owner') return t('lastOwner');
  if (error instanceof OpusApiError && error.code === 'forbidden' && /owner/i.test(error.problem?.detail ?? error.message)) return t('ownerOnly');
  return errorText(error, locale);
}

/**
 * A failed action of a page (a row's button, a confirmation) in words; a
 * 401 hands over to the shell's login, as Loader and FormController do.
 */
export function actionFailed(ctx: ConsoleContext, error: unknown): string {
  if (error instanceof OpusApiError && error.code === 'unauthorized') ctx.sessionEnded();
  return accessErrorText(error, ctx.locale);
}

/**
 * The same failure with its words on `field`, so a form's summary names it
 * and marks the field (FormController reads `issues`); other failures pass.
 */
export function asFieldProblem(error: unknown, field: string, locale: Locale): unknown {
  if (!(error instanceof OpusApiError) || !['last_owner', 'forbidden'].includes(error.code) || error.issues.length) return error;
  const message = accessErrorText(error, locale);
  return new OpusApiError(error.status, error.code, message, {
    type: error.problem?.type ?? '', title: error.problem?.title ?? message, status: error.status, code: error.code as 'last_owner',
    issues: [{ path: field, message, code: error.code }],
  });
}

/**
 * Copies `text`, saying so (or how to copy by hand) through the live region.
 */
export async function copyText(ctx: ConsoleContext, text: string): Promise<boolean> {
  const t = accessTexts(ctx.locale);
  try {
    await navigator.clipboard.writeText(text);
    ctx.announce(t('copied'));
    return true;
  } catch {
    ctx.announce(t('copyFailed'));
    return false;
  }
}

/**
 * A value shown once (an API key, a webhook secret): the text, a Copy
 * button and the warning that it will not be shown again.
 */
export function shownOnce(ctx: ConsoleContext, id: string, label: string, value: string): TemplateResult {
  const t = accessTexts(ctx.locale);
  return html`<div class="notice warning" id="${id}-warning"><p><strong>${t('shownOnce')}</strong></p></div>
    <p class="label" id="${id}-label">${label}</p>
    <p class="secret" id=${id} aria-labelledby="${id}-label" aria-describedby="${id}-warning">${value}</p>
    <div class="actions"><button type="button" data-action="copy" aria-describedby="${id}-label" @click=${() => void copyText(ctx, value)}>${t('copy')}</button></div>`;
}

/**
 * Paging by the API's cursors, in the address: First page and Next page
 * links (the back button goes to the page before).
 */
export function pager(ctx: ConsoleContext, path: string, query: Record<string, string | undefined>, cursor: string | undefined, nextCursor: string | null): TemplateResult | typeof nothing {
  if (!cursor && !nextCursor) return nothing;
  const t = accessTexts(ctx.locale);
  return html`<nav class="pager" aria-label=${t('pages')}>
    ${cursor ? html`<a href=${ctx.href(path, { ...query, cursor: undefined })} data-action="first-page">${t('firstPage')}</a>` : nothing}
    ${nextCursor ? html`<a href=${ctx.href(path, { ...query, cursor: nextCursor })} data-action="next-page">${t('nextPage')}</a>` : nothing}
  </nav>`;
}

/**
 * A submit handler like `form.onSubmit(send)`, where `send` also says what
 * happened: said through the live region after the form's own “Saved.”, so
 * it is the words a screen reader is left with.
 *
 * @example
 * html`<form @submit=${submitSaying(this.ctx, form, async (draft) => ({ value: await save(draft), said: t('invited') }))}>`
 */
export function submitSaying<T>(ctx: ConsoleContext, form: FormController<T>, send: (draft: T) => Promise<{ value: T; said: string }>): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    let said = '';
    void form.save(async (draft) => {
      const answer = await send(draft);
      said = answer.said;
      return answer.value;
    }).then((saved) => {
      if (saved && said) ctx.announce(said);
    });
  };
}

/**
 * A table in a wrapper that scrolls sideways on a narrow screen: a labelled
 * region that keyboard users can focus to scroll it.
 */
export function tableWrap(label: string, table: TemplateResult): TemplateResult {
  return html`<div class="table-wrap" role="region" aria-label=${label} tabindex="0">${table}</div>`;
}

/** The text of a page-level failure of an action (a row's button), with its role=alert. */
export function actionFailure(failure: string | undefined): TemplateResult | typeof nothing {
  return failure ? html`<div class="notice error" role="alert" data-role="action-failure"><p>${failure}</p></div>` : nothing;
}

export { uiTexts };
