import { DEFAULT_LANGUAGE, DEFAULT_LOCALE, isLanguage, Language } from './languages';

export interface LanguageChoice {
  language: Language;
  /** BCP 47 locale for dates and numbers, e.g. `en-US` when the buyer asked for American English. */
  locale: string;
  /** Where the choice came from: the `?lang=` switch, the `Accept-Language` header, or the default. */
  source: 'query' | 'header' | 'default';
}

/** Longer headers are cut: no browser sends more, and parsing must stay cheap for anonymous callers. */
const MAX_HEADER = 512;
const MAX_RANGES = 24;

/**
 * Picks the page language: an explicit `?lang=` wins (the visible switch), then the best
 * `Accept-Language` range we have a catalog for (RFC 9110 q-values, `*` meaning the default), then
 * English. A regional tag keeps its region for dates and numbers (`en-US`, `de-AT`, `es-MX`) except
 * Chinese, whose catalog is Simplified and is formatted as `zh-CN`.
 */
export function negotiateLanguage(queryLang: string | undefined, acceptLanguage: string | undefined): LanguageChoice {
  const fromQuery = typeof queryLang === 'string' ? match(queryLang) : undefined;
  if (fromQuery) return { ...fromQuery, source: 'query' };
  for (const range of parseAcceptLanguage(acceptLanguage)) {
    if (range === '*') return { language: DEFAULT_LANGUAGE, locale: DEFAULT_LOCALE[DEFAULT_LANGUAGE], source: 'header' };
    const m = match(range);
    if (m) return { ...m, source: 'header' };
  }
  return { language: DEFAULT_LANGUAGE, locale: DEFAULT_LOCALE[DEFAULT_LANGUAGE], source: 'default' };
}

/** Language ranges by preference (highest q first, header order among equals), q=0 dropped. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const ranges: { tag: string; q: number; i: number }[] = [];
  const parts = header.slice(0, MAX_HEADER).split(',').slice(0, MAX_RANGES);
  parts.forEach((part, i) => {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag.trim();
    if (!/^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Math.min(1, Number(m[1]));
      else if (/^\s*q\s*=/i.test(p)) q = -1; // malformed weight: ignore the range
    }
    if (q > 0) ranges.push({ tag, q, i });
  });
  return ranges.sort((a, b) => b.q - a.q || a.i - b.i).map((r) => r.tag);
}

function match(tag: string): Omit<LanguageChoice, 'source'> | undefined {
  const trimmed = tag.trim();
  if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(trimmed)) return undefined;
  const base = trimmed.split('-')[0].toLowerCase();
  if (!isLanguage(base)) return undefined;
  return { language: base, locale: localeFor(base, trimmed) };
}

const localeCache = new Map<string, string>();

function localeFor(language: Language, tag: string): string {
  if (language === 'zh' || !tag.includes('-')) return DEFAULT_LOCALE[language];
  const key = tag.toLowerCase();
  let locale = localeCache.get(key);
  if (locale === undefined) {
    locale = resolveLocale(language, tag);
    if (localeCache.size < 500) localeCache.set(key, locale);
  }
  return locale;
}

function resolveLocale(language: Language, tag: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    const supported = Intl.DateTimeFormat.supportedLocalesOf([canonical]);
    return supported[0] ?? DEFAULT_LOCALE[language];
  } catch {
    return DEFAULT_LOCALE[language];
  }
}
