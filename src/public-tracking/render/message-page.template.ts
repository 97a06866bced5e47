import type { Language } from '../i18n/languages';
import type { MessageKey } from '../i18n/messages.en';
import type { Translator } from '../i18n/translator';
import { html } from './html';
import { renderLayout } from './page-layout.template';

export interface MessagePageInput {
  t: Translator;
  languageHref: (language: Language) => string;
  kind: 'notFound' | 'limited' | 'error';
  retryAfterSeconds?: number;
  /** Show the form to look a parcel up by tracking number and postal code. */
  lookupAction?: string;
}

/** Not found, too many requests, and errors: one short page each, in the reader's language. */
export function renderMessagePage(input: MessagePageInput): string {
  const { t } = input;
  const title = t.t(`${input.kind}.title` as MessageKey);
  const text = t.t(`${input.kind}.text` as MessageKey, { seconds: input.retryAfterSeconds ?? 60 });
  const main = html`<h1>${title}</h1>
<div class="card"><p>${text}</p></div>
${input.lookupAction ? renderLookupForm(t, input.lookupAction) : ''}`;
  return renderLayout({ t, title: `${title} · ${t.t('page.title')}`, languageHref: input.languageHref, main });
}

/** The "track by number" form: GET, so it works without JavaScript and the result can be reloaded. */
export function renderLookupForm(t: Translator, action: string) {
  return html`<section class="card" aria-labelledby="lookup-h">
<h2 id="lookup-h">${t.t('lookup.heading')}</h2>
<form method="get" action="${action}">
<input type="hidden" name="lang" value="${t.language}">
<div class="field"><label for="number">${t.t('lookup.number')}</label><input id="number" name="number" type="text" autocomplete="off" maxlength="64" required></div>
<div class="field"><label for="lookup-postal">${t.t('lookup.postalCode')}</label><input id="lookup-postal" name="postalCode" type="text" autocomplete="postal-code" maxlength="16" required></div>
<button type="submit">${t.t('lookup.submit')}</button>
</form>
</section>`;
}
