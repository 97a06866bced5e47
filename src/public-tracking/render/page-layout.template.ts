import { LANGUAGE_NAMES, LANGUAGES, HTML_LANG, Language } from '../i18n/languages';
import type { Translator } from '../i18n/translator';
import { html, SafeHtml } from './html';
import { PAGE_CSS } from './page-styles';

export interface LayoutInput {
  t: Translator;
  title: string;
  /** Where each language's link of the switch goes (same page, `?lang=`). */
  languageHref: (language: Language) => string;
  main: SafeHtml;
}

/**
 * The frame of every public page: language, viewport for phones, the skip link, a header with the
 * language switch (plain links, so it works without JavaScript), the main landmark and a footer.
 */
export function renderLayout({ t, title, languageHref, main }: LayoutInput): string {
  const switcher = LANGUAGES.map(
    (l) =>
      html`<li><a href="${languageHref(l)}" hreflang="${HTML_LANG[l]}" lang="${HTML_LANG[l]}"${l === t.language ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[l]}</a></li>`,
  );
  return html`<!doctype html>
<html lang="${t.htmlLang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${title}</title>
<style>${new SafeHtml(PAGE_CSS)}</style>
</head>
<body>
<a class="skip" href="#main">${t.t('page.skip')}</a>
<header class="top">
<p class="brand">${t.t('page.title')}</p>
<nav aria-label="${t.t('page.language')}"><ul class="langs">${switcher}</ul></nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
<footer><p>${t.t('page.footer.times')}</p><p>${t.t('page.footer.privacy')}</p></footer>
</body>
</html>
`.value;
}
