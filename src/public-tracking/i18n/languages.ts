import { de } from './messages.de';
import { en, Messages } from './messages.en';
import { es } from './messages.es';
import { fr } from './messages.fr';
import { zh } from './messages.zh';

/** Languages of the public tracking page, in the order of the language switch. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const CATALOGS: Readonly<Record<Language, Messages>> = { en, de, fr, es, zh };

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  zh: '中文',
};

/** The `lang` attribute: the catalogs are Simplified Chinese, which screen readers and fonts need to know. */
export const HTML_LANG: Readonly<Record<Language, string>> = { en: 'en', de: 'de', fr: 'fr', es: 'es', zh: 'zh-Hans' };

/** Locale for dates and numbers when the request names no region (or one we cannot use). */
export const DEFAULT_LOCALE: Readonly<Record<Language, string>> = { en: 'en-GB', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', zh: 'zh-CN' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
